package io.github.goblinfish.examples.docs;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.List;
import java.util.Map;

public final class OrderLookupHandler extends TrackedRequestHandler<Map<String, String>, String> {
  @Override
  protected String handleTracked(Map<String, String> event, Context context) {
    String id = event.get("id");
    tracker().setIdentifier("order_id", id);
    List<String> lines;
    try (Timer timer = tracker().timer("load_order")) {
      lines = List.of("book", "pen", "ink"); // your store's lookup
    }
    tracker().setMetric("order_lines", lines.size());
    return "order " + id;
  }
}
