package io.github.goblinfish.metrics.trackers;

/**
 * A monotonic time source in nanoseconds, the only clock a {@link ProcessTracker} measures with.
 *
 * <p>Production code uses {@link #system()}, which reads {@link System#nanoTime()}; tests inject a
 * fake one so that every latency in the line is exact:
 *
 * <pre>{@code
 * AtomicLong now = new AtomicLong();
 * ProcessTracker tracker = ProcessTracker.builder()
 *     .ticker(now::get)
 *     .output(lines::add)
 *     .build();
 * tracker.trackProcess("main", () -> now.addAndGet(1_500_000)); // "main": 1.500
 * }</pre>
 *
 * <p>Only differences between two readings mean anything; a reading is not a time of day.
 * Implementations must be thread-safe: timers of one run may start and stop on several threads.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * Returns the current reading in nanoseconds.
   *
   * @return a reading that never decreases between calls
   */
  long read();

  /**
   * Returns the ticker backed by {@link System#nanoTime()}.
   *
   * @return the system ticker, a shared stateless instance
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
