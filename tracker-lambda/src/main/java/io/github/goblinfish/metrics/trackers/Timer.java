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

  // Guarded by the run's lock: open timers form an intrusive list so that starting and stopping
  // one costs no allocation beyond the timer itself; only this class links and unlinks it. The
  // position in the run's latency table is CLOSED once the timer recorded; one int instead of an
  // int and a flag keeps a timer at 40 bytes.
  private Timer newer;
  private Timer older;
  private int position;

  private static final int CLOSED = -1;

  Timer(Run run, String name, long startNanos, int position) {
    this.run = run;
    this.name = name;
    this.startNanos = startNanos;
    this.position = position;
  }

  /** A timer that records nothing: outside any run, or after the line was written. */
  static Timer stopped(String name) {
    return new Timer(null, name, Run.NO_READING, CLOSED);
  }

  /** The position of this timer's name in its run's latency table. Guarded by the run's lock. */
  int position() {
    return position;
  }

  /** Whether this timer recorded already (or never will). Guarded by the run's lock. */
  boolean isClosed() {
    return position == CLOSED;
  }

  /** Marks this timer as recorded: later stops do nothing. Guarded by the run's lock. */
  void markClosed() {
    position = CLOSED;
  }

  /**
   * Puts this timer in front of the open timers whose newest is {@code newest}; returns this timer,
   * the list's new head. Guarded by the run's lock.
   */
  Timer linkBefore(Timer newest) {
    older = newest;
    if (newest != null) {
      newest.newer = this;
    }
    return this;
  }

  /**
   * Takes this timer out of the open timers whose newest is {@code newest}; returns the list's head
   * afterwards. Guarded by the run's lock.
   */
  Timer unlinkFrom(Timer newest) {
    Timer head = newest;
    if (newer != null) {
      newer.older = older;
    } else if (newest == this) {
      head = older;
    }
    if (older != null) {
      older.newer = newer;
    }
    newer = null;
    older = null;
    return head;
  }

  /** The open timer started before this one, or null. Guarded by the run's lock. */
  Timer older() {
    return older;
  }

  /** The open timer started after this one, or null. Guarded by the run's lock. */
  Timer newer() {
    return newer;
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
