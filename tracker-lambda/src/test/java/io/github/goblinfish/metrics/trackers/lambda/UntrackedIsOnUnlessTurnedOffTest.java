package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A handler's lines say how much of the entry no step covered unless {@code untracked(false)} or
 * {@code TRACKER_UNTRACKED=false} turns it off; in EMF it is a metric only when asked for.
 */
class UntrackedIsOnUnlessTurnedOffTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();

  private final class Handler extends TrackedRequestHandler<String, String> {
    Handler(HandlerConfig.Builder config) {
      super(
          config.output(lines::add).ticker(ticker).omitAllIdentifiers().entryName("entry").build());
    }

    @Override
    protected String handleTracked(String input, Context context) {
      ticker.advanceMicros(1_000);
      try (Timer timer = tracker().timer("step")) {
        ticker.advanceMicros(3_000);
      }
      return input;
    }
  }

  private static HandlerConfig.Builder environment(String... pairs) {
    Map<String, String> variables = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      variables.put(pairs[i], pairs[i + 1]);
    }
    return HandlerConfig.builder().environment(variables::get);
  }

  @Test
  void byDefaultTheLineSaysWhatTheStepsLeftUntracked() {
    new Handler(environment()).handleRequest("a", null);
    assertEquals(
        "{\"latencies\":{\"entry\":4.000,\"step\":3.000},\"untracked\":1.000,\"metrics\":{}}",
        lines.get(0));
  }

  @Test
  void inCodeOrByTheVariableItCanBeTurnedOff() {
    new Handler(environment().untracked(false)).handleRequest("a", null);
    new Handler(environment(HandlerConfig.UNTRACKED_VARIABLE, "false")).handleRequest("b", null);
    new Handler(environment(HandlerConfig.UNTRACKED_VARIABLE, "false").untracked(true))
        .handleRequest("c", null);
    assertEquals(
        List.of(
            "{\"latencies\":{\"entry\":4.000,\"step\":3.000},\"metrics\":{}}",
            "{\"latencies\":{\"entry\":4.000,\"step\":3.000},\"metrics\":{}}",
            "{\"latencies\":{\"entry\":4.000,\"step\":3.000},\"untracked\":1.000,\"metrics\":{}}"),
        lines);
  }

  @Test
  void aValueTheVariableDoesNotAcceptFailsTheConstructionAndSaysWhatItTakes() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> environment(HandlerConfig.UNTRACKED_VARIABLE, "yes").build());
    assertEquals(
        "TRACKER_UNTRACKED='yes' is not accepted: use true, false or metric", refused.getMessage());
  }

  @Test
  void inEmfItIsAPlainMemberUnlessAskedForAsAMetric() {
    // No dimension: the handler writes no identifier here.
    new Handler(
            environment(
                HandlerConfig.FORMAT_VARIABLE, "emf", HandlerConfig.DIMENSIONS_VARIABLE, ""))
        .handleRequest("a", null);
    new Handler(
            environment(
                HandlerConfig.FORMAT_VARIABLE,
                "emf",
                HandlerConfig.DIMENSIONS_VARIABLE,
                "",
                HandlerConfig.UNTRACKED_VARIABLE,
                "metric"))
        .handleRequest("b", null);
    String plain = lines.get(0);
    String metric = lines.get(1);
    assertEquals(true, plain.contains("\"untracked\":1.000"), plain);
    assertEquals(false, plain.contains("latency_ms:untracked"), plain);
    assertEquals(true, metric.contains("\"latency_ms:untracked\":1.000"), metric);
    assertEquals(
        true,
        metric.contains("{\"Name\":\"latency_ms:untracked\",\"Unit\":\"Milliseconds\"}"),
        metric);
  }
}
