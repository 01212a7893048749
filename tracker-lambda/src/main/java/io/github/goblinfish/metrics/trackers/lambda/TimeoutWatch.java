package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.internal.TrackerAccess;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Writes an invocation's line just before Lambda would stop it for its timeout: the runtime is then
 * frozen or killed, and a line written at the end of the handler would never be. One daemon thread
 * serves every invocation of the process, whatever their number: an invocation's own body object is
 * its node, linked into a list under a lock, and unlinked when it ends in time. The thread starts
 * with the first tracked handler that has a timeout margin, while the runtime initialises; it only
 * watches (the warm-up, {@link InvocationClassesWarmUp}, has a thread and a switch of its own).
 *
 * <p>The near-deadline rule: whichever comes first writes the one line, the invocation's end or the
 * watch reaching the deadline less the margin. Once the watch has taken an invocation, its line is
 * the watch's: an invocation that ends then (in the last margin before its deadline) waits until
 * that line is out, and says on standard error that it ended in time after its line was written.
 *
 * <p>Thread-safe.
 */
final class TimeoutWatch implements Runnable {
  /** The metric set to 1 in a line written because the invocation was about to time out. */
  static final String TIMED_OUT_METRIC = "timed_out";

  // The monitor of LOCK rather than a java.util.concurrent lock and its condition: those are
  // classes the first invocation would load for nothing else.
  private static final Object LOCK = new Object();
  // Guarded by LOCK: the invocations being watched, and the deadline the thread sleeps until.
  private static Watch watched;
  private static long sleepingUntil = Long.MAX_VALUE;
  private static boolean started;

  /**
   * The clock deadlines are read on: {@code System.nanoTime()}, or a test's fake clock. Volatile so
   * that the watch thread sees a test's clock at once.
   */
  private static volatile Ticker clock = Ticker.system();

  private TimeoutWatch() {}

  /**
   * One invocation being watched. Each {@link TrackedInvocation} is its own node: the body object
   * that an invocation hands to {@code trackProcess} also carries its watch, so an invocation
   * allocates one object for both, whatever the JIT inlines (a separate node costs 16 B more per
   * invocation on JDK 17, where the body is not scalar-replaced: 1,504 B for the typical invocation
   * instead of 1,488; {@code TrackedInvocationIsItsOwnWatchNodeTest}). {@link #arm} sets the fields
   * before it links the node under the lock, and the watch thread reads them after it takes the
   * node out under the same lock. Small, as every invocation allocates one: a node is linked while
   * it is the list's head or has a previous node, and its margin, less than the milliseconds the
   * invocation had left (an int), fits an int. The watch thread clears {@code run} under the lock
   * once it has written a taken node's line: until then the invocation's end waits for it.
   */
  static class Watch {
    ProcessTracker run;
    long deadlineNanos;
    int marginMillis;
    Watch previous;
    Watch next;
  }

  /**
   * Watches the run current on the calling thread, whose invocation has {@code remainingMillis}
   * left: its line is written {@code marginMillis} before then unless {@link #disarm} comes first.
   * Each node is armed at most once.
   *
   * @return whether the invocation is watched: false with no margin, or with no more time left than
   *     the margin
   */
  static boolean arm(Watch watch, int remainingMillis, long marginMillis) {
    if (marginMillis <= 0 || remainingMillis <= marginMillis) {
      return false;
    }
    watch.run = ProcessTracker.current();
    watch.deadlineNanos =
        clock.read() + TimeUnit.MILLISECONDS.toNanos(remainingMillis - marginMillis);
    watch.marginMillis = (int) marginMillis;
    synchronized (LOCK) {
      watch.next = watched;
      if (watched != null) {
        watched.previous = watch;
      }
      watched = watch;
      if (!started) {
        start();
      } else if (watch.deadlineNanos - sleepingUntil < 0) {
        // All: an invocation ending in the last margin may be waiting on the lock too.
        LOCK.notifyAll();
      }
    }
    return true;
  }

  /** How long an invocation that ends after the watch took it waits, at most, for that line. */
  static final long MAX_WAIT_FOR_LINE_MS = 2_000;

