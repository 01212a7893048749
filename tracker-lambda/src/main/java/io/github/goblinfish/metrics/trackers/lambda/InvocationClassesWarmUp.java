package io.github.goblinfish.metrics.trackers.lambda;

/**
 * Loads and initialises, ahead of the first invocation, the classes it needs: those of the
 * handler's own tracker, its runs and its lines ({@code ProcessTracker.warmUp()} on a tracker built
 * as the first invocation builds it), then the per-invocation ones of the tracked handlers. The
 * first tracked handler of the process starts it on a short-lived thread of its own when it is
 * constructed, so that this work happens alongside the runtime's initialisation instead of on the
 * first invocation's path; {@code TRACKER_WARM_UP=false} turns it off ({@link
 * HandlerConfig#warmUp()}).
 *
 * <p>Nothing reaches an output or a {@code LineObserver}, and no cold start is taken. Thread-safe:
 * at most one warm-up thread is started per process.
 */
final class InvocationClassesWarmUp implements Runnable {
  /** Guarded by the class's monitor: whether a handler has already started the warm-up. */
  private static boolean started;

  private final InvocationTracking handler;

  private InvocationClassesWarmUp(InvocationTracking handler) {
    this.handler = handler;
  }

  /**
   * Starts the warm-up of {@code handler}'s path on its own thread, unless its configuration turns
   * the warm-up off or a handler of this process has started one already. A handler's constructor
   * calls this, while the runtime initialises.
   */
  static void startOnce(InvocationTracking handler) {
    if (!handler.config().warmUp()) {
      return;
    }
    synchronized (InvocationClassesWarmUp.class) {
      if (started) {
        return;
      }
      started = true;
    }
    // This class is its own Runnable, rather than a lambda (a generated class) or a nested class:
    // either would be one more class to load while the runtime initialises.
    Thread thread = new Thread(new InvocationClassesWarmUp(handler), "tracker-lambda-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    run(handler);
  }

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
