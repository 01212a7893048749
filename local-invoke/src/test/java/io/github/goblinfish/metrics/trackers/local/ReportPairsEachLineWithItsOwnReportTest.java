package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 21: a retried invocation keeps its request id, so one request id can have two tracker lines
 * and two REPORTs. Each line gets the REPORT of its own attempt, in every shape {@code ./invoke
 * report} reads, whether the events are saved oldest first or (as Logs Insights sorts them) newest
 * first; an attempt that wrote no line lends its REPORT to no other.
 */
class ReportPairsEachLineWithItsOwnReportTest {
  private static final String RETRIED = "c2a8a74e-83cc-4a3e-ac57-6400000000aa";
  private static final String LINELESS = "c2a8a74e-83cc-4a3e-ac57-6400000000bb";

  /** One log event: its text as a Text log stream shows it, and as the JSON log format does. */
  private record Event(String text, String json) {}

  private static Event start(String id) {
    return new Event(
        "START RequestId: " + id + " Version: $LATEST",
        platform("platform.start", id, new JsonObject()));
  }

  private static Event end(String id) {
    return new Event("END RequestId: " + id, platform("platform.end", id, new JsonObject()));
  }

  private static Event report(String id, String duration, String init, boolean timeout) {
    JsonObject metrics = new JsonObject();
    metrics.addProperty("durationMs", Double.parseDouble(duration));
    metrics.addProperty("billedDurationMs", (long) Math.ceil(Double.parseDouble(duration)));
    metrics.addProperty("memorySizeMB", 512);
    metrics.addProperty("maxMemoryUsedMB", 98);
    if (init != null) {
      metrics.addProperty("initDurationMs", Double.parseDouble(init));
    }
    JsonObject record = new JsonObject();
    record.add("metrics", metrics);
    record.addProperty("status", timeout ? "timeout" : "success");
    return new Event(
        "REPORT RequestId: "
            + id
            + "\tDuration: "
            + duration
            + " ms\tBilled Duration: "
            + (long) Math.ceil(Double.parseDouble(duration))
            + " ms\tMemory Size: 512 MB\tMax Memory Used: 98 MB"
            + (init == null ? "" : "\tInit Duration: " + init + " ms")
            + (timeout ? "\tStatus: timeout" : ""),
        platform("platform.report", id, record));
  }

  private static Event line(String id, String ms, boolean cold) {
    String text =
        "{\"latencies\":{\"ApiGatewayHandler\":"
            + ms
            + "},\"metrics\":{},\"request_id\":\""
            + id
            + "\",\"cold_start\":"
            + cold
            + "}";
    JsonObject wrapper = new JsonObject();
    wrapper.addProperty("timestamp", "2026-12-01T10:00:00.000Z");
    wrapper.addProperty("level", "INFO");
    wrapper.addProperty("message", text);
    wrapper.addProperty("requestId", id);
    return new Event(text, wrapper.toString());
  }

  private static String platform(String type, String id, JsonObject record) {
    JsonObject event = new JsonObject();
    event.addProperty("time", "2026-12-01T10:00:00.000Z");
    event.addProperty("type", type);
    record.addProperty("requestId", id);
    event.add("record", record);
    return event.toString();
  }

  /**
   * The first attempt of RETRIED times out after 5 s (it ran the init); its retry takes 12 ms.
   * LINELESS's first attempt wrote no line before its timeout; its retry did.
   */
  static final List<Event> EVENTS =
      List.of(
          start(RETRIED),
          line(RETRIED, "4990.000", true),
          end(RETRIED),
          report(RETRIED, "5000.00", "900.00", true),
          start(RETRIED),
          line(RETRIED, "10.000", false),
          end(RETRIED),
          report(RETRIED, "12.00", null, false),
          start(LINELESS),
          end(LINELESS),
          report(LINELESS, "3000.00", null, true),
          start(LINELESS),
          line(LINELESS, "20.000", false),
          end(LINELESS),
          report(LINELESS, "21.00", null, false));

