package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.goblinfish.metrics.trackers.internal.InitClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Adds tracking to an existing handler by composition, for handlers that cannot change their
 * superclass. The wrapped handler reaches its invocation's tracker through {@code
 * ProcessTracker.current()}.
 *
 * <pre>{@code
 * public final class LegacyHandler implements RequestHandler<Map<String, Object>, String> {
 *   private final RequestHandler<Map<String, Object>, String> tracked =
 *       TrackedHandlers.wrap(new LegacyLogic());
 *
 *   public String handleRequest(Map<String, Object> event, Context context) {
 *     return tracked.handleRequest(event, context);
 *   }
 * }
 * }</pre>
 *
 * <p>The entry's latency is named after the wrapped handler's simple class name unless the
 * configuration names it. The returned handlers are thread-safe when the wrapped one is.
 */
public final class TrackedHandlers {
  private TrackedHandlers() {}

  /**
   * Wraps {@code handler} with the default configuration.
   *
   * @param handler the handler to track
   * @param <I> the event type
   * @param <O> the response type
   * @return a handler that tracks each invocation of {@code handler}
   */
  public static <I, O> RequestHandler<I, O> wrap(RequestHandler<I, O> handler) {
    return wrap(handler, InvocationTracking.markedDefaults());
  }

  /**
   * Wraps {@code handler} with the given configuration.
   *
   * @param handler the handler to track
   * @param config entry name, identifiers and output
   * @param <I> the event type
   * @param <O> the response type
   * @return a handler that tracks each invocation of {@code handler}
   */
  public static <I, O> RequestHandler<I, O> wrap(
      RequestHandler<I, O> handler, HandlerConfig config) {
    Objects.requireNonNull(handler, "handler");
    InvocationTracking tracking = new InvocationTracking(config, handler.getClass());
    InvocationClassesWarmUp.startOnce(tracking);
    InitClock.constructionEnded();
    return new Tracked<>(handler, tracking);
  }

  /**
   * Wraps a stream {@code handler} with the default configuration.
   *
   * @param handler the handler to track
   * @return a handler that tracks each invocation of {@code handler}
   */
  public static RequestStreamHandler wrap(RequestStreamHandler handler) {
    return wrap(handler, InvocationTracking.markedDefaults());
  }

  /**
   * Wraps a stream {@code handler} with the given configuration.
   *
   * @param handler the handler to track
   * @param config entry name, identifiers and output
   * @return a handler that tracks each invocation of {@code handler}
   */
  public static RequestStreamHandler wrap(RequestStreamHandler handler, HandlerConfig config) {
    Objects.requireNonNull(handler, "handler");
    InvocationTracking tracking = new InvocationTracking(config, handler.getClass());
    InvocationClassesWarmUp.startOnce(tracking);
    InitClock.constructionEnded();
    return new TrackedStream(handler, tracking);
  }

  // Classes rather than lambdas here and for each invocation: a lambda's first use costs a class
  // generated at run time, on the cold start's path.

  /** A tracked handler around {@code handler}. */
  private static final class Tracked<I, O> implements RequestHandler<I, O> {
    private final RequestHandler<I, O> handler;
    private final InvocationTracking tracking;

    Tracked(RequestHandler<I, O> handler, InvocationTracking tracking) {
      this.handler = handler;
      this.tracking = tracking;
    }

    @Override
    public O handleRequest(I input, Context context) {
      return new TrackedInvocation<O, RuntimeException>(tracking, context) {
        @Override
        O handle(Context context) {
          return handler.handleRequest(input, context);
        }
      }.run();
    }
  }

  /** A tracked stream handler around {@code handler}. */
  private static final class TrackedStream implements RequestStreamHandler {
    private final RequestStreamHandler handler;
    private final InvocationTracking tracking;

    TrackedStream(RequestStreamHandler handler, InvocationTracking tracking) {
      this.handler = handler;
      this.tracking = tracking;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
        throws IOException {
      new TrackedInvocation<Void, IOException>(tracking, context) {
        @Override
        Void handle(Context context) throws IOException {
          handler.handleRequest(input, output, context);
          return null;
        }
      }.run();
    }
  }
}
