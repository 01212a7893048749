package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23: {@code ./invoke report} splits a cold start's REPORT figures into the parts its tracker
 * line names, from saved Text logs and from Lambda's JSON log format ({@code platform.report} with
 * {@code initDurationMs} or {@code restoreDurationMs}), whichever comes first of the line and its
 * REPORT.
 */
class ReportSplitsTheColdStartTest {
  private static final String COLD = "c2a8a74e-83cc-4a3e-ac57-6400000000c1";
  private static final String WARM = "c2a8a74e-83cc-4a3e-ac57-6400000000c2";

  /** The process's first line: 500 ms of parts, an init step of 40 ms, 10 ms in the handler. */
  private static final String COLD_LINE =
      "{\"latencies\":{\"ApiGatewayHandler\":10.000,\"load_order\":2.000},\"untracked\":8.000,"
          + "\"metrics\":{},\"init\":{\"runtime_start\":200.000,\"tracker_setup\":5.000,"
          + "\"to_first_invocation\":295.000},\"init_steps\":{\"orders_client\":40.000},"
          + "\"request_id\":\""
          + COLD
          + "\",\"cold_start\":true}";

  private static final String WARM_LINE =
      "{\"latencies\":{\"ApiGatewayHandler\":1.000,\"load_order\":0.500},\"untracked\":0.500,"
          + "\"metrics\":{},\"request_id\":\""
          + WARM
          + "\",\"cold_start\":false}";

  /** The Init Duration ends 20 ms before the first invocation starts: 20 ms of Duration. */
  private static final String TEXT =
      String.join(
          "\n",
          "START RequestId: " + COLD + " Version: $LATEST",
          COLD_LINE,
          "END RequestId: " + COLD,
          "REPORT RequestId: "
              + COLD
              + "\tDuration: 50.00 ms\tBilled Duration: 50 ms\tMemory Size: 512 MB"
              + "\tMax Memory Used: 98 MB\tInit Duration: 480.00 ms",
          "START RequestId: " + WARM + " Version: $LATEST",
          WARM_LINE,
          "END RequestId: " + WARM,
          "REPORT RequestId: "
              + WARM
              + "\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 512 MB"
              + "\tMax Memory Used: 98 MB",
          "");

  static final String SPLIT =
      """

        Where the cold start went (1 cold start; named: 100.0% at p50, 100.0% at worst)
        part                                    p50      p90  of total
        Init Duration + Duration            530.000  530.000    100.0%
        Init Duration                       480.000  480.000     90.6%
          runtime_start                     200.000  200.000     37.7%
          tracker_setup                       5.000    5.000      0.9%
          to_first_invocation               275.000  275.000     51.9%
            orders_client                    40.000   40.000      7.5%
          rest of init                        0.000    0.000      0.0%
        Duration                             50.000   50.000      9.4%
          outside the handler                40.000   40.000      7.5%
            to_first_invocation after init   20.000   20.000      3.8%
          ApiGatewayHandler                  10.000   10.000      1.9%
            steps                             2.000    2.000      0.4%
              load_order                      2.000    2.000      0.4%
            untracked                         8.000    8.000      1.5%
      """;

