package io.github.goblinfish.metrics.trackers.lambda;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the process has served an invocation yet. This is the one piece of process-wide state:
 * it describes the process, not an invocation, and flips once.
 */
final class ColdStart {
  private static final AtomicBoolean FIRST = new AtomicBoolean(true);

  /** Provisioned concurrency initialises the process before any request: no caller waits on it. */
  private static final boolean PROVISIONED =
      "provisioned-concurrency".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));

  private ColdStart() {}

  /** True exactly once per process, for the first caller, unless Lambda pre-initialised it. */
  static boolean take() {
    // A plain read first: after the first invocation no write touches the shared flag, so
    // concurrent invocations do not contend on its cache line.
    return FIRST.get() && FIRST.getAndSet(false) && !PROVISIONED;
  }

  /** Makes the next {@link #take()} the first again; tests only. */
  static void resetForTests() {
    FIRST.set(true);
  }
}