  /**
   * Stops watching an armed invocation that is ending. When the watch has already taken it, waits
   * until the watch's line is out (at most {@value #MAX_WAIT_FOR_LINE_MS} ms, for an output that
   * hangs), so that the line is the watch's then, never a race between the two, and says so on
   * standard error.
   *
   * @return true if the invocation ended before the watch took it: its own end writes its line
   */
  static boolean disarm(Watch watch) {
    synchronized (LOCK) {
      if (unlink(watch)) {
        return true;
      }
      // Bounded: an output that never returns must not hold the handler's result forever.
      long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_FOR_LINE_MS);
      boolean interrupted = false;
      while (watch.run != null) {
        long left = giveUp - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(LOCK, left);
        } catch (InterruptedException interruption) {
          interrupted = true; // the line is moments away; the flag is given back below
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    endedAfterItsLine(watch);
    return false;
  }

  /**
   * Says on standard error that an invocation ended after the watch wrote its line, which therefore
   * says {@code timed_out} and lacks what the invocation recorded since. On Lambda such an
   * invocation ended in the last margin before its deadline: one that runs past it is stopped.
   * Built without string concatenation, whose first use bootstraps classes for tens of
   * milliseconds.
   */
  private static void endedAfterItsLine(Watch watch) {
    try {
      long leftNanos =
          watch.deadlineNanos + TimeUnit.MILLISECONDS.toNanos(watch.marginMillis) - clock.read();
      long leftMillis = TimeUnit.NANOSECONDS.toMillis(leftNanos);
      PrintStream err = System.err;
      err.println(
          new StringBuilder("tracker-lambda: the invocation ended ")
              .append(Math.abs(leftMillis))
              .append(leftNanos >= 0 ? " ms before" : " ms after")
              .append(" its deadline, after its line had been written ")
              .append(watch.marginMillis)
              .append(" ms before the deadline with timed_out: 1; what it recorded since is not in")
              .append(" the line (a smaller ")
              .append(HandlerConfig.TIMEOUT_MARGIN_VARIABLE)
              .append(" narrows this window)")
              .toString());
      err.flush();
    } catch (Throwable unreportable) {
      // Standard error failing leaves nowhere to report to; the invocation goes on.
    }
  }

  /** How many invocations are watched now: for tests, as nothing else may walk the list. */
  static int watchedCount() {
    synchronized (LOCK) {
      int count = 0;
      for (Watch watch = watched; watch != null; watch = watch.next) {
        count++;
      }
      return count;
    }
  }

  /** Takes a node out of the list; false when it was not in it. Called with the lock held. */
  private static boolean unlink(Watch watch) {
    if (watched != watch && watch.previous == null) {
      return false; // not linked: taken out by the watch thread, or never armed
    }
    if (watch.previous != null) {
      watch.previous.next = watch.next;
    } else {
      watched = watch.next;
    }
    if (watch.next != null) {
      watch.next.previous = watch.previous;
    }
    watch.previous = null;
    watch.next = null;
    return true;
  }

  /**
   * Starts the thread now, if it is not running yet: a tracked handler calls this when it is
   * constructed, while the runtime initialises, so that the first invocation does not start it.
   */
  static void startEarly() {
    synchronized (LOCK) {
      if (!started) {
        start();
      }
    }
  }

  private static void start() {
    Thread thread = new Thread(new TimeoutWatch(), "tracker-lambda-timeout-watch");
    thread.setDaemon(true);
    thread.start();
    started = true;
  }

  /**
   * The one thread's body. This class is its own {@code Runnable}, rather than a lambda (a
   * generated class) or a nested class: either would be one more class to load while the runtime
   * initialises.
   */
  @Override
  public void run() {
    while (true) {
      Watch due;
      try {
        due = due();
      } catch (InterruptedException interrupted) {
        // Nobody interrupts this thread on purpose; keep watching.
        continue;
      }
      writeAll(due);
    }
  }

  private static void writeAll(Watch due) {
    for (Watch watch = due; watch != null; ) {
      Watch next = watch.next;
      watch.next = null;
      write(watch);
      synchronized (LOCK) {
        watch.run = null;
        LOCK.notifyAll(); // the invocation may be ending, waiting for this line
      }
      watch = next;
    }
  }

  /**
   * For tests with a fake clock: reads deadlines on {@code testClock} from now on (null: the system
   * clock again), and writes at once, on the calling thread, the lines of the invocations due on
   * it, so that a test sees exactly when the watch acts.
   */
  static void useClockForTests(Ticker testClock) {
    clock = testClock == null ? Ticker.system() : testClock;
    checkNowForTests();
  }

  /** For tests with a fake clock: writes, on the calling thread, the lines now due. */
  static void checkNowForTests() {
    Watch due;
    synchronized (LOCK) {
      due = takeDue(clock.read());
    }
    writeAll(due);
  }

  /** Waits until a watched deadline passes; returns the watches due, unlinked, or null. */
  private static Watch due() throws InterruptedException {
    synchronized (LOCK) {
      long now = clock.read();
      Watch due = takeDue(now);
      if (due == null) {
        sleepingUntil = earliestDeadline(now + TimeUnit.DAYS.toNanos(1));
        TimeUnit.NANOSECONDS.timedWait(LOCK, sleepingUntil - now);
      }
      return due;
    }
  }

  /** Takes the watches due at {@code now} out of the list and returns them, or null. Lock held. */
  private static Watch takeDue(long now) {
    Watch due = null;
    for (Watch watch = watched; watch != null; ) {
      Watch next = watch.next;
      if (watch.deadlineNanos - now <= 0) {
        unlink(watch);
        watch.next = due;
        due = watch;
      }
      watch = next;
    }
    return due;
  }

  /** The earliest deadline in the list, or {@code otherwise} if none is earlier. Lock held. */
  private static long earliestDeadline(long otherwise) {
    long earliest = otherwise;
    for (Watch watch = watched; watch != null; watch = watch.next) {
      if (watch.deadlineNanos - earliest < 0) {
        earliest = watch.deadlineNanos;
      }
    }
    return earliest;
  }

  private static void write(Watch watch) {
    try {
      // A StringBuilder rather than +: the first string concatenation of a JVM bootstraps its
      // classes for tens of milliseconds, time the margin would have to cover on a cold start.
      TrackerAccess.writeLineNow(
          watch.run,
          TIMED_OUT_METRIC,
          new StringBuilder("the invocation was about to time out: its line was written ")
              .append(watch.marginMillis)
              .append(" ms before the deadline, while the handler was still running")
              .toString());
    } catch (Throwable failure) {
      // writeLineNow reports its own failures; nothing may end this thread.
    }
  }
}
