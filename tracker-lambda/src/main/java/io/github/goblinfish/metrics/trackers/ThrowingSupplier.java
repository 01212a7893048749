package io.github.goblinfish.metrics.trackers;

/**
 * A piece of code that returns a value and may throw {@code E}, so that timing it lets checked
 * exceptions through unchanged.
 *
 * <pre>{@code
 * Order order = tracker.track("load_order", () -> repository.load(orderId)); // throws IOException
 * }</pre>
 *
 * <p>Thread-safety is that of the code it wraps.
 *
 * @param <T> the type of the value returned
 * @param <E> the most general exception the code throws ({@link RuntimeException} when it throws no
 *     checked exception)
 */
@FunctionalInterface
public interface ThrowingSupplier<T, E extends Throwable> {

  /**
   * Runs the code.
   *
   * @return the code's value
   * @throws E whatever the code throws
   */
  T get() throws E;
}
