package io.github.goblinfish.metrics.trackers.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The moments of the process's start that the library sees, as {@link System#nanoTime()} readings:
 * the library's first code, the first tracked handler's construction, and the first invocation's
 * start. The Lambda handlers mark them; the first line of the process turns them into its {@code
 * init} parts. Each moment is taken once per process: later handlers and invocations change
 * nothing.
 *
 * <pre>{@code
 * InitClock.constructionStarted(); // first thing in a handler's constructor
 * }</pre>
 *
 * <p>The process's age when the library first runs is read from {@code /proc/self/stat} (its start
 * in clock ticks since boot) and {@code /proc/uptime} (hundredths of a second since boot): both
 * count in units of 10 ms (Linux shows user space 100 ticks a second on every architecture Lambda
 * runs), so the figure is within 20 ms of the truth. Where either cannot be read, the age is not
 * known and no part is made from it. No management class is loaded.
 *
 * <p>Not API: see the {@linkplain io.github.goblinfish.metrics.trackers.internal package}.
 * Thread-safe.
 */
public final class InitClock {
  /** A moment not taken. */
  public static final long UNSET = Long.MIN_VALUE;

  private static final long TICKS_PER_SECOND = 100;
  private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

  /**
   * Whether the process runs under a Lambda runtime (or the local runner): only there are the
   * handlers' moments taken, so that a test's handler in a JVM of many tests makes no parts.
   */
  private static volatile boolean marking = System.getenv("AWS_LAMBDA_RUNTIME_API") != null;

  private static long first = UNSET;
  private static long processAge = UNSET;
  private static long constructionStart = UNSET;
  private static long constructionEnd = UNSET;
  private static boolean firstWasConstruction;
  private static long firstInvocation = UNSET;

  /** When the process was last restored from a SnapStart snapshot; UNSET if never. */
  private static long restoreStart = UNSET;

  /** Whether the process's first line was written: read on every run's end. */
  private static volatile boolean firstLineWritten;

  /** Whether a handler's construction was marked and no invocation started yet. */
  private static volatile boolean invocationPending;

  private InitClock() {}

  /**
   * Marks the library's first code, if none ran before: an init step started, or a handler's
   * construction. Reads the process's age then.
   *
   * @param now a {@link System#nanoTime()} reading
   */
  public static synchronized void libraryStarted(long now) {
    if (first == UNSET) {
      first = now;
      long age = ageNanos();
      // The age was read after now: take off the time the reading took.
      processAge = age == UNSET ? UNSET : age - (System.nanoTime() - now);
    }
  }

  /** Marks the start of a tracked handler's construction: its base class's constructor. */
  public static synchronized void constructionStarted() {
    if (!marking || constructionStart != UNSET) {
      return;
    }
    long now = System.nanoTime();
    firstWasConstruction = first == UNSET;
    libraryStarted(now);
    constructionStart = now;
    invocationPending = true;
  }

  /** Marks the end of the base class's constructor of the handler whose start was marked. */
  public static synchronized void constructionEnded() {
    if (constructionStart != UNSET && constructionEnd == UNSET) {
      constructionEnd = System.nanoTime();
    }
  }

  /** Marks the start of the process's first invocation; later calls cost one volatile read. */
  public static void invocationStarted() {
    if (invocationPending) {
      invocationStarted(System.nanoTime());
    }
  }

  private static synchronized void invocationStarted(long now) {
    if (invocationPending) {
      invocationPending = false;
      firstInvocation = now;
    }
  }

  /**
   * The names of the parts of the start, in the order of {@link #parts()}: the process's start to
   * the library's first code; that code to the first handler's construction, when an init step ran
   * before it; the base class's constructor; from its end to the first invocation's start.
   */
  public static final String[] PART_NAMES = {
    "runtime_start",
    "before_handler",
    "tracker_setup",
    "to_first_invocation",
    "restore_to_first_invocation"
  };

