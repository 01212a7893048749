package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.util.concurrent.TimeUnit;

/**
 * Writes an invocation's line just before Lambda would stop it for its timeout: the runtime is then
 * frozen or killed, and a line written at the end of the handler would never be. One daemon thread
 * serves every invocation of the process, whatever their number: an invocation's own body object is
 * its node, linked into a list under a lock, and unlinked when it ends in time. The thread starts
 * with the first tracked handler that has a timeout margin, while the runtime initialises, and
 * first loads the classes of the first invocation then ({@link InvocationClassesWarmUp}).
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

  /**
   * One invocation being watched. Each {@link TrackedInvocation} is its own node: the body object
   * that an invocation hands to {@code trackProcess} also carries its watch, so an invocation
   * allocates one object for both, whatever the JIT inlines. {@link #arm} sets the fields before it
   * links the node under the lock, and the watch thread reads them after it takes the node out
   * under the same lock. Small, as every invocation allocates one: a node is linked while it is the
   * list's head or has a previous node, and its margin, less than the milliseconds the invocation
   * had left (an int), fits an int.
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
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis - marginMillis);
    watch.marginMillis = (int) marginMillis;
    synchronized (LOCK) {
      watch.next = watched;
      if (watched != null) {
        watched.previous = watch;
      }
      watched = watch;
      if (!started) {
        start(null);
      } else if (watch.deadlineNanos - sleepingUntil < 0) {
        LOCK.notify();
      }
    }
    return true;
  }

  /** Stops watching an armed invocation: it ended (or is ending) in time. */
  static void disarm(Watch watch) {
    synchronized (LOCK) {
      unlink(watch);
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

  private static void unlink(Watch watch) {
    if (watched != watch && watch.previous == null) {
      return; // not linked: taken out by the watch thread, or never armed
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
