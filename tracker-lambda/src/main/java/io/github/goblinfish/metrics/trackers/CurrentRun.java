package io.github.goblinfish.metrics.trackers;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Which run is current on each thread, and how a run follows work onto other threads: scopes, bound
 * tasks and binding executors. A thread's current run is only ever set for the time of a scope, and
 * always restored when the scope closes on that thread.
 */
final class CurrentRun {
  private static final ThreadLocal<Run> CURRENT = new ThreadLocal<>();

  private CurrentRun() {}

  /** The run current on this thread, or null. */
  static Run get() {
    return CURRENT.get();
  }

  /** The innermost run of {@code owner} current on this thread, or null. */
  static Run of(ProcessTracker owner) {
    for (Run run = CURRENT.get(); run != null; run = run.enclosing) {
      if (run.owner == owner) {
        return run;
      }
    }
    return null;
  }

  /** Makes {@code run} current and returns what was current before. */
  static Run enter(Run run) {
    Run previous = CURRENT.get();
    CURRENT.set(run);
    return previous;
  }

  /** Makes {@code previous} current again. */
  static void restore(Run previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  static Scope scope(Run run) {
    return RunScope.open(run);
  }

  static Runnable bind(Run run, Runnable task) {
    if (run == null) {
      return task;
    }
    return () -> {
      Run previous = enter(run);
      try {
        task.run();
      } finally {
        restore(previous);
      }
    };
  }

  static <T> Callable<T> bind(Run run, Callable<T> task) {
    if (run == null) {
      return task;
    }
    return () -> {
      Run previous = enter(run);
      try {
        return task.call();
      } finally {
        restore(previous);
      }
    };
  }

  static <T> Supplier<T> bind(Run run, Supplier<T> supplier) {
    if (run == null) {
      return supplier;
    }
    return () -> {
      Run previous = enter(run);
      try {
        return supplier.get();
      } finally {
        restore(previous);
      }
    };
  }

  /** Restores the thread's previous run when closed on the thread that opened it. */
  private static final class RunScope implements Scope {
    private final Run run;
    private final Run previous;
    private final Thread owner;
    private boolean closed;

    RunScope(Run run, Run previous, Thread owner) {
      this.run = run;
      this.previous = previous;
      this.owner = owner;
    }

    /**
     * Makes {@code run} current and returns the scope that restores the previous one. Typed as
     * {@link Scope} here, not in {@code CurrentRun}: an upcast there makes the verifier load {@code
     * Scope} with every tracker, though few ever call {@code makeCurrent()}.
     */
    static Scope open(Run run) {
      return new RunScope(run, enter(run), Thread.currentThread());
    }

    @Override
    public void close() {
      if (closed || Thread.currentThread() != owner) {
        return;
      }
      closed = true;
      if (CURRENT.get() == run) {
        restore(previous);
      }
    }
  }
}
