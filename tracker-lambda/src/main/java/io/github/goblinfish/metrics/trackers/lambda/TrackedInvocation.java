package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.ThrowingSupplier;
import io.github.goblinfish.metrics.trackers.internal.InitClock;

/**
 * One invocation of any tracked handler, the one path every handler form runs: {@link #run} runs it
 * as a run of the tracker for its context, named after the entry; inside, it sets the invocation's
 * identifiers and arms the timeout watch, calls the handler ({@link #handle}), and disarms the
 * watch however the handler ends (waiting, in the last margin before the deadline, for a line the
 * watch is writing). Each handler form has its subclass next to it, which calls its handler: the
 * base classes' {@code handleTracked}, or the {@code handleRequest} of a handler that {@link
 * TrackedHandlers} wraps.
 *
 * <pre>{@code
 * return new Invocation<>(tracking, this, input, context).run();
 * }</pre>
 *
 * It is also the invocation's node in the {@link TimeoutWatch}: the one object an invocation
 * allocates for both, whether or not the JIT inlines {@code trackProcess} into the handler (see
 * {@link TimeoutWatch.Watch} for the figures). Classes rather than lambdas: a lambda's first use
 * costs a class generated at run time, on the first invocation's path. Not thread-safe: one object
 * per invocation.
 *
 * @param <T> what the handler returns
 * @param <E> what the handler may throw
 */
abstract class TrackedInvocation<T, E extends Throwable> extends TimeoutWatch.Watch
    implements ThrowingSupplier<T, E> {
  private final InvocationTracking tracking;
  private final ProcessTracker tracker;
  private final Context context;

  TrackedInvocation(InvocationTracking tracking, Context context) {
    this.tracking = tracking;
    this.tracker = tracking.trackerFor(context);
    this.context = context;
  }

  /** Runs the invocation; returns or throws what the handler did. */
  final T run() throws E {
    InitClock.invocationStarted();
    return tracker.trackProcess(tracking.entryName(), this);
  }

  @Override
  public final T get() throws E {
    boolean watched = tracking.identify(tracker, context, this);
    try {
      return handle(context);
    } finally {
      if (watched) {
        TimeoutWatch.disarm(this);
      }
    }
  }

  /** Calls the handler. */
  abstract T handle(Context context) throws E;
}
