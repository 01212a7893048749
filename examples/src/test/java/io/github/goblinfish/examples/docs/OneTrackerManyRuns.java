package io.github.goblinfish.examples.docs;

import io.github.goblinfish.examples.docs.Orders.Order;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;

/** "One tracker, many runs" of docs/tracker.md, compiled. */
final class OneTrackerManyRuns {
  record Invoice(String orderId) {}

  static final ProcessTracker TRACKER = new ProcessTracker();

  static Invoice bill(Order order) {
    return TRACKER.trackProcess("bill", () -> {
      try (Timer timer = TRACKER.timer("price")) {
        price(order);
      }
      TRACKER.setIdentifier("order_id", order.id());
      return invoice(order);
    });
  }

  static void price(Order order) {}

  static Invoice invoice(Order order) {
    return new Invoice(order.id());
  }
}
