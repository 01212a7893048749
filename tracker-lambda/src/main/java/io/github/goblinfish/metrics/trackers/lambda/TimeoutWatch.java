package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.util.concurrent.TimeUnit;

/**
 * Writes an invocation's line just before Lambda would stop it for its timeout: the runtime is then
 * frozen or killed, and a line written at the end of the handler would never be. One daemon thread
 * serves every invocation of the process, whatever their number: an invocation costs one small node
 * linked into a list under a lock, and unlinked when it ends in time. The thread starts with the
 * first tracked handler that has a timeout margin, while the runtime initialises, and first loads
 * the classes of the first invocation then ({@link InvocationClassesWarmUp}).
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

  /** The handler whose path the thread warms up; null to warm the per-invocation classes only. */
  private InvocationTracking warmUpTarget;

  private TimeoutWatch(InvocationTracking warmUpTarget) {
    this.warmUpTarget = warmUpTarget;
  }

  /** One invocation being watched. */
  static final class Watch {
    final ProcessTracker run;
    final long deadlineNanos;
    final long marginMillis;
    Watch previous;
    Watch next;
    boolean linked;

    Watch(ProcessTracker run, long deadlineNanos, long marginMillis) {
      this.run = run;
      this.deadlineNanos = deadlineNanos;
      this.marginMillis = marginMillis;
    }
  }

  /**
   * Watches the run current on the calling thread, whose invocation has {@code remainingMillis}
   * left: its line is written {@code marginMillis} before then unless {@link #disarm} comes first.
   * Returns null when there is nothing to watch.
   */
  static Watch arm(long remainingMillis, long marginMillis) {
    if (marginMillis <= 0 || remainingMillis <= marginMillis) {
      return null;
    }
    Watch watch =
        new Watch(
            ProcessTracker.current(),
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis - marginMillis),
            marginMillis);
    synchronized (LOCK) {
      watch.next = watched;
      if (watched != null) {
        watched.previous = watch;
      }
      watched = watch;
      watch.linked = true;
      if (!started) {
        start(null);
      } else if (watch.deadlineNanos - sleepingUntil < 0) {
        LOCK.notify();
      }
    }
    return watch;
  }

  /** Stops watching: the invocation ended (or is ending) in time. */
  static void disarm(Watch watch) {
    if (watch == null) {
      return;
    }
    synchronized (LOCK) {
      unlink(watch);
    }
  }

  private static void unlink(Watch watch) {
    if (!watch.linked) {
      return;
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
    watch.linked = false;
  }

  /**
   * Starts the thread now, if it is not running yet: a tracked handler calls this when it is
   * constructed, while the runtime initialises, so that the first invocation does not start it.
   *
   * @param tracking the handler's tracking, whose path the thread warms up first
   */
  static void startEarly(InvocationTracking tracking) {
    synchronized (LOCK) {
      if (!started) {
        start(tracking);
      }
    }
  }

  private static void start(InvocationTracking warmUpTarget) {
    Thread thread = new Thread(new TimeoutWatch(warmUpTarget), "tracker-lambda-timeout-watch");
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
    InvocationTracking target = warmUpTarget;
    warmUpTarget = null; // the thread outlives the warm-up: keep no handler alive for it
    InvocationClassesWarmUp.run(target);
    watch();
  }

  private static void watch() {
    while (true) {
      Watch due;
      try {
        due = due();
      } catch (InterruptedException interrupted) {
        // Nobody interrupts this thread on purpose; keep watching.
        continue;
      }
      for (Watch watch = due; watch != null; ) {
        Watch next = watch.next;
        watch.next = null;
        write(watch);
        watch = next;
      }
    }
  }

  /** Waits until a watched deadline passes; returns the watches due, unlinked, or null. */
  private static Watch due() throws InterruptedException {
    Watch due = null;
    synchronized (LOCK) {
      long now = System.nanoTime();
      long earliest = Long.MAX_VALUE;
      boolean any = false;
      for (Watch watch = watched; watch != null; ) {
        Watch next = watch.next;
        if (watch.deadlineNanos - now <= 0) {
          unlink(watch);
          watch.next = due;
          due = watch;
        } else if (!any || watch.deadlineNanos - earliest < 0) {
          earliest = watch.deadlineNanos;
          any = true;
        }
        watch = next;
      }
      if (due == null) {
        sleepingUntil = any ? earliest : now + TimeUnit.DAYS.toNanos(1);
        TimeUnit.NANOSECONDS.timedWait(LOCK, sleepingUntil - now);
      }
    }
    return due;
  }

  private static void write(Watch watch) {
    try {
      watch.run.writeLineNow(
          TIMED_OUT_METRIC,
          "the invocation was about to time out: its line was written "
              + watch.marginMillis
              + " ms before the deadline, while the handler was still running");
    } catch (Throwable failure) {
      // writeLineNow reports its own failures; nothing may end this thread.
    }
  }
}
