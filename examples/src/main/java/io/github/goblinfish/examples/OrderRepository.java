package io.github.goblinfish.examples;

import io.github.goblinfish.metrics.trackers.Tracked;
import java.util.Optional;

/**
 * Where {@link ApiGatewayHandler} finds orders. The annotation makes every lookup through a {@code
 * TrackedProxy} appear as {@code load_order} in the line of the invocation that made it, without
 * the handler timing the call itself.
 */
public interface OrderRepository {

  /**
   * Finds an order.
   *
   * @param orderId the order id
   * @return the order, or empty when there is none with that id
   */
  @Tracked("load_order")
  Optional<Order> findById(String orderId);
}
