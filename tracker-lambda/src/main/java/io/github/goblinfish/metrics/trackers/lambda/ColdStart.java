package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.internal.ColdStartAccess;
import io.github.goblinfish.metrics.trackers.internal.InitClock;

/**
 * Whether the process has served an invocation yet: the one piece of process-wide state of the
 * tracked handlers. It describes the process, not an invocation, and flips once: the first
 * invocation a process serves has the identifier {@code cold_start} true, every later one false.
 * Where Lambda initialises the process ahead of requests (provisioned concurrency, Managed
 * Instances) no invocation is a cold start; with SnapStart the first invocation after each restore
 * is one again.
 *
 * <p>Tests that run several invocations in one JVM reset it through {@link ColdStartAccess}, as the
 * test kit's extension does before each test, so that each test sees its first invocation as the
 * cold start it would be in Lambda.
 *
 * <p>Thread-safe: exactly one invocation takes the cold start, however many run at once.
 */
final class ColdStart {
  // A volatile flag and this class's monitor rather than an AtomicBoolean: its VarHandle is set up
  // on the first invocation's path, at a cost that the one flip per process does not repay.
  private static volatile boolean first = true;

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
    // concurrent invocations do not contend on its cache line or its monitor.
    return first && takeFirst() && !AHEAD_OF_REQUESTS;
  }

  private static synchronized boolean takeFirst() {
    boolean taken = first;
    first = false;
    return taken;
  }

  /**
   * The process was restored from a SnapStart snapshot: its next invocation is a cold start, and
   * its next line the first of a new environment.
   */
  static void restored() {
    first = true;
    InitClock.restored();
  }

  /**
   * Makes the process look as if it had served no invocation yet: the next tracked invocation is
   * the cold start again. For tests only.
   */
  static void reset() {
    first = true;
  }

  /**
   * {@link ColdStartAccess}'s implementation, initialised only when a test first resets the cold
   * start: a function never loads it.
   */
  static final class InternalAccess extends ColdStartAccess {
    static {
      ColdStartAccess.install(new InternalAccess());
    }

    private InternalAccess() {}

    @Override
    protected void resetColdStart() {
      ColdStart.reset();
    }
  }
}
