package io.github.goblinfish.metrics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.benchmarks.handlers.BareHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.DiscardingEmfEnvironment;
import io.github.goblinfish.metrics.benchmarks.handlers.EmfLibHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.PowertoolsHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;

/**
 * Runs each benchmark body once and checks that each implementation really wrote the scenario's
 * names: a benchmark that silently measured nothing would fail here.
 */
class BenchmarkBodiesTest {
  private static final String[] TYPICAL_NAMES = {
    "TrackerHandler", "validate", "load_order", "price_order", "save_order", "render_response",
    "order_lines", "order_total_cents", "items_shipped", "correlation_id", "order_id", "request_id"
  };

  private static void assertNames(String implementation, List<String> lines, String... names) {
    assertFalse(lines.isEmpty(), implementation + " wrote no line");
    String all = String.join("\n", lines);
    for (String name : names) {
      assertTrue(all.contains("\"" + name + "\""), implementation + " lacks " + name + ": " + all);
    }
  }

  @Test
  void bareHandlerAnswers() {
    assertEquals("ok", new BareHandler().handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE));
  }

  @Test
  void trackerWritesTheTypicalNamesOnOneLine() {
    List<String> lines = new ArrayList<>();
    String response =
        new TrackerHandler(lines::add).handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE);
    assertEquals("ok", response);
    assertEquals(1, lines.size());
    assertNames("tracker-lambda", lines, TYPICAL_NAMES);
  }

  @Test
  void trackerEmfWritesTheTypicalNamesAndDeclaresTheLatencies() {
    List<String> lines = new ArrayList<>();
    new TrackerHandler(TrackerHandler.emfConfig(lines::add))
        .handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE);
    assertEquals(1, lines.size());
    assertNames("tracker-lambda EMF", lines, TYPICAL_NAMES);
    assertTrue(lines.get(0).contains("\"latency_ms:load_order\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"Namespace\":\"TrackerBench\""), lines.get(0));
  }

  @Test
  void awsEmbeddedMetricsWritesTheTypicalNames() {
    List<String> lines = new ArrayList<>();
    DiscardingEmfEnvironment environment = new DiscardingEmfEnvironment(lines::add);
    EmfLibHandler handler =
        new EmfLibHandler(() -> new MetricsLogger(DiscardingEmfEnvironment.provider(environment)));
    assertEquals("ok", handler.handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE));
    assertNames("aws-embedded-metrics", lines, TYPICAL_NAMES);
    assertTrue(lines.get(0).contains("\"Unit\":\"Milliseconds\""), lines.get(0));
  }

  @Test
  void powertoolsWritesTheTypicalNames() {
    List<String> lines = new ArrayList<>();
    PowertoolsHandler handler = new PowertoolsHandler(PowertoolsHandler.discardingInstance(lines::add));
    assertEquals("ok", handler.handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE));
    assertNames("powertools-metrics", lines, TYPICAL_NAMES);
    // A second invocation gets a fresh per-request logger: same names again, nothing carried over.
    lines.clear();
    handler.handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE);
    assertNames("powertools-metrics (second invocation)", lines, TYPICAL_NAMES);
  }

  @Test
  void everyBenchmarkMethodRunsEveryScenario() {
    for (String name : new String[] {"minimal", "typical", "distinct_100", "repeated_10000"}) {
      InvocationBenchmark benchmark = new InvocationBenchmark();
      benchmark.scenario = name;
      List<String> consumed = new ArrayList<>();
      benchmark.setUpWith(consumed::add);
      assertEquals("ok", benchmark.bare());
      assertEquals("ok", benchmark.tracker());
      assertEquals(1, consumed.size(), name);
      assertTrue(consumed.get(0).contains("\"TrackerHandler\""), consumed.get(0));
      consumed.clear();
      assertEquals("ok", benchmark.trackerEmf());
      assertEquals(1, consumed.size(), name);
      assertNames("tracker-lambda EMF " + name, consumed, "TrackerHandler", "_aws");
      consumed.clear();
      assertEquals("ok", benchmark.awsEmf());
      assertNames("aws-embedded-metrics " + name, consumed, "TrackerHandler");
      consumed.clear();
      assertEquals("ok", benchmark.powertools());
      assertNames("powertools-metrics " + name, consumed, "TrackerHandler");
    }
  }

  @Test
  void heavyScenariosRecordEveryNameAndTheRepeatedNameOnce() {
    List<String> lines = new ArrayList<>();
    TrackerHandler handler = new TrackerHandler(lines::add);
    handler.handleRequest(Scenario.DISTINCT_100, BenchContext.INSTANCE);
    assertNames("tracker-lambda distinct_100", lines, "step_0000", "step_0050", "step_0099");
    lines.clear();
    handler.handleRequest(Scenario.repeated(100), BenchContext.INSTANCE);
    handler.handleRequest(Scenario.REPEATED_10000, BenchContext.INSTANCE);
    assertTrue(lines.get(1).contains("\"latency_counts\":{\"step\":10000}"), lines.get(1));
    // Constant memory: the line for 10,000 closes is as long as for 100, give or take digits.
    assertTrue(Math.abs(lines.get(1).length() - lines.get(0).length()) < 16, lines.toString());
  }
}
