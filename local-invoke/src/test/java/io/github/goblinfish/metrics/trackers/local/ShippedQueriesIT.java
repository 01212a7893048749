package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The saved Logs Insights queries, the alarm and the dashboard of {@code template.yaml} read fields
 * that the examples' lines really have, with the types the queries assume, on functions with
 * default settings: each function of a query's log groups is run through the real runtime client on
 * its sample events (and one failing event), and every field the query names is looked up in the
 * lines.
 */
class ShippedQueriesIT {
  private static final Path ROOT = LambdaITSupport.repositoryRoot();
  private static final Path TEMPLATE = ROOT.resolve("template.yaml");

  /** The sample events of each function; the async lookup also gets one that fails on purpose. */
  private static final Map<String, List<String>> EVENTS =
      Map.of(
          "ApiGatewayFunction",
          List.of("api-gateway-get-order.json", "api-gateway-bad-request.json"),
          "ApiGatewayEmfFunction",
          List.of("api-gateway-get-order.json", "api-gateway-unknown-order.json"),
          "SqsBatchFunction",
          List.of("sqs-batch.json"),
          "AsyncLookupFunction",
          List.of("async-lookup.json"),
          "StreamEchoFunction",
          List.of("stream-echo.json"));

  /** An event without a personId: the lookup fails, so its line has the failure metrics. */
  private static final String FAILING_LOOKUP_EVENT = "{}";

  /**
   * An event the API handler reads but fails on (a correlation header whose list of values is
   * null): the EMF function's invocation fails, so its line declares metric:failed, which the
   * dashboard graphs. An event the runtime cannot read at all fails before the handler runs, in
   * both Handler forms, and leaves no line.
   */
  private static final String FAILING_API_EVENT =
      "{\"multiValueHeaders\":{\"X-Correlation-Id\":null}}";

  private static final Pattern NUMERIC_FIELD =
      Pattern.compile("\\b(latencies|latency_counts|metrics|init_steps|init)\\.([A-Za-z0-9_]+)");
  private static final Pattern COALESCE = Pattern.compile("coalesce\\(([^)]*)\\)");
  private static final Pattern LOG_GROUP = Pattern.compile("/aws/lambda/\\$\\{([A-Za-z0-9]+)}");
  private static final List<String> IDENTIFIERS =
      List.of("request_id", "cold_start", "xray_trace_id", "correlation_id", "order_id");

  private final Map<String, List<JsonObject>> linesByFunction = new HashMap<>();

