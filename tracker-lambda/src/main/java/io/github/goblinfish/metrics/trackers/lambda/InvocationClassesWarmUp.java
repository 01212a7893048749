package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;

/**
 * Loads and initialises, ahead of the first invocation, the classes it needs: those of a tracker, a
 * run and a line ({@link ProcessTracker#warmUp()}), then the base classes' own per-invocation ones.
 * The timeout watch's thread runs it when it starts, while the runtime initialises, so that this
 * work happens alongside the runtime's own instead of on the first invocation's path.
 *
 * <p>Nothing reaches an output or a {@code LineObserver}, and no cold start is taken. Stateless and
 * thread-safe.
 */
final class InvocationClassesWarmUp {
  private InvocationClassesWarmUp() {}

  /**
   * @param format the format the handler writes; null for the default
   */
  static void run(LineFormat format) {
    try {
      if (format == null) {
        ProcessTracker.warmUp();
      } else {
        ProcessTracker.warmUp(format);
      }
      initialise(ProcessTracker.Builder.class);
      initialise(InvocationTracking.LoggerTracker.class);
      initialise(TrackedInvocation.class);
      initialise(TimeoutWatch.Watch.class);
      initialise(ColdStart.class);
      initialise(InitType.class);
      initialise(XrayTrace.class);
    } catch (Throwable failure) {
      // Only a head start: the first invocation does all of this itself if need be.
    }
  }

  /** Initialising only reads settings: ColdStart's first invocation stays untaken. */
  private static void initialise(Class<?> type) throws ClassNotFoundException {
    Class.forName(type.getName(), true, type.getClassLoader());
  }
}
