package io.github.goblinfish.examples.docs;

import static io.github.goblinfish.examples.docs.Orders.ORDERS;
import static io.github.goblinfish.examples.docs.Orders.ok;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.github.goblinfish.examples.docs.Orders.Order;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/** The handler of the README and of docs/handlers.md, as they show it. */
public final class OrderHandler
    extends TrackedRequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  @Override
  protected APIGatewayProxyResponseEvent handleTracked(APIGatewayProxyRequestEvent request, Context context) {
    Order order;
    try (Timer timer = tracker().timer("load_order")) {
      order = ORDERS.load(request.getPathParameters().get("id"));
    }
    tracker().setMetric("order_lines", order.lines().size());
    return ok(order);
  }
}