  /**
   * The parts of the start measured so far, in nanoseconds, in the order of {@link #PART_NAMES};
   * {@link #UNSET} for a part whose ends are not both known.
   *
   * @return a new array
   */
  public static synchronized long[] parts() {
    long[] parts = {UNSET, UNSET, UNSET, UNSET, UNSET};
    if (first != UNSET && processAge != UNSET) {
      parts[0] = processAge;
    }
    if (constructionStart != UNSET) {
      if (!firstWasConstruction) {
        parts[1] = Math.max(0, constructionStart - first);
      }
      if (constructionEnd != UNSET) {
        parts[2] = constructionEnd - constructionStart;
        if (firstInvocation != UNSET && restoreStart == UNSET) {
          parts[3] = Math.max(0, firstInvocation - constructionEnd);
        }
      }
    }
    if (firstInvocation != UNSET && restoreStart != UNSET) {
      // After a restore, a reading from before the snapshot and one after it span the snapshot's
      // life: only the time since the restore is told.
      parts[4] = Math.max(0, firstInvocation - restoreStart);
    }
    return parts;
  }

  /**
   * Marks a SnapStart restore: the environment restored is a new one, whose first line carries what
   * was recorded at init again, with the time from the restore to its first invocation.
   */
  public static synchronized void restored() {
    if (!marking) {
      return;
    }
    restoreStart = System.nanoTime();
    firstInvocation = UNSET;
    invocationPending = true;
    firstLineWritten = false;
  }

  /**
   * Whether the process's first line, the one that takes what was recorded at init, was written.
   *
   * @return true once a line took it
   */
  public static boolean firstLineWritten() {
    return firstLineWritten;
  }

  /**
   * Takes the first line's place: true for exactly one caller in the process's life.
   *
   * @return whether the caller writes the first line
   */
  public static synchronized boolean takeFirstLine() {
    if (firstLineWritten) {
      return false;
    }
    firstLineWritten = true;
    return true;
  }

  /**
   * Makes every later line one that is not the first: lines written in a test then carry nothing
   * recorded at init, whichever test's line comes first in the JVM. For test kits only.
   */
  public static synchronized void firstLineWrittenAlready() {
    firstLineWritten = true;
  }

  /**
   * Forgets every moment, as if the process had just started; {@code marking} says whether the
   * handlers' moments are taken from now on. For tests only.
   *
   * @param marking whether handlers mark their moments
   */
  public static synchronized void reset(boolean marking) {
    InitClock.marking = marking;
    first = UNSET;
    processAge = UNSET;
    constructionStart = UNSET;
    constructionEnd = UNSET;
    firstWasConstruction = false;
    firstInvocation = UNSET;
    invocationPending = false;
    firstLineWritten = false;
    restoreStart = UNSET;
  }

  /** The process's age now, or {@link #UNSET} where {@code /proc} cannot tell it. */
  static long ageNanos() {
    try {
      long startTicks = field(read("/proc/self/stat"), 22);
      String uptime = read("/proc/uptime");
      int dot = uptime.indexOf('.');
      int space = uptime.indexOf(' ');
      if (dot < 0 || space != dot + 3) {
        return UNSET;
      }
      long hundredths =
          Long.parseLong(uptime.substring(0, dot)) * 100
              + Long.parseLong(uptime.substring(dot + 1, space));
      long ticks = hundredths * TICKS_PER_SECOND / 100 - startTicks;
      return ticks < 0 ? UNSET : ticks * NANOS_PER_TICK;
    } catch (IOException | RuntimeException unreadable) {
      return UNSET;
    }
  }

  /**
   * Field {@code number} (from 1) of {@code /proc/self/stat}; the name in field 2 may hold spaces.
   */
  static long field(String stat, int number) {
    int position = stat.lastIndexOf(')') + 2;
    for (int field = 3; field < number; field++) {
      position = stat.indexOf(' ', position) + 1;
      if (position == 0) {
        throw new IllegalArgumentException("too few fields");
      }
    }
    int end = stat.indexOf(' ', position);
    return Long.parseLong(stat.substring(position, end < 0 ? stat.length() : end).trim());
  }

  private static String read(String path) throws IOException {
    try (FileInputStream in = new FileInputStream(path)) {
      byte[] buffer = new byte[1024];
      int length = 0;
      for (int read;
          length < buffer.length
              && (read = in.read(buffer, length, buffer.length - length)) > 0; ) {
        length += read;
      }
      return new String(buffer, 0, length, StandardCharsets.US_ASCII);
    }
  }
}