  private static String jsonFormat(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      out.append(jsonEvent(line)).append('\n');
    }
    return out.toString();
  }

  /** One Text event as Lambda's JSON log format writes it. */
  private static String jsonEvent(String line) {
    String[] words = line.split(" ");
    if (line.startsWith("{")) {
      JsonObject wrapper = new JsonObject();
      wrapper.addProperty("timestamp", "2026-12-01T10:00:00.000Z");
      wrapper.addProperty("level", "INFO");
      wrapper.addProperty("message", line);
      return wrapper.toString();
    }
    String id = words[words[0].equals("REPORT") || words[0].equals("START") ? 2 : 2].split("\t")[0];
    JsonObject record = new JsonObject();
    record.addProperty("requestId", id);
    String type = "platform." + words[0].toLowerCase(java.util.Locale.ROOT);
    if (words[0].equals("REPORT")) {
      JsonObject metrics = new JsonObject();
      for (String field : line.split("\t")) {
        String[] kv = field.split(": ");
        if (kv.length == 2 && kv[1].endsWith(" ms")) {
          double ms = Double.parseDouble(kv[1].substring(0, kv[1].length() - 3));
          switch (kv[0]) {
            case "Duration" -> metrics.addProperty("durationMs", ms);
            case "Init Duration" -> metrics.addProperty("initDurationMs", ms);
            case "Restore Duration" -> metrics.addProperty("restoreDurationMs", ms);
            default -> {}
          }
        }
      }
      record.add("metrics", metrics);
    }
    JsonObject event = new JsonObject();
    event.addProperty("time", "2026-12-01T10:00:00.000Z");
    event.addProperty("type", type);
    event.add("record", record);
    return event.toString();
  }

  private static String newestFirst(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    Collections.reverse(lines);
    return String.join("\n", lines) + "\n";
  }

  private static CommandRun report(String input, String... args) {
    List<String> all = new ArrayList<>(List.of("report", "-"));
    all.addAll(List.of(args));
    return CommandRun.of(input.getBytes(StandardCharsets.UTF_8), all);
  }

  private static String coldGroup(String out) {
    int start = out.indexOf("\n  Where the cold start went");
    int end = out.indexOf("\nApiGatewayHandler, warm");
    return start < 0 || end < 0 ? out : out.substring(start, end);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json log format", "text newest first", "json newest first"})
  void theColdGroupSplitsInitDurationAndDurationIntoTheLinesParts(String shape) {
    String input = shape.startsWith("text") ? TEXT : jsonFormat(TEXT);
    if (shape.endsWith("newest first")) {
      input = newestFirst(input);
    }
    CommandRun run = report(input);
    assertEquals("", run.err());
    assertEquals(SPLIT, coldGroup(run.out()));
    assertEquals(0, run.exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json log format"})
  void aRestoreSplitsRestoreDurationWithOnlyThePartAfterTheRestore(String shape) {
    String restored =
        TEXT.replace("\"to_first_invocation\":295.000", "\"restore_to_first_invocation\":25.000")
            .replace(
                "\tInit Duration: 480.00 ms",
                "\tRestore Duration: 30.00 ms" + "\tBilled Restore Duration: 30 ms");
    CommandRun run = report(shape.equals("text") ? restored : jsonFormat(restored));
    assertEquals("", run.err());
    assertEquals(
        """

          Where the cold start went (1 cold start; named: 93.8% at p50, 93.8% at worst)
          part                                                                      p50     p90  of total
          Restore Duration + Duration                                            80.000  80.000    100.0%
          Restore Duration                                                       30.000  30.000     37.5%
            restore_to_first_invocation                                          25.000  25.000     31.3%
            orders_client (init step, before the snapshot or after the restore)  40.000  40.000     50.0%
            rest of init                                                          5.000   5.000      6.3%
          Duration                                                               50.000  50.000     62.5%
            outside the handler                                                  40.000  40.000     50.0%
            ApiGatewayHandler                                                    10.000  10.000     12.5%
              steps                                                               2.000   2.000      2.5%
                load_order                                                        2.000   2.000      2.5%
              untracked                                                           8.000   8.000     10.0%
        """,
        coldGroup(run.out()));
  }

  @Test
  void theJsonSummaryCarriesTheSplitAsColdStartParts() {
    CommandRun run = report(jsonFormat(TEXT), "--summary", "json");
    assertEquals("", run.err());
    JsonObject root = JsonParser.parseString(run.out()).getAsJsonObject();
    JsonObject cold = root.getAsJsonArray("groups").get(0).getAsJsonObject();
    assertEquals(
        JsonParser.parseString(
            """
            {"count": 1,
             "totalMs": {"count": 1, "p50": 530, "p90": 530, "p99": 530, "max": 530,
               "p90IsMax": true, "p99IsMax": true},
             "namedShare": 1, "leastNamedShare": 1,
             "parts": [
              {"part": "total", "label": "Init Duration + Duration", "depth": 0,
               "count": 1, "p50": 530, "p90": 530, "p99": 530, "max": 530,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "start", "label": "Init Duration", "depth": 1,
               "count": 1, "p50": 480, "p90": 480, "p99": 480, "max": 480,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "start.runtime_start", "label": "runtime_start", "depth": 2,
               "count": 1, "p50": 200, "p90": 200, "p99": 200, "max": 200,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "start.tracker_setup", "label": "tracker_setup", "depth": 2,
               "count": 1, "p50": 5, "p90": 5, "p99": 5, "max": 5,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "start.to_first_invocation", "label": "to_first_invocation", "depth": 2,
               "count": 1, "p50": 275, "p90": 275, "p99": 275, "max": 275,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "start.init_steps.orders_client", "label": "orders_client", "depth": 3,
               "count": 1, "p50": 40, "p90": 40, "p99": 40, "max": 40,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "start.rest", "label": "rest of init", "depth": 2,
               "count": 1, "p50": 0, "p90": 0, "p99": 0, "max": 0,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "duration", "label": "Duration", "depth": 1,
               "count": 1, "p50": 50, "p90": 50, "p99": 50, "max": 50,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "duration.outside_handler", "label": "outside the handler", "depth": 2,
               "count": 1, "p50": 40, "p90": 40, "p99": 40, "max": 40,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "duration.outside_handler.to_first_invocation",
               "label": "to_first_invocation after init", "depth": 3,
               "count": 1, "p50": 20, "p90": 20, "p99": 20, "max": 20,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "duration.entry", "label": "ApiGatewayHandler", "depth": 2,
               "count": 1, "p50": 10, "p90": 10, "p99": 10, "max": 10,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "duration.entry.steps", "label": "steps", "depth": 3,
               "count": 1, "p50": 2, "p90": 2, "p99": 2, "max": 2,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "duration.entry.steps.load_order", "label": "load_order", "depth": 4,
               "count": 1, "p50": 2, "p90": 2, "p99": 2, "max": 2,
               "p90IsMax": true, "p99IsMax": true},
              {"part": "duration.entry.untracked", "label": "untracked", "depth": 3,
               "count": 1, "p50": 8, "p90": 8, "p99": 8, "max": 8,
               "p90IsMax": true, "p99IsMax": true}]}
            """),
        cold.get("coldStart"));
    assertEquals(false, root.getAsJsonArray("groups").get(1).getAsJsonObject().has("coldStart"));
  }

  @Test
  void theHtmlPageDrawsTheColdStartAsThePartsThatTileIt(@TempDir Path folder) throws Exception {
    Path page = folder.resolve("report.html");
    CommandRun run = report(TEXT, "--html", page.toString());
    assertEquals("", run.err());
    assertEquals(0, run.exitCode());
    Matcher data =
        Pattern.compile(
                "<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(Files.readString(page, StandardCharsets.UTF_8));
    assertTrue(data.find());
    JsonObject root = JsonParser.parseString(data.group(1)).getAsJsonObject();
    assertEquals(
        JsonParser.parseString(
            """
            [{"name": "runtime_start", "ms": 200}, {"name": "tracker_setup", "ms": 5},
             {"name": "to_first_invocation", "ms": 275}, {"name": "rest of init", "ms": 0},
             {"name": "outside the handler", "ms": 40}, {"name": "ApiGatewayHandler", "ms": 10}]
            """),
        root.getAsJsonArray("groups").get(0).getAsJsonObject().get("coldStart"));
    assertFalse(root.getAsJsonArray("groups").get(1).getAsJsonObject().has("coldStart"));
  }
}
