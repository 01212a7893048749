package io.github.goblinfish.metrics.trackers.lambda;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the process has served an invocation yet. This is the one piece of process-wide state:
 * it describes the process, not an invocation, and flips once.
 */
final class ColdStart {
  private static final AtomicBoolean FIRST = new AtomicBoolean(true);

  /**
   * Provisioned concurrency and Managed Instances initialise the process before any request: no
   * caller waits on it, so no invocation is a cold start.
   */
  private static final boolean AHEAD_OF_REQUESTS =
      InitType.initialisedAheadOfRequests(InitType.VALUE);

  static {
    if (InitType.SNAP_START.equals(InitType.VALUE)) {
      // Every environment restored from the snapshot starts cold again, even if the init code
      // invoked the handler to warm it up before the snapshot was taken.
      SnapStartRestore.register(ColdStart::restored);
    }
  }

  private ColdStart() {}

  /** True exactly once per process (and per SnapStart restore), for the first caller. */
  static boolean take() {
    // A plain read first: after the first invocation no write touches the shared flag, so
    // concurrent invocations do not contend on its cache line.
    return FIRST.get() && FIRST.getAndSet(false) && !AHEAD_OF_REQUESTS;
  }

  /** The process was restored from a SnapStart snapshot: its next invocation is a cold start. */
  static void restored() {
    FIRST.set(true);
  }

  /** Makes the next {@link #take()} the first again; tests only. */
  static void resetForTests() {
    FIRST.set(true);
  }
}
