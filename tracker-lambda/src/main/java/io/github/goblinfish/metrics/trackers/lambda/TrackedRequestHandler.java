package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.internal.InitClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * ({@code Handler: com.example.OrderHandler::handleRequest}): both forms hand {@code handleTracked}
 * the same event and send the runtime the same response or failure. With a method the Java runtime
 * calls {@link #handleRequest(InputStream, OutputStream, Context)}, which reads the event's bytes
 * with the runtime's own reader of the class form.
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

  /**
   * The runtime's class-form reader of events, which the stream overload hands the bytes to: built
   * at init when the Handler setting names the method, else on the overload's first call.
   */
  private volatile RequestStreamHandler methodForm;

  /** Tracks with the {@link HandlerConfig#defaults() default configuration}. */
  protected TrackedRequestHandler() {
    this(InvocationTracking.markedDefaults());
  }

  /**
   * Tracks with the default configuration, sending each line to {@code output} instead of the
   * invocation's logger.
   *
   * @param output receives each invocation's line
   */
  protected TrackedRequestHandler(Consumer<String> output) {
    this(InvocationTracking.markedBuilder().output(output).build());
  }

  /**
   * Tracks with the given configuration.
   *
   * @param config entry name, identifiers and output
   */
  // The class-form reader only keeps this handler and reads its class here; it calls the handler
  // on invocations, once construction is over.
  @SuppressWarnings("this-escape")
  protected TrackedRequestHandler(HandlerConfig config) {
    this.tracking = new InvocationTracking(config, getClass());
    InvocationClassesWarmUp.startOnce(tracking);
    this.methodForm = MethodHandlerEvents.forHandler(this, config.environment());
    InitClock.constructionEnded();
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
    // A class rather than a lambda: a lambda's first use costs a class generated at run time.
    return new TrackedInvocation<O, RuntimeException>(tracking, context) {
      @Override
      O handle(Context context) {
        return handleTracked(input, context);
      }
    }.run();
  }

  /**
   * What the Java runtime calls when the function's Handler names the method ({@code Handler:
   * com.example.OrderHandler::handleRequest}): it reads the event from {@code input} exactly as the
   * runtime does for the class form, with its serializer for the event type this class gives {@code
   * I}, runs {@link #handleRequest(Object, Context)}, and writes the response to {@code output} as
   * the class form would; a failure reaches the runtime as it would there.
   *
   * @param input the event's JSON
   * @param output receives the response's JSON
   * @param context the invocation's context
   * @throws IOException if the response cannot be written
   * @throws IllegalStateException if the runtime client's reader of events cannot be found
   */
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    RequestStreamHandler reader = methodForm;
    if (reader == null) {
      // Called without the Handler setting that prepares it at init. Readers are equivalent and
      // published through the volatile field, so a race only builds one twice.
      reader = MethodHandlerEvents.classFormReader(this, getClass().getClassLoader());
      methodForm = reader;
    }
    reader.handleRequest(input, output, context);
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
