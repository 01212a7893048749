package io.github.goblinfish.metrics.trackers;

/**
 * A piece of code that returns nothing and may throw {@code E}, so that timing it lets checked
 * exceptions through unchanged.
 *
 * <pre>{@code
 * tracker.track("save_order", () -> repository.save(order)); // throws IOException
 * }</pre>
 *
 * <p>Thread-safety is that of the code it wraps.
 *
 * @param <E> the most general exception the code throws ({@link RuntimeException} when it throws no
 *     checked exception)
 */
@FunctionalInterface
public interface ThrowingRunnable<E extends Throwable> {

  /**
   * Runs the code.
   *
   * @throws E whatever the code throws
   */
  void run() throws E;
}
