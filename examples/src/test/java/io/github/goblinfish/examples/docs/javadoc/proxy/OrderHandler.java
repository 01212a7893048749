package io.github.goblinfish.examples.docs.javadoc.proxy;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.Tracked;
import io.github.goblinfish.metrics.trackers.TrackedProxy;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/** The class example of TrackedProxy's Javadoc, compiled. */
public final class OrderHandler extends TrackedRequestHandler<Request, Response> {
  private static final OrderRepository ORDERS =
      TrackedProxy.of(OrderRepository.class, new DynamoOrderRepository());

  protected Response handleTracked(Request request, Context context) {
    return Response.of(ORDERS.load(request.orderId())); // "load_order" in this invocation's line
  }
}

record Request(String orderId) {}

record Order(String id) {}

record Response(Order order) {
  static Response of(Order order) {
    return new Response(order);
  }
}

interface OrderRepository {
  @Tracked("load_order")
  Order load(String id);
}

final class DynamoOrderRepository implements OrderRepository {
  @Override
  public Order load(String id) {
    return new Order(id);
  }
}
