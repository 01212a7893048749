package io.github.goblinfish.examples;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed set of orders standing in for a database table, so that the example deploys without one.
 * Immutable and thread-safe.
 */
final class InMemoryOrderRepository implements OrderRepository {
  private final Map<String, Order> orders;

  private InMemoryOrderRepository(Map<String, Order> orders) {
    this.orders = Map.copyOf(orders);
  }

  /**
   * What opening a real store costs at init (a client, its credentials, a first connection) is tens
   * to hundreds of milliseconds; this stand-in takes {@value #CONNECT_MILLIS} ms of it.
   */
  static final long CONNECT_MILLIS = 25;

  /** The sample orders, after the simulated cost of connecting to a store. */
  static InMemoryOrderRepository connect() {
    try {
      Thread.sleep(CONNECT_MILLIS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return withSampleOrders();
  }

  /** The orders the sample events ask for: {@code ord-1001} exists, {@code ord-4040} does not. */
  static InMemoryOrderRepository withSampleOrders() {
    Order order =
        new Order(
            "ord-1001",
            "cust-42",
            "SHIPPED",
            List.of(
                new Order.OrderLine("SKU-KEYBOARD", 1, 8_999),
                new Order.OrderLine("SKU-USB-C-CABLE", 2, 1_299),
                new Order.OrderLine("SKU-MOUSE-PAD", 1, 1_499)));
    return new InMemoryOrderRepository(Map.of(order.id(), order));
  }

  @Override
  public Optional<Order> findById(String orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }
}
