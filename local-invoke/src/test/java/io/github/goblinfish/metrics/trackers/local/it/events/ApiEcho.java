package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/**
 * An aws-lambda-java-events type, read and written by the runtime's event serializers: prints what
 * it received (a line "SEEN ...") and answers with the event itself.
 */
public final class ApiEcho
    extends TrackedRequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyRequestEvent> {
  @Override
  protected APIGatewayProxyRequestEvent handleTracked(
      APIGatewayProxyRequestEvent event, Context context) {
    System.out.println("SEEN " + Rendering.of(event));
    return event;
  }
}
