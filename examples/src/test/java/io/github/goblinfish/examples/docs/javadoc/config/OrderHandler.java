package io.github.goblinfish.examples.docs.javadoc.config;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.LambdaIdentifier;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/** The class example of HandlerConfig's Javadoc, compiled. */
public final class OrderHandler extends TrackedRequestHandler<Request, Response> {
  public OrderHandler() {
    super(HandlerConfig.builder()
        .entryName("order_handler")
        .omitIdentifier(LambdaIdentifier.FUNCTION_VERSION)
        .build());
  }

  protected Response handleTracked(Request request, Context context) {
    return Response.of(request);
  }
}

record Request() {}

record Response() {
  static Response of(Request request) {
    return new Response();
  }
}
