package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.ThrowingSupplier;

/**
 * One invocation's body, run as a run of its tracker named after the entry: it sets the
 * invocation's identifiers and arms the timeout watch, calls the handler, and disarms the watch
 * however the handler ends (waiting, in the last margin before the deadline, for a line the watch
 * is writing). Each handler kind supplies the call.
 *
 * <pre>{@code
 * ProcessTracker tracker = tracking.trackerFor(context);
 * return tracker.trackProcess(tracking.entryName(), new Invocation<>(this, tracker, input, context));
 * }</pre>
 *
 * It is also the invocation's node in the {@link TimeoutWatch}: the one object an invocation
 * allocates for both, whether or not the JIT inlines {@code trackProcess} into the handler (a body
 * and a separate node would make the allocation depend on that). A class rather than a lambda: a
 * lambda's first use costs a class generated at run time, on the first invocation's path. Not
 * thread-safe: one object per invocation.
 *
 * @param <T> what the handler returns
 * @param <E> what the handler may throw
 */
abstract class TrackedInvocation<T, E extends Throwable> extends TimeoutWatch.Watch
    implements ThrowingSupplier<T, E> {
  private final InvocationTracking tracking;
  private final ProcessTracker tracker;
  private final Context context;

  TrackedInvocation(InvocationTracking tracking, ProcessTracker tracker, Context context) {
    this.tracking = tracking;
    this.tracker = tracker;
    this.context = context;
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
