package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/**
 * Prints what it received (a line "SEEN ...") and answers with the order itself, so the runtime
 * serializes a POJO response; fails when the note starts with "fail".
 */
public final class OrderEcho extends TrackedRequestHandler<Order, Order> {
  @Override
  protected Order handleTracked(Order order, Context context) {
    System.out.println("SEEN " + Rendering.of(order));
    if (order != null && order.getNote() != null && order.getNote().startsWith("fail")) {
      throw new IllegalStateException("asked to fail: " + order.getNote());
    }
    return order;
  }
}