  private List<JsonObject> lines(String function) throws Exception {
    List<JsonObject> known = linesByFunction.get(function);
    if (known != null) {
      return known;
    }
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn = LocalInvoke.function(TEMPLATE, function, warnings::add);
    assertEquals(List.of(), warnings);
    assertFalse(
        fn.environment().containsKey("TRACKER_ENTRY_NAME"),
        function + " runs with default settings");
    List<String> events = new ArrayList<>();
    for (String file : EVENTS.get(function)) {
      events.add(Files.readString(ROOT.resolve("events").resolve(file), StandardCharsets.UTF_8));
    }
    if (function.equals("AsyncLookupFunction")) {
      events.add(FAILING_LOOKUP_EVENT);
    }
    if (function.equals("ApiGatewayEmfFunction")) {
      events.add(FAILING_API_EVENT);
    }
    RunResult run = LocalInvoke.invoke(fn, events, events.size(), 0);
    List<JsonObject> lines = new ArrayList<>();
    for (Invocation invocation : run.invocations()) {
      assertEquals(1, invocation.trackerLines().size(), () -> LambdaITSupport.describe(invocation));
      lines.add(JsonParser.parseString(invocation.trackerLines().get(0).json()).getAsJsonObject());
    }
    linesByFunction.put(function, lines);
    return lines;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> resources() throws Exception {
    Object loaded = CfnYaml.newYaml().load(Files.readString(TEMPLATE, StandardCharsets.UTF_8));
    return (Map<String, Map<String, Object>>) ((Map<String, Object>) loaded).get("Resources");
  }

  private static JsonElement at(JsonObject line, String section, String name) {
    JsonElement sectionValue = line.get(section);
    return sectionValue == null || !sectionValue.isJsonObject()
        ? null
        : sectionValue.getAsJsonObject().get(name);
  }

  private static boolean isNumber(JsonElement value) {
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
  }

  /** Checks every field {@code query} names against the lines of its log groups' functions. */
  private void assertFieldsExist(String what, String query, List<String> functions)
      throws Exception {
    // Inside coalesce(...), every line must have at least one of the alternatives: that is how a
    // query reads the entry of whichever function wrote the line, or a count that is absent
    // when a name was timed once.
    Set<String> inCoalesce = new LinkedHashSet<>();
    Matcher coalesce = COALESCE.matcher(query);
    while (coalesce.find()) {
      List<String[]> alternatives = new ArrayList<>();
      Matcher field = NUMERIC_FIELD.matcher(coalesce.group(1));
      while (field.find()) {
        alternatives.add(new String[] {field.group(1), field.group(2)});
        inCoalesce.add(field.group());
      }
      boolean defaultsToANumber = coalesce.group(1).matches(".*,\\s*\\d+\\s*");
      for (String function : functions) {
        for (JsonObject line : lines(function)) {
          boolean found = defaultsToANumber;
          for (String[] alternative : alternatives) {
            found |= isNumber(at(line, alternative[0], alternative[1]));
          }
          assertTrue(found, what + ": " + coalesce.group() + " has no number in " + line);
        }
      }
    }
    // Any other field must be there, as the type the query uses: a latency in some line of each
    // function of the query, a metric (some only come with failures) in some line of one.
    Matcher field = NUMERIC_FIELD.matcher(query);
    while (field.find()) {
      if (inCoalesce.contains(field.group())) {
        continue;
      }
      String section = field.group(1);
      String name = field.group(2);
      boolean everyFunction = section.equals("latencies");
      boolean foundAnywhere = false;
      for (String function : functions) {
        boolean found = false;
        for (JsonObject line : lines(function)) {
          JsonElement value = at(line, section, name);
          found |=
              name.equals("exception_type")
                  ? value != null && value.getAsJsonPrimitive().isString()
                  : isNumber(value);
        }
        if (everyFunction) {
          assertTrue(found, what + ": no line of " + function + " has " + field.group());
        }
        foundAnywhere |= found;
      }
      assertTrue(foundAnywhere, what + ": no line of " + functions + " has " + field.group());
    }
    for (String identifier : IDENTIFIERS) {
      if (Pattern.compile("(?<![.\\w])" + identifier + "\\b").matcher(query).find()) {
        boolean found = false;
        for (String function : functions) {
          for (JsonObject line : lines(function)) {
            found |= line.has(identifier);
          }
        }
        assertTrue(found, what + ": no line has the identifier " + identifier);
      }
    }
  }

  private static List<String> logGroupFunctions(Object logGroups) {
    List<String> functions = new ArrayList<>();
    Matcher group = LOG_GROUP.matcher(String.valueOf(logGroups));
    while (group.find()) {
      functions.add(group.group(1));
    }
    return functions;
  }

  @Test
  void everySavedQueryReadsFieldsTheLinesHaveWithDefaultSettings() throws Exception {
    int queries = 0;
    for (Map.Entry<String, Map<String, Object>> resource : resources().entrySet()) {
      if (!"AWS::Logs::QueryDefinition".equals(resource.getValue().get("Type"))) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = (Map<String, Object>) resource.getValue().get("Properties");
      List<String> functions = logGroupFunctions(properties.get("LogGroupNames"));
      assertFalse(functions.isEmpty(), resource.getKey());
      assertFieldsExist(resource.getKey(), (String) properties.get("QueryString"), functions);
      queries++;
    }
    assertEquals(6, queries);
  }

  @Test
  void theAlarmAndTheDashboardNameMetricsTheEmfFunctionDeclares() throws Exception {
    Set<String> declared = new LinkedHashSet<>();
    for (JsonObject line : lines("ApiGatewayEmfFunction")) {
      for (JsonElement directive :
          line.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics")) {
        assertEquals(
            "[[\"function_name\"]]", directive.getAsJsonObject().get("Dimensions").toString());
        for (JsonElement metric : directive.getAsJsonObject().getAsJsonArray("Metrics")) {
          declared.add(metric.getAsJsonObject().get("Name").getAsString());
        }
      }
    }
    Map<String, Map<String, Object>> resources = resources();
    @SuppressWarnings("unchecked")
    Map<String, Object> alarm =
        (Map<String, Object>) resources.get("OrdersApiLatencyAlarm").get("Properties");
    assertTrue(declared.contains((String) alarm.get("MetricName")), alarm + " in " + declared);
    assertTrue(String.valueOf(alarm.get("Dimensions")).contains("Name=function_name"));

    @SuppressWarnings("unchecked")
    Map<String, Object> dashboard =
        (Map<String, Object>) resources.get("OrdersApiDashboard").get("Properties");
    String body = String.valueOf(dashboard.get("DashboardBody"));
    Matcher metric = Pattern.compile("\"((?:latency_ms|metric):[A-Za-z0-9_]+)\"").matcher(body);
    int metrics = 0;
    while (metric.find()) {
      assertTrue(declared.contains(metric.group(1)), metric.group(1) + " in " + declared);
      metrics++;
    }
    assertTrue(metrics >= 4, body);
    Matcher widgetQuery = Pattern.compile("\"query\": \"([^\"]*)\"").matcher(body);
    int widgets = 0;
    while (widgetQuery.find()) {
      List<String> functions = logGroupFunctions(widgetQuery.group(1));
      assertEquals(List.of("ApiGatewayEmfFunction"), functions, widgetQuery.group(1));
      assertFieldsExist("dashboard log widget", widgetQuery.group(1), functions);
      widgets++;
    }
    assertEquals(2, widgets, body);
  }
}
