package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.EPOCH_MS;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.MS;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.TRACE_ROOT;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.describe;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.exactLine;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.keys;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function of the root {@code template.yaml}, with each of its sample events, through the
 * runner: the real runtime interface client in a child JVM, in the Text and in the JSON log format
 * (the template's format overridden both ways). One runtime per function and format serves each
 * event twice, so the first invocation is the cold start and the rest are warm.
 *
 * <p>For every invocation it pins the exact response and the exact tracker line: one log event per
 * invocation, written by the runtime client as one frame whose message IS the JSON object (never
 * wrapped in a {@code message} string), its members in order with their exact values, and its
 * identifiers tied to the invocation (request id, function name, version, cold start, X-Ray root).
 * Only latencies, trace roots and the EMF timestamp vary, and are matched by pattern.
 */
class ExamplesIT {
  private static final List<String> ALL_IDENTIFIERS =
      List.of(
          "request_id",
          "function_name",
          "function_version",
          "cold_start",
          "init_type",
          "xray_trace_id");

  /** SqsBatchFunction sets TRACKER_IDENTIFIERS=request_id,cold_start,xray_trace_id. */
  private static final List<String> SQS_IDENTIFIERS =
      List.of("request_id", "cold_start", "xray_trace_id");

  private static final String ORDER_BODY =
      "{\"id\":\"ord-1001\",\"customerId\":\"cust-42\",\"status\":\"SHIPPED\","
          + "\"lines\":[{\"sku\":\"SKU-KEYBOARD\",\"quantity\":1,\"unitPriceCents\":8999},"
          + "{\"sku\":\"SKU-USB-C-CABLE\",\"quantity\":2,\"unitPriceCents\":1299},"
          + "{\"sku\":\"SKU-MOUSE-PAD\",\"quantity\":1,\"unitPriceCents\":1499}]}";

  /** What one event must produce. */
  private record Expected(
      String eventFile,
      JsonElement response,
      List<String> latencies,
      int orderedLatencies,
      String latencyCounts,
      String metrics,
      String ownIdentifiers) {}

  private static final Expected GET_ORDER =
      new Expected(
          "api-gateway-get-order.json",
          apiResponse(200, "7f9c2d1e-5b3a-4c8d-9e0f-1a2b3c4d5e6f", ORDER_BODY),
          List.of("ApiGatewayHandler", "validate_request", "load_order"),
          3,
          null,
          "{\"order_lines\":3,\"order_total_cents\":13096,\"status_code\":200}",
          "{\"service\":\"orders\",\"correlation_id\":\"7f9c2d1e-5b3a-4c8d-9e0f-1a2b3c4d5e6f\","
              + "\"order_id\":\"ord-1001\"}");

  /** No X-Correlation-Id header: API Gateway's request id stands in for it. */
  private static final Expected UNKNOWN_ORDER =
      new Expected(
          "api-gateway-unknown-order.json",
          apiResponse(
              404, "1b2c3d4e-8f90-41a2-b3c4-d5e6f7a8b9c0", "{\"message\":\"no order ord-4040\"}"),
          List.of("ApiGatewayHandler", "validate_request", "load_order"),
          3,
          null,
          "{\"status_code\":404}",
          "{\"service\":\"orders\",\"correlation_id\":\"1b2c3d4e-8f90-41a2-b3c4-d5e6f7a8b9c0\","
              + "\"order_id\":\"ord-4040\"}");

  /** Fails validation: no lookup, no order id. */
  private static final Expected BAD_REQUEST =
      new Expected(
          "api-gateway-bad-request.json",
          apiResponse(
              400,
              "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
              "{\"message\":\"order id must look like ord-1234\"}"),
          List.of("ApiGatewayHandler", "validate_request"),
          2,
          null,
          "{\"status_code\":400}",
          "{\"service\":\"orders\",\"correlation_id\":\"0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6\"}");

  /** The second record is not a stock update: it alone is reported back to SQS. */
  private static final Expected SQS_BATCH =
      new Expected(
          "sqs-batch.json",
          JsonParser.parseString(
              "{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}"),
          List.of("SqsBatchHandler", "process_record"),
          2,
          "{\"process_record\":3}",
          "{\"records\":3,\"records_failed\":1}",
          "{\"queue\":\"tracker-examples-StockUpdatesQueue-5Ez3kJ7Qw1Pa\"}");

  /** The three lookups start on pool threads at once: their order in the line is free. */
  private static final Expected ASYNC_LOOKUP =
      new Expected(
          "async-lookup.json",
          JsonParser.parseString(
              "{\"person\":{\"id\":\"p-1001\",\"name\":\"Professor Plum\"},"
                  + "\"orders\":[{\"id\":\"ord-1001\",\"status\":\"SHIPPED\"},{\"id\":\"ord-1002\",\"status\":\"PENDING\"}],"
                  + "\"preferences\":{\"newsletter\":true,\"language\":\"en-IE\"}}"),
          List.of(
              "AsyncLookupHandler",
              "all_lookups",
              "get_person_data",
              "get_orders",
              "get_preferences"),
          2,
          null,
          "{\"orders_found\":2}",
          "{\"person_id\":\"p-1001\"}");

  private static final Expected OWN_LOG_FORMAT =
      new Expected(
          "own-log-format.json",
          JsonParser.parseString(
              "{\"sku\":\"SKU-KEYBOARD\",\"quantity\":3,\"unitPriceCents\":8999,\"totalCents\":26997}"),
          List.of("quote_handler", "price_lookup"),
          2,
          null,
          "{\"quantity\":3,\"total_cents\":26997}",
          "{\"sku\":\"SKU-KEYBOARD\"}");

  /**
   * The template's functions, each with its events (as examples' TemplateTest.EVENTS_BY_FUNCTION).
   */
  private static Map<String, List<Expected>> byFunction;

  private static Path root;
  private static Path template;

  @BeforeAll
  static void expectations() throws Exception {
    root = LambdaITSupport.repositoryRoot();
    template = root.resolve("template.yaml");
    byte[] streamEvent = Files.readAllBytes(root.resolve("events/stream-echo.json"));
    JsonObject streamResponse = new JsonObject();
    streamResponse.add(
        "echo", JsonParser.parseString(new String(streamEvent, StandardCharsets.UTF_8)));
    streamResponse.addProperty("event_bytes", streamEvent.length);
    streamResponse.addProperty("top_level_fields", 3);
    Expected streamEcho =
        new Expected(
            "stream-echo.json",
            streamResponse,
            List.of(
                "StreamEchoHandler",
                "read_event",
                "parse_event",
                "build_response",
                "write_response"),
            5,
            null,
            "{\"event_bytes\":" + streamEvent.length + ",\"top_level_fields\":3}",
            "{}");

    Map<String, List<Expected>> map = new LinkedHashMap<>();
    map.put("ApiGatewayFunction", List.of(GET_ORDER, UNKNOWN_ORDER, BAD_REQUEST));
    map.put("SqsBatchFunction", List.of(SQS_BATCH));
    map.put("AsyncLookupFunction", List.of(ASYNC_LOOKUP));
    map.put("StreamEchoFunction", List.of(streamEcho));
    map.put("OwnLogFormatFunction", List.of(OWN_LOG_FORMAT));
    map.put("ApiGatewayEmfFunction", List.of(GET_ORDER));
    byFunction = map;
  }

  static Stream<Arguments> functionsAndLogFormats() {
    List<String> ids =
        List.of(
            "ApiGatewayFunction",
            "SqsBatchFunction",
            "AsyncLookupFunction",
            "StreamEchoFunction",
            "OwnLogFormatFunction",
            "ApiGatewayEmfFunction");
    return ids.stream()
        .flatMap(id -> Stream.of(Arguments.of(id, "Text"), Arguments.of(id, "JSON")));
  }

  @Test
  void everyFunctionOfTheTemplateIsCovered() throws Exception {
    assertEquals(
        Set.copyOf(byFunction.keySet()), Set.copyOf(Template.load(template).functionIds()));
    assertEquals(
        Set.copyOf(byFunction.keySet()),
        functionsAndLogFormats().map(a -> (String) a.get()[0]).collect(Collectors.toSet()));
    // Every sample event is used by some function.
    try (Stream<Path> files = Files.list(root.resolve("events"))) {
      assertEquals(
          files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
          byFunction.values().stream()
              .flatMap(List::stream)
              .map(Expected::eventFile)
              .collect(Collectors.toSet()));
    }
  }

  @ParameterizedTest(name = "{0} in {1} log format")
  @MethodSource("functionsAndLogFormats")
  void everyEventGivesItsResponseAndExactlyOneTrackerLine(String id, String logFormat)
      throws Exception {
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn = LocalInvoke.function(template, id, warnings::add).withLogFormat(logFormat);
    assertEquals(List.of(), warnings, "every property of " + id + " resolves locally");
    List<Expected> cases = byFunction.get(id);
    List<String> events = new ArrayList<>();
    for (Expected e : cases) {
      events.add(
          Files.readString(root.resolve("events").resolve(e.eventFile()), StandardCharsets.UTF_8));
    }
    int total = 2 * cases.size();
    long before = System.currentTimeMillis();
    RunResult run = LocalInvoke.invoke(fn, events, total, 0);
    long after = System.currentTimeMillis();

    assertEquals(total, run.invocations().size());
    assertEquals(List.of(), run.unattributedLogs());
    Set<String> traceRoots = new HashSet<>();
    Set<String> requestIds = new HashSet<>();
    for (int i = 0; i < total; i++) {
      Invocation inv = run.invocations().get(i);
      Expected expected = cases.get(i % cases.size());
      boolean cold = i == 0;
      String what = id + " #" + i + " (" + expected.eventFile() + ", " + logFormat + ")";
      assertTrue(inv.succeeded(), () -> what + ": " + describe(inv));
      assertTrue(requestIds.add(inv.requestId()));
      assertEquals(expected.response(), JsonParser.parseString(inv.response().orElseThrow()), what);

      // The runtime starts once: only the JVM's note about the template's JAVA_TOOL_OPTIONS, no
      // warning.
      assertEquals(
          cold
              ? List.of("Picked up JAVA_TOOL_OPTIONS: " + fn.environment().get("JAVA_TOOL_OPTIONS"))
              : List.of(),
          inv.initLogs().stream().map(LogEvent::text).toList(),
          what);
      assertEquals(cold, inv.initDuration().isPresent(), what);

      // Exactly one log event: one LambdaLogger frame, in the function's log format.
      assertEquals(1, inv.logs().size(), () -> what + ": " + describe(inv));
      LogEvent event = inv.logs().get(0);
      assertEquals(LogEvent.Source.TELEMETRY, event.source(), what);
      assertEquals(logFormat.toUpperCase(java.util.Locale.ROOT), event.format(), what);
      assertEquals("UNDEFINED", event.level(), what);

      String traceRoot =
          id.equals("OwnLogFormatFunction")
              ? assertKeyValueLine(fn, inv, event, expected, cold, what)
              : assertTrackerLine(fn, inv, event, expected, cold, before, after, what);
      assertTrue(
          traceRoots.add(traceRoot),
          what + ": a new trace per invocation, got " + traceRoot + " again");
    }
  }

  /**
   * The default (or EMF) line: the event's message IS the JSON object, in Text and JSON formats
   * alike.
   */
  private static String assertTrackerLine(
      FunctionSpec fn,
      Invocation inv,
      LogEvent event,
      Expected expected,
      boolean cold,
      long before,
      long after,
      String what) {
    String text = event.text();
    assertTrue(text.endsWith("}\n"), what + ": one JSON object and a newline: " + text);
    String line = text.substring(0, text.length() - 1);
    assertFalse(line.contains("\n"), what + ": one line");
    JsonObject parsed = object(line);
    assertFalse(parsed.has("message"), what + ": not wrapped");

    List<TrackerLine> lines = inv.trackerLines();
    assertEquals(1, lines.size(), what);
    assertFalse(lines.get(0).wrapped(), what);
    assertEquals(parsed, object(lines.get(0).json()), what);
    boolean emf = "emf".equals(fn.environment().get("TRACKER_FORMAT"));
    assertEquals(emf, lines.get(0).emf(), what);

    List<String> latencies = latencyOrder(parsed.getAsJsonObject("latencies"), expected, what);
    String expectedLine = defaultLine(fn, inv, expected, latencies, cold, emf);
    assertTrue(
        exactLine(expectedLine).matcher(line).matches(),
        () -> what + "\nexpected " + expectedLine + "\n     got " + line);

    // The identifiers belong to this invocation (already pinned by the exact line; spelled out).
    assertEquals(inv.requestId(), parsed.get("request_id").getAsString(), what);
    assertEquals(cold, parsed.get("cold_start").getAsBoolean(), what);
    if (parsed.has("function_name")) {
      assertEquals(fn.name(), parsed.get("function_name").getAsString(), what);
      assertEquals("$LATEST", parsed.get("function_version").getAsString(), what);
    }

    // Every step ran inside the entry, so none took longer than it.
    JsonObject ms = parsed.getAsJsonObject("latencies");
    double entry = ms.get(expected.latencies().get(0)).getAsDouble();
    for (String name : ms.keySet()) {
      assertTrue(
          ms.get(name).getAsDouble() <= entry, what + ": " + name + " within the entry: " + line);
    }

    if (emf) {
      assertEmf(parsed, latencies, before, after, what);
    }
    // The Root of the trace header this invocation was sent.
    String sentRoot = inv.traceHeader().split(";")[0].substring("Root=".length());
    assertEquals(sentRoot, parsed.get("xray_trace_id").getAsString(), what);
    return parsed.get("xray_trace_id").getAsString();
  }

  /**
   * The lookups' order is the order in which they started on the pool: any permutation, each once.
   */
  private static List<String> latencyOrder(JsonObject latencies, Expected expected, String what) {
    List<String> actual = keys(latencies);
    int fixed = expected.orderedLatencies();
    assertEquals(expected.latencies().size(), actual.size(), what + ": " + actual);
    assertEquals(expected.latencies().subList(0, fixed), actual.subList(0, fixed), what);
    assertEquals(
        Set.copyOf(expected.latencies().subList(fixed, expected.latencies().size())),
        Set.copyOf(actual.subList(fixed, actual.size())),
        what);
    return actual;
  }

  private static String defaultLine(
      FunctionSpec fn,
      Invocation inv,
      Expected expected,
      List<String> latencies,
      boolean cold,
      boolean emf) {
    StringBuilder line = new StringBuilder("{");
    StringBuilder identifiers = new StringBuilder();
    List<String> automatic =
        fn.environment().containsKey("TRACKER_IDENTIFIERS") ? SQS_IDENTIFIERS : ALL_IDENTIFIERS;
    for (String name : automatic) {
      identifiers
          .append(",\"")
          .append(name)
          .append("\":")
          .append(
              switch (name) {
                case "request_id" -> "\"" + inv.requestId() + "\"";
                case "function_name" -> "\"" + fn.name() + "\"";
                case "function_version" -> "\"$LATEST\"";
                case "cold_start" -> Boolean.toString(cold);
                case "init_type" -> "\"on-demand\"";
                default -> "\"" + TRACE_ROOT + "\"";
              });
    }
    String own = expected.ownIdentifiers();
    if (!own.equals("{}")) {
      identifiers.append(",").append(own, 1, own.length() - 1);
    }
    if (emf) {
      // EMF: the identifiers first, so that Logs Insights discovers them whatever the metrics.
      line.append(identifiers, 1, identifiers.length()).append(",");
    }
    line.append("\"latencies\":{")
        .append(latencies.stream().map(n -> "\"" + n + "\":" + MS).collect(Collectors.joining(",")))
        .append("}");
    if (expected.latencyCounts() != null) {
      line.append(",\"latency_counts\":").append(expected.latencyCounts());
    }
    line.append(",\"untracked\":").append(MS);
    line.append(",\"metrics\":").append(expected.metrics());
    if (cold) {
      // The process's first line: the parts of its start, and the init step of the handler that
      // times one (in a static initialiser, so before the handler's constructor).
      boolean initStep = latencies.contains("ApiGatewayHandler");
      line.append(",\"init\":{\"runtime_start\":").append(MS);
      if (initStep) {
        line.append(",\"before_handler\":").append(MS);
      }
      line.append(",\"tracker_setup\":").append(MS);
      line.append(",\"to_first_invocation\":").append(MS).append("}");
      if (initStep) {
        line.append(",\"init_steps\":{\"order_repository\":").append(MS).append("}");
      }
    }
    if (!emf) {
      line.append(identifiers);
    }
    if (emf) {
      for (String name : latencies) {
        line.append(",\"latency_ms:").append(name).append("\":").append(MS);
      }
      line.append(",\"metric:cold_start\":").append(cold ? 1 : 0);
      object(expected.metrics())
          .entrySet()
          .forEach(
              m -> line.append(",\"metric:").append(m.getKey()).append("\":").append(m.getValue()));
      line.append(",\"_aws\":{\"Timestamp\":")
          .append(EPOCH_MS)
          .append(",\"CloudWatchMetrics\":[{")
          .append("\"Namespace\":\"tracker-lambda-examples\",\"Dimensions\":[[\"function_name\"]],")
          .append("\"Metrics\":[")
          .append(
              "{\"Name\":\"latency_ms:ApiGatewayHandler\",\"Unit\":\"Milliseconds\",\"StorageResolution\":1},")
          .append("{\"Name\":\"latency_ms:validate_request\",\"Unit\":\"Milliseconds\"},")
          .append("{\"Name\":\"latency_ms:load_order\",\"Unit\":\"Milliseconds\"},")
          .append("{\"Name\":\"metric:cold_start\",\"Unit\":\"Count\"},")
          .append("{\"Name\":\"metric:order_lines\",\"Unit\":\"Count\"},")
          .append("{\"Name\":\"metric:order_total_cents\"},")
          .append("{\"Name\":\"metric:status_code\"}]}]}");
    }
    return line.append("}").toString();
  }

  /**
   * EMF: the root members CloudWatch reads are the line's own latencies, and the timestamp is the
   * invocation's.
   */
  private static void assertEmf(
      JsonObject parsed, List<String> latencies, long before, long after, String what) {
    JsonObject aws = parsed.getAsJsonObject("_aws");
    long timestamp = aws.get("Timestamp").getAsLong();
    assertTrue(
        before <= timestamp && timestamp <= after,
        what + ": Timestamp " + timestamp + " within the run");
    JsonObject directive = aws.getAsJsonArray("CloudWatchMetrics").get(0).getAsJsonObject();
    assertEquals("tracker-lambda-examples", directive.get("Namespace").getAsString());
    assertEquals(JsonParser.parseString("[[\"function_name\"]]"), directive.get("Dimensions"));
    assertEquals(
        List.of(
            "latency_ms:ApiGatewayHandler",
            "latency_ms:validate_request",
            "latency_ms:load_order",
            "metric:cold_start",
            "metric:order_lines",
            "metric:order_total_cents",
            "metric:status_code"),
        directive.getAsJsonArray("Metrics").asList().stream()
            .map(m -> m.getAsJsonObject().get("Name").getAsString())
            .toList());
    assertNotNull(parsed.get("function_name"), "the dimension's value is a root member");
    JsonObject ms = parsed.getAsJsonObject("latencies");
    for (String name : latencies) {
      JsonPrimitive root = parsed.getAsJsonPrimitive("latency_ms:" + name);
      assertEquals(ms.get(name).getAsString(), root.getAsString(), what + ": latency_ms:" + name);
    }
    for (Map.Entry<String, JsonElement> metric : parsed.getAsJsonObject("metrics").entrySet()) {
      assertEquals(metric.getValue(), parsed.get("metric:" + metric.getKey()), what);
    }
  }

  /**
   * OwnLogFormatFunction renders its line as key=value text with a LineFormat of its own; the
   * tracker logs it as bytes like every line, so it arrives verbatim in both Text and JSON formats.
   */
  private static String assertKeyValueLine(
      FunctionSpec fn,
      Invocation inv,
      LogEvent event,
      Expected expected,
      boolean cold,
      String what) {
    String message = event.text();
    assertTrue(message.endsWith("\n"), what);
    String line = message.substring(0, message.length() - 1);
    assertEquals(
        List.of(), inv.trackerLines(), what + ": key=value text is not a JSON tracker line");
    String expectedLine =
        "metrics"
            + expected.latencies().stream()
                .map(n -> " latency." + n + "=" + MS)
                .collect(Collectors.joining())
            + object(expected.metrics()).entrySet().stream()
                .map(m -> " metric." + m.getKey() + "=" + m.getValue())
                .collect(Collectors.joining())
            + " request_id="
            + inv.requestId()
            + " function_name="
            + fn.name()
            + " function_version=$LATEST"
            + " cold_start="
            + cold
            + " init_type=on-demand"
            + " xray_trace_id="
            + TRACE_ROOT
            + object(expected.ownIdentifiers()).entrySet().stream()
                .map(m -> " " + m.getKey() + "=" + m.getValue().getAsString())
                .collect(Collectors.joining());
    assertTrue(
        exactLine(expectedLine).matcher(line).matches(),
        () -> what + "\nexpected " + expectedLine + "\n     got " + line);
    Matcher trace = Pattern.compile(" xray_trace_id=(\\S+)").matcher(line);
    assertTrue(trace.find());
    return trace.group(1);
  }

  private static JsonElement apiResponse(int status, String correlationId, String body) {
    JsonObject response = new JsonObject();
    response.addProperty("statusCode", status);
    JsonObject headers = new JsonObject();
    headers.addProperty("Content-Type", "application/json");
    headers.addProperty("X-Correlation-Id", correlationId);
    response.add("headers", headers);
    response.addProperty("body", body);
    return response;
  }
}
