package io.github.goblinfish.metrics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.goblinfish.metrics.benchmarks.handlers.BareHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.DiscardingEmfEnvironment;
import io.github.goblinfish.metrics.benchmarks.handlers.EmfLibHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.PowertoolsHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
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

  /**
   * The typical line's latencies and metrics when every clock reading is 1 ms after the last: the
   * entry's 11 ms less its five steps' 5 ms are untracked.
   */
  private static final String TYPICAL_MEASURES =
      "\"latencies\":{\"TrackerHandler\":11.000,\"validate\":1.000,\"load_order\":1.000,"
          + "\"price_order\":1.000,\"save_order\":1.000,\"render_response\":1.000},"
          + "\"untracked\":6.000,"
          + "\"metrics\":{\"order_lines\":3,\"order_total_cents\":4599,\"items_shipped\":2}";

  /** The typical line's identifiers. */
  private static final String TYPICAL_IDENTIFIERS =
      "\"request_id\":\"6f1c0c1e-6d6b-4c1e-9d55-2b2f6b0c1e42\",\"function_name\":\"bench-function\","
          + "\"function_version\":\"$LATEST\",\"cold_start\":false,\"correlation_id\":\"c-42\","
          + "\"order_id\":\"o-1001\"";

  /** The typical default line when every clock reading is 1 ms after the one before. */
  private static final String TYPICAL_LINE =
      "{" + TYPICAL_MEASURES + "," + TYPICAL_IDENTIFIERS + "}";

  /**
   * The typical EMF line on the same clock, its wall-clock Timestamp replaced by {@code T}: the
   * identifiers first, the root members, {@code _aws} last.
   */
  private static final String TYPICAL_EMF_LINE =
      "{"
          + TYPICAL_IDENTIFIERS
          + ","
          + TYPICAL_MEASURES
          + ",\"latency_ms:TrackerHandler\":11.000,\"latency_ms:validate\":1.000,"
          + "\"latency_ms:load_order\":1.000,\"latency_ms:price_order\":1.000,"
          + "\"latency_ms:save_order\":1.000,\"latency_ms:render_response\":1.000,"
          + "\"metric:cold_start\":0,"
          + "\"metric:order_lines\":3,\"metric:order_total_cents\":4599,\"metric:items_shipped\":2,"
          + "\"_aws\":{\"Timestamp\":T,\"CloudWatchMetrics\":[{\"Namespace\":\"TrackerBench\","
          + "\"Dimensions\":[[\"function_name\"]],\"Metrics\":["
          + "{\"Name\":\"latency_ms:TrackerHandler\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"latency_ms:validate\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"latency_ms:load_order\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"latency_ms:price_order\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"latency_ms:save_order\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"latency_ms:render_response\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"metric:cold_start\",\"Unit\":\"Count\"},"
          + "{\"Name\":\"metric:order_lines\"},{\"Name\":\"metric:order_total_cents\"},"
          + "{\"Name\":\"metric:items_shipped\"}]}]}}";

  /**
   * The typical line of both EMF peers after a warm invocation, with its wall-clock Timestamp and
   * its measured latencies set to 0 and its metric declarations sorted by name (the peers order
   * members by hash).
   */
  private static final String PEERS_TYPICAL_LINE =
      "{\"_aws\":{\"Timestamp\":0,\"CloudWatchMetrics\":[{\"Namespace\":\"TrackerBench\","
          + "\"Metrics\":[{\"Name\":\"TrackerHandler\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"items_shipped\",\"Unit\":\"Count\"},"
          + "{\"Name\":\"load_order\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"order_lines\",\"Unit\":\"Count\"},"
          + "{\"Name\":\"order_total_cents\",\"Unit\":\"Count\"},"
          + "{\"Name\":\"price_order\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"render_response\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"save_order\",\"Unit\":\"Milliseconds\"},"
          + "{\"Name\":\"validate\",\"Unit\":\"Milliseconds\"}],"
          + "\"Dimensions\":[[\"LogGroup\",\"ServiceName\",\"ServiceType\"]]}]},"
          + "\"TrackerHandler\":0,\"validate\":0,\"load_order\":0,\"price_order\":0,"
          + "\"save_order\":0,\"render_response\":0,"
          + "\"order_lines\":3,\"order_total_cents\":4599,\"items_shipped\":2,"
          + "\"LogGroup\":\"Unknown\",\"ServiceName\":\"Unknown\","
          + "\"ServiceType\":\"AWS::Lambda::Function\","
          + "\"request_id\":\"6f1c0c1e-6d6b-4c1e-9d55-2b2f6b0c1e42\",\"function_name\":\"bench-function\","
          + "\"function_version\":\"$LATEST\",\"cold_start\":false,"
          + "\"correlation_id\":\"c-42\",\"order_id\":\"o-1001\"}";

  private static final Pattern TIMESTAMP = Pattern.compile("\"Timestamp\":(\\d+),");

  /** The process's one cold start is taken here, so every line below says cold_start false. */
  @BeforeAll
  static void takeTheColdStart() {
    new TrackerHandler(line -> {}).handleRequest(Scenario.MINIMAL, BenchContext.INSTANCE);
  }

  /** A clock whose every reading is 1 ms after the one before. */
  private static AtomicLong oneMillisecondPerReading() {
    return new AtomicLong();
  }

  /** Replaces the EMF line's wall-clock Timestamp by T after checking it was taken in the call. */
  private static String withoutTimestamp(String line, long before, long after) {
    Matcher matcher = TIMESTAMP.matcher(line);
    assertTrue(matcher.find(), line);
    long timestamp = Long.parseLong(matcher.group(1));
    assertTrue(timestamp >= before && timestamp <= after, timestamp + " not in the call: " + line);
    return matcher.replaceFirst("\"Timestamp\":T,");
  }

  /**
   * A peer's EMF line with what the clocks decide taken out: the Timestamp (checked to be taken in
   * the call) and every Milliseconds value (checked to be a latency no longer than the call) set to
   * 0, the declarations sorted by name. Member order is not compared; everything else is.
   */
  private static JsonObject peerLineWithoutClocks(String line, long before, long after) {
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    JsonObject aws = root.getAsJsonObject("_aws");
    long timestamp = aws.get("Timestamp").getAsLong();
    assertTrue(timestamp >= before && timestamp <= after, timestamp + " not in the call: " + line);
    aws.addProperty("Timestamp", 0);
    JsonObject directive = aws.getAsJsonArray("CloudWatchMetrics").get(0).getAsJsonObject();
    List<JsonElement> metrics = new ArrayList<>();
    directive.getAsJsonArray("Metrics").forEach(metrics::add);
    metrics.sort(
        Comparator.comparing(metric -> metric.getAsJsonObject().get("Name").getAsString()));
    JsonArray sorted = new JsonArray();
    for (JsonElement metric : metrics) {
      sorted.add(metric);
      JsonObject declaration = metric.getAsJsonObject();
      if (declaration.get("Unit").getAsString().equals("Milliseconds")) {
        String name = declaration.get("Name").getAsString();
        double latency = root.get(name).getAsDouble();
        assertTrue(latency >= 0 && latency <= after - before + 1, name + ": " + line);
        root.add(name, new JsonPrimitive(0));
      }
    }
    directive.add("Metrics", sorted);
    return root;
  }

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
    PowertoolsHandler handler =
        new PowertoolsHandler(PowertoolsHandler.discardingInstance(lines::add));
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

  @Test
  void loggerPathBodiesWriteTheExactLineToTheConsumerAndTheSameLineAndNewlineToTheLogger() {
    LoggerPathBenchmark benchmark = new LoggerPathBenchmark();
    benchmark.scenario = "typical";
    List<String> lines = new ArrayList<>();
    List<byte[]> logged = new ArrayList<>();
    AtomicLong now = oneMillisecondPerReading();
    benchmark.setUpWith(lines::add, logged::add, () -> now.addAndGet(1_000_000));

    assertEquals("ok", benchmark.consumer());
    assertEquals(List.of(TYPICAL_LINE), lines);
    assertTrue(logged.isEmpty());

    assertEquals("ok", benchmark.lambdaLogger());
    assertEquals(1, lines.size(), "the logger path must not use the consumer");
    assertEquals(1, logged.size());
    assertEquals(TYPICAL_LINE + "\n", new String(logged.get(0), StandardCharsets.UTF_8));

    long before = System.currentTimeMillis();
    assertEquals("ok", benchmark.emfConsumer());
    assertEquals("ok", benchmark.emfLambdaLogger());
    long after = System.currentTimeMillis();
    assertEquals(2, lines.size());
    assertEquals(2, logged.size());
    assertEquals(TYPICAL_EMF_LINE, withoutTimestamp(lines.get(1), before, after));
    assertEquals(
        TYPICAL_EMF_LINE + "\n",
        withoutTimestamp(new String(logged.get(1), StandardCharsets.UTF_8), before, after));
  }

  @Test
  void managedInstancesBodiesWriteOneExactLinePerInvocationOnTheSharedInstances() {
    ManagedInstancesBenchmark benchmark = new ManagedInstancesBenchmark();
    benchmark.scenario = "typical";
    List<String> lines = new ArrayList<>();
    AtomicLong now = oneMillisecondPerReading();
    benchmark.setUpWith(lines::add, () -> now.addAndGet(1_000_000));
    ManagedInstancesBenchmark.enterInvocationThread(1);
    ManagedInstancesBenchmark.InvocationThread thread =
        new ManagedInstancesBenchmark.InvocationThread();

    assertEquals("ok", benchmark.bare(thread));
    assertTrue(lines.isEmpty());
    for (int invocation = 0; invocation < 2; invocation++) {
      lines.clear();
      assertEquals("ok", benchmark.tracker(thread));
      assertEquals(List.of(TYPICAL_LINE), lines);
      lines.clear();
      long before = System.currentTimeMillis();
      assertEquals("ok", benchmark.trackerEmf(thread));
      assertEquals(1, lines.size());
      assertEquals(
          TYPICAL_EMF_LINE, withoutTimestamp(lines.get(0), before, System.currentTimeMillis()));
      lines.clear();
      before = System.currentTimeMillis();
      assertEquals("ok", benchmark.awsEmf(thread));
      assertEquals("ok", benchmark.powertools(thread));
      long after = System.currentTimeMillis();
      assertEquals(2, lines.size(), lines.toString());
      if (invocation == 1) {
        // Warm (cold_start false whichever test ran first); powertools' second invocation on the
        // same trace id got a fresh per-request logger: the same line, nothing carried over.
        JsonObject expected = JsonParser.parseString(PEERS_TYPICAL_LINE).getAsJsonObject();
        assertEquals(expected, peerLineWithoutClocks(lines.get(0), before, after), lines.get(0));
        assertEquals(expected, peerLineWithoutClocks(lines.get(1), before, after), lines.get(1));
      } else {
        assertNames("EMF peers, shared instances", lines, TYPICAL_NAMES);
      }
    }
  }

  @Test
  void theInvocationThreadsTraceIdIsTheOnePowertoolsReads() {
    ManagedInstancesBenchmark.enterInvocationThread(7);
    assertEquals(
        "Root=1-674c7a00-000000000000000000000007;Sampled=0",
        software.amazon.awssdk.utilslite.SdkInternalThreadLocal.get(
            ManagedInstancesBenchmark.TRACE_ID_KEY));
    assertEquals(
        "1-674c7a00-000000000000000000000007",
        software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor.getXrayTraceId()
            .orElseThrow());
  }
}
