package io.github.goblinfish.metrics.trackers;

/**
 * The time during which a {@link ProcessTracker} is the current run of one thread, ended by {@link
 * #close()}.
 *
 * <pre>{@code
 * executor.submit(() -> {
 *   try (Scope scope = tracker.makeCurrent()) {
 *     deepHelper(); // ProcessTracker.current() is tracker here
 *   }
 * });
 * }</pre>
 *
 * <p>A scope belongs to the thread that opened it. {@link #close()} throws nothing and is
 * idempotent; closed on another thread it does nothing, because that thread's current run is not
 * the one this scope set.
 */
public interface Scope extends AutoCloseable {

  /** Restores the run that was current on the opening thread before this scope. */
  @Override
  void close();
}
