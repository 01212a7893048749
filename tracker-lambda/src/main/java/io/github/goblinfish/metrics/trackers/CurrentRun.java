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
  static Run of(Object owner) {
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
    return run == null ? task : BoundRunnable.of(run, task);
  }

  static <T> Callable<T> bind(Run run, Callable<T> task) {
    return run == null ? task : BoundCallable.of(run, task);
  }

  static <T> Supplier<T> bind(Run run, Supplier<T> supplier) {
    return run == null ? supplier : BoundSupplier.of(run, supplier);
  }

  /**
   * Work bound to a run: wherever it is called, the run is current while it runs, and the thread's
   * previous run is current again after. Classes rather than lambdas, so that the three kinds of
   * work share this one body. Each is made by a factory of its own class, typed as the interface: a
   * {@code new} upcast in {@code CurrentRun}, which every tracker loads, would make the bytecode
   * verifier load the interface ({@code Callable}) on every cold start.
   *
   * @param <T> what the work returns
   * @param <E> what it may throw
   */
  private abstract static class Bound<T, E extends Exception> {
    private final Run run;

    Bound(Run run) {
      this.run = run;
    }

    final T callInRun() throws E {
      Run previous = enter(run);
      try {
        return work();
      } finally {
        restore(previous);
      }
    }

    abstract T work() throws E;
  }

  private static final class BoundRunnable extends Bound<Void, RuntimeException>
      implements Runnable {
    private final Runnable task;

    static Runnable of(Run run, Runnable task) {
      return new BoundRunnable(run, task);
    }

    BoundRunnable(Run run, Runnable task) {
      super(run);
      this.task = task;
    }

    @Override
    public void run() {
      callInRun();
    }

    @Override
    Void work() {
      task.run();
      return null;
    }
  }

  private static final class BoundCallable<T> extends Bound<T, Exception> implements Callable<T> {
    private final Callable<T> task;

    static <T> Callable<T> of(Run run, Callable<T> task) {
      return new BoundCallable<>(run, task);
    }

    BoundCallable(Run run, Callable<T> task) {
      super(run);
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      return callInRun();
    }

    @Override
    T work() throws Exception {
      return task.call();
    }
  }

  private static final class BoundSupplier<T> extends Bound<T, RuntimeException>
      implements Supplier<T> {
    private final Supplier<T> supplier;

    static <T> Supplier<T> of(Run run, Supplier<T> supplier) {
      return new BoundSupplier<>(run, supplier);
    }

    BoundSupplier(Run run, Supplier<T> supplier) {
      super(run);
      this.supplier = supplier;
    }

    @Override
    public T get() {
      return callInRun();
    }

    @Override
    T work() {
      return supplier.get();
    }
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
