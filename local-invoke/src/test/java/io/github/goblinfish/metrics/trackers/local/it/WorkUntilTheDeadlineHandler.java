package io.github.goblinfish.metrics.trackers.local.it;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.Map;

/**
 * A tracked handler with default settings that works as batch and queue handlers do near their
 * deadline: it processes {@code item_ms} records while more than {@code stop_ms} remain, records
 * how many it processed, then returns, or throws when {@code then} is {@code "throw"}.
 */
public final class WorkUntilTheDeadlineHandler
    extends TrackedRequestHandler<Map<String, Object>, String> {

  @Override
  protected String handleTracked(Map<String, Object> event, Context context) {
    long stopMs = ((Number) event.get("stop_ms")).longValue();
    long itemMs = ((Number) event.get("item_ms")).longValue();
    int processed = 0;
    while (context.getRemainingTimeInMillis() > stopMs) {
      try {
        Thread.sleep(itemMs);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      processed++;
    }
    tracker().setMetric("records_processed", processed);
    if ("throw".equals(event.get("then"))) {
      throw new IllegalStateException("stopped with " + stopMs + " ms or less left");
    }
    return "processed " + processed;
  }
}
