package io.github.goblinfish.metrics.trackers;

/**
 * One running measurement of a named step, started by {@link ProcessTracker#timer(String)} and
 * recorded by {@link #close()}: the Java form of the Python package's {@code with
 * tracker.timer(...)}.
 *
 * <pre>{@code
 * Order order;
 * try (Timer timer = tracker().timer("load_order")) {
 *   order = orders.load(id);
 * }
 * }</pre>
 *
 * <p>Thread-safe: a timer may be closed on another thread than the one that started it (for example
 * in a callback). {@link #close()} throws nothing and is idempotent; only the first call records. A
 * timer still open when its run writes the line is measured up to that moment and the line says so
 * in {@code tracker_warnings}. A timer closed after the line was written, or started outside any
 * run, records nothing.
 */
public final class Timer implements AutoCloseable {

  final Run run;
  final String name;
  final long startNanos;

  // Guarded by the run's lock: open timers form an intrusive list, newest first, so that starting
  // and stopping one costs no allocation beyond the timer itself; only this class links and
  // unlinks it. A timer that recorded (or never will) links to itself. One link and no position
  // keep a timer at 32 bytes: the run finds the name's position again when the timer stops, and a
  // timer is found among the newer open ones, usually none since timers mostly close in order.
  private Timer older;

  Timer(Run run, String name, long startNanos) {
    this.run = run;
    this.name = name;
    this.startNanos = startNanos;
  }

  /** A timer that records nothing: outside any run, or after the line was written. */
  static Timer stopped(String name) {
    Timer timer = new Timer(null, name, Run.NO_READING);
    timer.markClosed();
    return timer;
  }

  /** Whether this timer recorded already (or never will). Guarded by the run's lock. */
  boolean isClosed() {
    return older == this;
  }

  /**
   * Marks this timer as recorded: later stops do nothing. Unlinks nothing: the run closes its open
   * timers together. Guarded by the run's lock.
   */
  void markClosed() {
    older = this;
  }

  /**
   * Puts this timer in front of the open timers whose newest is {@code newest}; returns this timer,
   * the list's new head. Guarded by the run's lock.
   */
  Timer linkBefore(Timer newest) {
    older = newest;
    return this;
  }

  /**
   * Takes this open timer out of the open timers whose newest is {@code newest} and marks it
   * closed; returns the list's head afterwards. Guarded by the run's lock.
   */
  Timer unlinkFrom(Timer newest) {
    Timer head = newest;
    if (newest == this) {
      head = older;
    } else {
      for (Timer newer = newest; newer != null; newer = newer.older) {
        if (newer.older == this) {
          newer.older = older;
          break;
        }
      }
    }
    markClosed();
    return head;
  }

  /** The open timer started before this one, or null. Guarded by the run's lock. */
  Timer older() {
    return older;
  }

  /**
   * Returns the latency name this timer records under.
   *
   * @return the name given to {@link ProcessTracker#timer(String)}
   */
  public String name() {
    return name;
  }

  /** Stops the timer and adds its elapsed time to its name; later calls do nothing. */
  @Override
  public void close() {
    if (run != null) {
      run.stop(this);
    }
  }

  @Override
  public String toString() {
    return "Timer[" + name + "]";
  }
}
