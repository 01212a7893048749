package io.github.goblinfish.examples;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of orders standing in for a database table, so that the example deploys without one.
 * A lookup can be made to take as long as a table's round trip would (the environment variable
 * {@code ORDER_TABLE_LATENCY_MS}, 0 when unset), to see a slower {@code load_order} in the runner's
 * comparisons. Immutable and thread-safe.
 */
final class InMemoryOrderRepository implements OrderRepository {
  private final Map<String, Order> orders;
  private final long latencyNanos;

  private InMemoryOrderRepository(Map<String, Order> orders, long latencyNanos) {
    this.orders = Map.copyOf(orders);
    this.latencyNanos = latencyNanos;
  }

  /**
   * @param value the variable's value, milliseconds, or null
   * @return the nanoseconds a lookup waits: 0 for null
   * @throws IllegalArgumentException for a value that is not a non-negative number
   */
  static long latencyNanos(String value) {
    if (value == null) {
      return 0;
    }
    double ms;
    try {
      ms = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      ms = Double.NaN;
    }
    if (!(ms >= 0 && ms <= 60_000)) {
      throw new IllegalArgumentException(
          "ORDER_TABLE_LATENCY_MS must be milliseconds from 0 to 60000, not '" + value + "'");
    }
    return Math.round(ms * 1_000_000);
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
    return new InMemoryOrderRepository(
        Map.of(order.id(), order), latencyNanos(System.getenv("ORDER_TABLE_LATENCY_MS")));
  }

  @Override
  public Optional<Order> findById(String orderId) {
    long end = System.nanoTime() + latencyNanos;
    for (long left = latencyNanos; left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
    return Optional.ofNullable(orders.get(orderId));
  }
}
