package io.github.goblinfish.metrics.trackers.local.it;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.Map;

/**
 * A tracked handler with default settings that sleeps for {@code sleep_ms} of its event inside a
 * timer: with a short Timeout it is stopped while the timer is open.
 */
public final class SleepingHandler extends TrackedRequestHandler<Map<String, Object>, String> {
  /** With PRIME_DURING_INIT=true, init warms the handler up with one invocation, as users do. */
  public SleepingHandler() {
    if ("true".equals(System.getenv("PRIME_DURING_INIT"))) {
      handleRequest(Map.of("sleep_ms", 0), null);
    }
  }

  @Override
  protected String handleTracked(Map<String, Object> event, Context context) {
    long sleepMs = ((Number) event.getOrDefault("sleep_ms", 0)).longValue();
    tracker().setMetric("asked_ms", sleepMs);
    try (Timer timer = tracker().timer("wait_for_downstream")) {
      Thread.sleep(sleepMs);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return "slept";
  }
}
