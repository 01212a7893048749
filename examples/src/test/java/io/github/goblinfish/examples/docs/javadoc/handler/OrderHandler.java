package io.github.goblinfish.examples.docs.javadoc.handler;

import static io.github.goblinfish.examples.docs.javadoc.handler.Support.ok;
import static io.github.goblinfish.examples.docs.javadoc.handler.Support.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.List;

/** The class example of TrackedRequestHandler's Javadoc, compiled. */
public final class OrderHandler
    extends TrackedRequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  protected APIGatewayProxyResponseEvent handleTracked(
      APIGatewayProxyRequestEvent request, Context context) {
    Order order;
    try (Timer timer = tracker().timer("load_order")) {
      order = orders.load(request.getPathParameters().get("id"));
    }
    tracker().setIdentifier("order_id", order.id());
    return ok(order);
  }
}

record Order(String id, List<String> lines) {}

interface Orders {
  Order load(String id);
}

final class Support {
  static final Orders orders = id -> new Order(id, List.of());

  private Support() {}

  static APIGatewayProxyResponseEvent ok(Order order) {
    return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(order.id());
  }
}
