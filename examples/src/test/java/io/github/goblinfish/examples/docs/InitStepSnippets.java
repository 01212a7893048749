package io.github.goblinfish.examples.docs;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/** The init steps and the untracked time, as docs/handlers.md and the Javadoc show them. */
final class InitStepSnippets {
  private InitStepSnippets() {}

  /** Stands in for a store whose client is built at init. */
  interface OrderRepository {
    static OrderRepository connect() {
      return new OrderRepository() {};
    }
  }

  static final class OrderHandler extends TrackedRequestHandler<String, String> {
    private final OrderRepository orders;

    public OrderHandler() {
      try (Timer timer = ProcessTracker.initTimer("order_repository")) {
        orders = OrderRepository.connect();
      }
    }

    @Override
    protected String handleTracked(String input, Context context) {
      return String.valueOf(orders);
    }
  }

  static HandlerConfig withoutUntracked() {
    HandlerConfig config = HandlerConfig.builder().untracked(false).build();
    return config;
  }

  static EmfLineFormat emfWithUntrackedMetric() {
    EmfLineFormat format = LineFormat.emf().untrackedMetric(true).build();
    return format;
  }

  static ProcessTracker plainTrackerWithUntracked() {
    ProcessTracker tracker = ProcessTracker.builder().untracked(true).build();
    return tracker;
  }
}
