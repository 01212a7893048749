package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.MS;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.describe;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.exactLine;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.object;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.traceRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.local.it.FanOutHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The library's reliability on the real runtime client with concurrent invocations in ONE process
 * (AWS_LAMBDA_MAX_CONCURRENCY, as on Lambda Managed Instances): {@value #INVOCATIONS} invocations,
 * up to {@value #CONCURRENCY} in flight, of {@link FanOutHandler}, each fanning 8 tasks out to a
 * pool shared by all of them. Every response and every tracker line must belong to exactly its own
 * invocation: nothing lost, duplicated or mixed up.
 */
class ConcurrencyIT {
  static final int INVOCATIONS = 5_000;
  static final int CONCURRENCY = 32;

  @Test
  void everyLineBelongsToExactlyItsInvocation() throws Exception {
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn =
        LocalInvoke.function(
            LambdaITSupport.testClasses().resolve("it/template.yaml"),
            "FanOutFunction",
            warnings::add);
    assertEquals(List.of(), warnings);
    // The function's lib/: the library and its one dependency besides the runtime's core.
    List<Path> classpath = new ArrayList<>(fn.classpath());
    classpath.add(LambdaITSupport.locationOf(ProcessTracker.class));
    classpath.add(LambdaITSupport.locationOf(Gson.class));
    fn = fn.withCode(fn.taskRoot(), classpath);

    // Distinct events whose sums tell them apart; the first CONCURRENCY meet at a barrier.
    Random random = new Random(20261125);
    List<String> events = new ArrayList<>();
    Map<String, Long> sums = new HashMap<>();
    for (int i = 0; i < INVOCATIONS; i++) {
      String eventId = String.format("e-%05d", i);
      JsonObject event = new JsonObject();
      event.addProperty("event_id", eventId);
      JsonArray numbers = new JsonArray();
      long sum = 0;
      for (int t = 0; t < FanOutHandler.TASKS; t++) {
        int n = random.nextInt(1_000_000);
        numbers.add(n);
        sum += n;
      }
      event.add("numbers", numbers);
      if (i < CONCURRENCY) {
        event.addProperty("rendezvous", CONCURRENCY);
      }
      events.add(event.toString());
      sums.put(eventId, sum);
    }

    long start = System.nanoTime();
    RunResult run = LocalInvoke.invoke(fn, events, INVOCATIONS, CONCURRENCY);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    // Responses: each invocation got its own event back, from one handler instance.
    assertEquals(INVOCATIONS, run.invocations().size());
    Map<String, Invocation> byRequestId = new HashMap<>();
    Map<String, String> traceRootByRequestId = new HashMap<>();
    Set<String> instances = new HashSet<>();
    Set<String> threads = new HashSet<>();
    for (int i = 0; i < INVOCATIONS; i++) {
      Invocation inv = run.invocations().get(i);
      assertEquals(events.get(i), inv.event());
      assertTrue(inv.succeeded(), () -> describe(inv));
      assertNull(byRequestId.put(inv.requestId(), inv), "request ids are unique");
      JsonObject response = object(inv.response().orElseThrow());
      String eventId = String.format("e-%05d", i);
      assertEquals(eventId, response.get("event_id").getAsString(), inv.requestId());
      assertEquals(inv.requestId(), response.get("request_id").getAsString(), eventId);
      assertEquals(sums.get(eventId).longValue(), response.get("sum").getAsLong(), eventId);
      assertEquals(1, response.get("instances").getAsInt(), "one handler instance per process");
      assertEquals(1, response.get("instance_number").getAsInt());
      instances.add(response.get("instance").getAsString());
      threads.add(response.get("thread").getAsString());
      assertTrue(
          response.has("trace_header") && !response.get("trace_header").isJsonNull(),
          "the Context has the invocation's X-Ray header");
      traceRootByRequestId.put(
          inv.requestId(), traceRoot(response.get("trace_header").getAsString()));
    }
    assertEquals(1, instances.size(), "every invocation served by the same handler instance");
    assertEquals(
        CONCURRENCY,
        threads.size(),
        "the runtime's handler threads, all of which met at the rendezvous");
    assertEquals(
        INVOCATIONS, Set.copyOf(traceRootByRequestId.values()).size(), "a trace per invocation");

    // Log events: each tracker line names exactly one invocation, once.
    List<LogEvent> logEvents = new ArrayList<>(run.unattributedLogs());
    Map<LogEvent, Invocation> attributedTo = new IdentityHashMap<>();
    for (Invocation inv : run.invocations()) {
      logEvents.addAll(inv.initLogs());
      for (LogEvent e : inv.logs()) {
        logEvents.add(e);
        attributedTo.put(e, inv);
      }
    }
    List<LogEvent> all = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (LogEvent e : logEvents) {
      if (e.text().startsWith("{\"latencies\":")) {
        all.add(e);
      } else {
        // The runtime client's own log line, in the JSON format's wrapper.
        other.add(
            e.format() + " " + e.level() + " " + object(e.text()).get("message").getAsString());
      }
    }
    assertEquals(
        List.of("JSON INFO Starting " + CONCURRENCY + " concurrent function handler threads."),
        other,
        "the only log event besides the tracker lines");

    Set<String> seen = new HashSet<>();
    int coldStarts = 0;
    for (LogEvent e : all) {
      assertEquals(LogEvent.Source.TELEMETRY, e.source(), e::toString);
      assertEquals("JSON", e.format(), e::toString);
      assertEquals("UNDEFINED", e.level(), e::toString);
      String text = e.text();
      assertTrue(text.endsWith("}\n"), text);
      String line = text.substring(0, text.length() - 1);
      assertFalse(line.contains("\n"), line);
      JsonObject parsed = object(line);
      assertNotNull(parsed.get("request_id"), line);
      String requestId = parsed.get("request_id").getAsString();
      Invocation inv = byRequestId.get(requestId);
      assertNotNull(inv, "the line names a request id that was sent: " + line);
      assertTrue(seen.add(requestId), "one line per invocation, not two: " + line);
      // The raw line has no AWSRequestId wrapper; the runner ties it to its invocation by the
      // line's own request_id, as a reader of the log group would.
      Invocation attributed = attributedTo.get(e);
      assertNotNull(attributed, "the runner attributes every tracker line: " + line);
      assertEquals(attributed.requestId(), requestId, "attributed to the invocation it names");
      boolean cold = parsed.get("cold_start").getAsBoolean();
      if (cold) {
        coldStarts++;
      }
      String eventId = object(inv.event()).get("event_id").getAsString();
      String expected =
          "{\"latencies\":{\"handler\":"
              + MS
              + ",\"fan_out\":"
              + MS
              + ",\"task\":"
              + MS
              + "},"
              + "\"latency_counts\":{\"task\":"
              + FanOutHandler.TASKS
              + "},"
              + "\"untracked\":"
              + MS
              + ","
              + "\"metrics\":{\"sum\":"
              + sums.get(eventId)
              + ",\"tasks\":"
              + FanOutHandler.TASKS
              + "},"
              + startParts(parsed)
              + "\"request_id\":\""
              + requestId
              + "\",\"function_name\":\"FanOutFunction\","
              + "\"function_version\":\"$LATEST\",\"cold_start\":"
              + cold
              + ",\"init_type\":\"on-demand\","
              + "\"xray_trace_id\":\""
              + traceRootByRequestId.get(requestId)
              + "\","
              + "\"event_id\":\""
              + eventId
              + "\"}";
      assertTrue(
          exactLine(expected).matcher(line).matches(),
          () -> "expected " + expected + "\n     got " + line);
    }
    assertEquals(INVOCATIONS, seen.size(), "a line for every invocation");
    assertEquals(INVOCATIONS, all.size(), "and no second line for any of them");
    assertEquals(1, coldStarts, "exactly one invocation of the process is its cold start");

    System.out.printf(
        "ConcurrencyIT: %d invocations, AWS_LAMBDA_MAX_CONCURRENCY=%d, one runtime process, "
            + "%d handler threads, %d ms; %d tracker lines attributed by the runner, %d read from "
            + "unattributed events%n",
        INVOCATIONS,
        CONCURRENCY,
        threads.size(),
        elapsedMs,
        attributedTo.size(),
        run.unattributedLogs().size());
  }

  static final int RUNS = 8;

  /**
   * Issue 21: with concurrent handler threads, the invocation the runner handed out first is not
   * always the one that enters the handler first and takes the cold start. The REPORT's Init
   * Duration (and the INIT phase's logs) go with the invocation whose line says {@code cold_start:
   * true}, in every one of {@value #RUNS} runs.
   */
  @Test
  void theInitDurationGoesWithTheInvocationWhoseLineSaysColdStart() throws Exception {
    FunctionSpec fn =
        LocalInvoke.function(
            LambdaITSupport.testClasses().resolve("it/template.yaml"), "FanOutFunction", w -> {});
    List<Path> classpath = new ArrayList<>(fn.classpath());
    classpath.add(LambdaITSupport.locationOf(ProcessTracker.class));
    classpath.add(LambdaITSupport.locationOf(Gson.class));
    fn = fn.withCode(fn.taskRoot(), classpath);
    int concurrency = 4;
    List<String> events = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      events.add(
          "{\"event_id\":\"e-"
              + i
              + "\",\"numbers\":[1,2,3,4,5,6,7,8],\"rendezvous\":"
              + concurrency
              + "}");
    }
    int sentFirstWasNotCold = 0;
    for (int run = 1; run <= RUNS; run++) {
      RunResult result = LocalInvoke.invoke(fn, events, concurrency, concurrency);
      assertEquals(0, result.exitCode(), "run " + run);
      List<String> cold = new ArrayList<>();
      List<String> withInit = new ArrayList<>();
      List<String> withInitLogs = new ArrayList<>();
      for (Invocation inv : result.invocations()) {
        String reportLine = Report.reportLine(inv, fn);
        boolean lineSaysCold =
            object(inv.trackerLines().get(0).json()).get("cold_start").getAsBoolean();
        if (lineSaysCold) {
          cold.add(inv.requestId());
        }
        if (reportLine.contains("\tInit Duration: ")) {
          withInit.add(inv.requestId());
          assertTrue(inv.initDuration().isPresent(), reportLine);
        }
        if (!inv.initLogs().isEmpty()) {
          withInitLogs.add(inv.requestId());
        }
      }
      assertEquals(1, cold.size(), "run " + run + ": one cold start");
      assertEquals(cold, withInit, "run " + run + ": the REPORT with Init Duration");
      assertEquals(cold, withInitLogs, "run " + run + ": the INIT phase's logs");
      if (!cold.get(0).equals(result.invocations().get(0).requestId())) {
        sentFirstWasNotCold++;
      }
    }
    System.out.printf(
        "ConcurrencyIT: in %d of %d runs the invocation sent first was not the cold start%n",
        sentFirstWasNotCold, RUNS);
  }

  /**
   * The process's first line, whichever invocation writes it, names the start ({@code init}, and
   * {@code init_steps} when there are any): their names as written, in milliseconds.
   */
  private static String startParts(JsonObject line) {
    StringBuilder parts = new StringBuilder();
    for (String member : List.of("init", "init_steps")) {
      if (line.has(member)) {
        List<String> names = new ArrayList<>();
        line.getAsJsonObject(member).keySet().forEach(k -> names.add("\"" + k + "\":" + MS));
        parts
            .append("\"")
            .append(member)
            .append("\":{")
            .append(String.join(",", names))
            .append("},");
      }
    }
    return parts.toString();
  }
}
