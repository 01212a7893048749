package io.github.goblinfish.metrics.trackers.lambda;

/**
 * Loads and initialises, ahead of the first invocation, the classes it needs: those of the
 * handler's own tracker, its runs and its lines ({@code ProcessTracker.warmUp()} on a tracker built
 * as the first invocation builds it), then the base classes' per-invocation ones. The timeout
 * watch's thread runs it when it starts, while the runtime initialises, so that this work happens
 * alongside the runtime's own instead of on the first invocation's path.
 *
 * <p>Nothing reaches an output or a {@code LineObserver}, and no cold start is taken. Stateless and
 * thread-safe.
 */
final class InvocationClassesWarmUp {
  private InvocationClassesWarmUp() {}

  /**
   * @param handler the handler's tracking, whose path to warm up; null for the per-invocation
   *     classes only
   */
  static void run(InvocationTracking handler) {
    try {
      if (handler != null) {
        handler.warmUp();
      }
      // TrackedInvocation brings its superclass, the watch's node.
      initialise(TrackedInvocation.class, ColdStart.class, InitType.class, XrayTrace.class);
    } catch (Throwable failure) {
      // Only a head start: the first invocation does all of this itself if need be.
    }
  }

  /** Initialising only reads settings: ColdStart's first invocation stays untaken. */
  private static void initialise(Class<?>... types) throws ClassNotFoundException {
    for (Class<?> type : types) {
      Class.forName(type.getName(), true, type.getClassLoader());
    }
  }
}