  static final String SUMMARY =
      """
      Steps across 3 invocations: 1 cold, 2 warm (milliseconds; percentiles by nearest rank)

      ApiGatewayHandler, cold: 1 invocation
        step                  n       p50       p90        p99        max   share
        REPORT Init Duration  1   900.000   900.000*   900.000*   900.000
        REPORT Duration       1  5000.000  5000.000*  5000.000*  5000.000
        ApiGatewayHandler     1  4990.000  4990.000*  4990.000*  4990.000  100.0%  ████████████████████
        * the max: a p90 needs 10 invocations, a p99 100, to be anything else

      ApiGatewayHandler, warm: 2 invocations
        step               n     p50     p90      p99      max   share
        REPORT Duration    2  12.000  21.000*  21.000*  21.000
        ApiGatewayHandler  2  10.000  20.000*  20.000*  20.000  100.0%  ████████████████████
        * the max: a p90 needs 10 invocations, a p99 100, to be anything else

      """;

  /** Each shape ./invoke report reads, written from the same events. */
  enum Shape {
    TEXT_LINES("lines", 8, events -> join(events, Event::text)),
    JSON_LOG_FORMAT("lines", 8, events -> join(events, Event::json)),
    SAM_LOGS(
        "sam logs output",
        8,
        events ->
            join(
                events,
                e ->
                    "2026/12/01/[$LATEST]4f1c2b7e9d0a43c8b6e5f7a8c9d0e1f2 "
                        + "2026-12-01T10:00:00.000000 "
                        + e.text())),
    INSIGHTS_CSV("Logs Insights CSV export", 8, ReportPairsEachLineWithItsOwnReportTest::csv),
    INSIGHTS_JSON(
        "JSON export",
        8,
        events -> {
          JsonArray rows = new JsonArray();
          for (Event e : events) {
            JsonObject row = new JsonObject();
            row.addProperty("@timestamp", "2026-12-01 10:00:00.000");
            row.addProperty("@message", e.text() + "\n");
            rows.add(row);
          }
          return rows.toString();
        }),
    QUERY_RESULTS(
        "JSON export",
        8,
        events -> {
          JsonArray results = new JsonArray();
          for (Event e : events) {
            JsonArray row = new JsonArray();
            JsonObject cell = new JsonObject();
            cell.addProperty("field", "@message");
            cell.addProperty("value", e.text());
            row.add(cell);
            results.add(row);
          }
          JsonObject document = new JsonObject();
          document.add("results", results);
          document.addProperty("status", "Complete");
          return document.toString();
        }),
    FILTER_LOG_EVENTS(
        "JSON export",
        8,
        events -> {
          JsonArray array = new JsonArray();
          for (Event e : events) {
            JsonObject event = new JsonObject();
            event.addProperty("message", e.text() + "\n");
            array.add(event);
          }
          JsonObject document = new JsonObject();
          document.add("events", array);
          return document.toString();
        });

    final String label;
    final int others;
    final Function<List<Event>, String> write;

    Shape(String label, int others, Function<List<Event>, String> write) {
      this.label = label;
      this.others = others;
      this.write = write;
    }
  }

  private static String join(List<Event> events, Function<Event, String> text) {
    StringBuilder out = new StringBuilder();
    events.forEach(e -> out.append(text.apply(e)).append('\n'));
    return out.toString();
  }

  private static String csv(List<Event> events) {
    StringBuilder out = new StringBuilder(CSVFormat.DEFAULT.format("@timestamp", "@message"));
    for (Event e : events) {
      out.append("\r\n")
          .append(CSVFormat.DEFAULT.format("2026-12-01 10:00:00.000", e.text() + "\n"));
    }
    return out.append("\r\n").toString();
  }

  private static CommandRun report(String input) {
    return CommandRun.of(input.getBytes(StandardCharsets.UTF_8), List.of("report", "-"));
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void aRetriedInvocationsLinesEachGetTheReportOfTheirOwnAttempt(Shape shape) {
    CommandRun run = report(shape.write.apply(EVENTS));
    assertEachLineHasItsOwnReport(shape, run);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void savedNewestFirstTheyGetTheSameReports(Shape shape) {
    List<Event> newestFirst = new ArrayList<>(EVENTS);
    Collections.reverse(newestFirst);
    CommandRun run = report(shape.write.apply(newestFirst));
    assertEachLineHasItsOwnReport(shape, run);
  }

  /** The summary of {@code EVENTS}: each line with the Duration of its own attempt. */
  private static void assertEachLineHasItsOwnReport(Shape shape, CommandRun run) {
    assertEquals("", run.err());
    assertEquals(
        SUMMARY
            + "Read standard input as "
            + shape.label
            + ": 3 tracker lines, 4 REPORT events, "
            + shape.others
            + " other events\n",
        run.out());
    assertEquals(0, run.exitCode());
  }
}
