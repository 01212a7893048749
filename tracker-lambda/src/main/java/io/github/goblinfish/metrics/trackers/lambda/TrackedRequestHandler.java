package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.util.function.Consumer;

/**
 * A {@link RequestHandler} whose every invocation is tracked: a fresh {@link ProcessTracker} per
 * invocation times {@link #handleTracked(Object, Context)} under the handler's simple class name,
 * adds the {@link LambdaIdentifier automatic identifiers}, and writes one JSON line through the
 * invocation's {@code LambdaLogger} when it ends.
 *
 * <pre>{@code
 * public final class OrderHandler
 *     extends TrackedRequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
 *   protected APIGatewayProxyResponseEvent handleTracked(
 *       APIGatewayProxyRequestEvent request, Context context) {
 *     Order order;
 *     try (Timer timer = tracker().timer("load_order")) {
 *       order = orders.load(request.getPathParameters().get("id"));
 *     }
 *     tracker().setIdentifier("order_id", order.id());
 *     return ok(order);
 *   }
 * }
 * }</pre>
 *
 * <p>Name the handler by its class ({@code Handler: com.example.OrderHandler}) or by its method
 * ({@code Handler: com.example.OrderHandler::handleRequest}). With a method the Java runtime reads
 * the event type from the inherited {@code handleRequest(I, Context)}, sees only the type variable
 * and deserializes the event as a {@code Map}; the handler then turns it into its event type with
 * the runtime's own serializers, so both forms hand {@code handleTracked} the same event.
 *
 * <p>The handler's result or exception reaches the runtime unchanged (the same object); a failed
 * invocation's line also has the metrics {@code failed} and {@code exception_type}. Thread-safe:
 * one instance serves concurrent invocations (Lambda Managed Instances) because all per-invocation
 * state lives in the invocation's tracker, never in this object.
 *
 * @param <I> the event type
 * @param <O> the response type
 */
public abstract class TrackedRequestHandler<I, O> implements RequestHandler<I, O> {
  private final InvocationTracking tracking;

  /** Null unless the Handler setting names a method, which makes the runtime pass a Map. */
  private final MethodHandlerEvents methodHandlerEvents;

  /** Tracks with the {@link HandlerConfig#defaults() default configuration}. */
  protected TrackedRequestHandler() {
    this(HandlerConfig.defaults());
  }

  /**
   * Tracks with the default configuration, sending each line to {@code output} instead of the
   * invocation's logger.
   *
   * @param output receives each invocation's line
   */
  protected TrackedRequestHandler(Consumer<String> output) {
    this(HandlerConfig.builder().output(output).build());
  }

  /**
   * Tracks with the given configuration.
   *
   * @param config entry name, identifiers and output
   */
  protected TrackedRequestHandler(HandlerConfig config) {
    this.tracking = new InvocationTracking(config, getClass());
    this.methodHandlerEvents = MethodHandlerEvents.forHandler(getClass(), config.environment());
  }

  /**
   * Tracks the invocation and runs {@link #handleTracked(Object, Context)}.
   *
   * @param input the event
   * @param context the invocation's context; null is tolerated
   * @return what {@link #handleTracked(Object, Context)} returned
   */
  @Override
  public final O handleRequest(I input, Context context) {
    ProcessTracker tracker = tracking.trackerFor(context);
    return tracker.trackProcess(
        tracking.entryName(), new Invocation<>(this, tracker, input, context));
  }

  /** One invocation: the event converted as the runtime's Handler asks, then the handler. */
  private static final class Invocation<I, O> extends TrackedInvocation<O, RuntimeException> {
    private final TrackedRequestHandler<I, O> handler;
    private final I input;

    Invocation(
        TrackedRequestHandler<I, O> handler, ProcessTracker tracker, I input, Context context) {
      super(handler.tracking, tracker, context);
      this.handler = handler;
      this.input = input;
    }

    @Override
    O handle(Context context) {
      return handler.handleTracked(handler.event(input), context);
    }
  }

  @SuppressWarnings("unchecked") // recover() returns an instance of the declared event type
  private I event(I input) {
    return methodHandlerEvents == null ? input : (I) methodHandlerEvents.recover(input);
  }

  /**
   * Handles one invocation; its time is the entry's latency.
   *
   * @param input the event
   * @param context the invocation's context
   * @return the response
   */
  protected abstract O handleTracked(I input, Context context);

  /**
   * Returns the tracker of the invocation running on the calling thread (a detached tracker that
   * records nothing outside an invocation).
   *
   * @return the current invocation's tracker
   */
  protected final ProcessTracker tracker() {
    return ProcessTracker.current();
  }
}
