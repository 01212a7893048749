package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.ThrowingSupplier;
import io.github.goblinfish.metrics.trackers.internal.InitClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One invocation of any tracked handler, the one path every handler form runs: {@link #run} runs it
 * as a run of the tracker for its context, named after the entry; inside, it sets the invocation's
 * identifiers and arms the timeout watch, calls the handler, and disarms the watch however the
 * handler ends (waiting, in the last margin before the deadline, for a line the watch is writing).
 * {@link OfObjects} calls a handler of objects, {@link OfStreams} a stream handler: the base
 * class's {@code handleTracked}, or the {@code handleRequest} of a handler that {@link
 * TrackedHandlers} wraps.
 *
 * <pre>{@code
 * return new TrackedInvocation.OfObjects<>(tracking, this, input, context).run();
 * }</pre>
 *
 * It is also the invocation's node in the {@link TimeoutWatch}: the one object an invocation
 * allocates for both, whether or not the JIT inlines {@code trackProcess} into the handler (a body
 * and a separate node would make the allocation depend on that). Classes rather than lambdas: a
 * lambda's first use costs a class generated at run time, on the first invocation's path. Not
 * thread-safe: one object per invocation.
 *
 * @param <T> what the handler returns
 * @param <E> what the handler may throw
 */
abstract class TrackedInvocation<T, E extends Throwable> extends TimeoutWatch.Watch
    implements ThrowingSupplier<T, E> {
  final InvocationTracking tracking;
  private final ProcessTracker tracker;
  private final Context context;

  private TrackedInvocation(InvocationTracking tracking, Context context) {
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

  /**
   * One invocation of a {@link TrackedRequestHandler} or of a {@link RequestHandler} that {@link
   * TrackedHandlers} wraps.
   */
  static final class OfObjects<I, O> extends TrackedInvocation<O, RuntimeException> {
    private final RequestHandler<I, O> handler;
    private final I input;

    OfObjects(InvocationTracking tracking, RequestHandler<I, O> handler, I input, Context context) {
      super(tracking, context);
      this.handler = handler;
      this.input = input;
    }

    @Override
    O handle(Context context) {
      if (tracking.wrapsHandler()) {
        return handler.handleRequest(input, context);
      }
      // The base class's handleRequest is the entry that runs this invocation. The cast is only
      // resolved when it runs, so a wrapped handler never loads the base class.
      return ((TrackedRequestHandler<I, O>) handler).handleTracked(input, context);
    }
  }

  /**
   * One invocation of a {@link TrackedRequestStreamHandler} or of a {@link RequestStreamHandler}
   * that {@link TrackedHandlers} wraps.
   */
  static final class OfStreams extends TrackedInvocation<Void, IOException> {
    private final RequestStreamHandler handler;
    private final InputStream input;
    private final OutputStream output;

    OfStreams(
        InvocationTracking tracking,
        RequestStreamHandler handler,
        InputStream input,
        OutputStream output,
        Context context) {
      super(tracking, context);
      this.handler = handler;
      this.input = input;
      this.output = output;
    }

    @Override
    Void handle(Context context) throws IOException {
      if (tracking.wrapsHandler()) {
        handler.handleRequest(input, output, context);
      } else {
        ((TrackedRequestStreamHandler) handler).handleTracked(input, output, context);
      }
      return null;
    }
  }
}
