package io.github.goblinfish.examples.docs;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;

/**
 * The order store and the response of the README's handler, kept small so the snippet is the point.
 */
final class Orders {
  static final Orders ORDERS = new Orders();

  record Order(String id, List<String> lines) {}

  Order load(String id) {
    return new Order(id, List.of("book", "pen", "ink"));
  }

  static APIGatewayProxyResponseEvent ok(Order order) {
    return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("order " + order.id());
  }
}
