package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On the real runtime client, {@code ./invoke --cold-starts N} runs N fresh cold starts of the
 * examples' ApiGatewayFunction, and its summary splits each one's REPORT figures into parts that
 * add up, within the rounding of the figures; with SnapStart the REPORT shows a Restore Duration.
 */
class ColdStartSplitIT {
  /** Each figure is rounded to 3 decimals in the JSON summary, REPORT's to 2. */
  private static final double ROUNDING_MS = 0.02;

  private static List<String> args(String... more) throws Exception {
    Path root = LambdaITSupport.repositoryRoot();
    List<String> args =
        new ArrayList<>(
            List.of(
                "ApiGatewayFunction",
                "--template",
                root.resolve("template.yaml").toString(),
                "-e",
                root.resolve("events/api-gateway-get-order.json").toString()));
    args.addAll(List.of(more));
    return args;
  }

  /** The p50 of each part of the cold group's split: with one cold start, its values. */
  private static Map<String, Double> parts(JsonObject coldStart) {
    Map<String, Double> parts = new LinkedHashMap<>();
    for (JsonElement part : coldStart.getAsJsonArray("parts")) {
      JsonObject p = part.getAsJsonObject();
      parts.put(p.get("part").getAsString(), p.get("p50").getAsDouble());
    }
    return parts;
  }

  private static double sumOf(Map<String, Double> parts, String parent) {
    return parts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(parent + "."))
        .filter(e -> e.getKey().indexOf('.', parent.length() + 1) < 0)
        .filter(e -> !e.getKey().startsWith("start.init_steps"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  @Test
  void oneColdStartsPartsAddUpToItsReportsInitDurationAndDuration() throws Exception {
    CommandRun run = CommandRun.of(new byte[0], args("--cold-starts", "1", "--summary", "json"));
    assertEquals(0, run.exitCode(), run.err());
    JsonObject root = JsonParser.parseString(run.out()).getAsJsonObject();
    JsonObject group = root.getAsJsonArray("groups").get(0).getAsJsonObject();
    assertEquals("cold", group.get("phase").getAsString());
    JsonObject coldStart = group.getAsJsonObject("coldStart");
    assertEquals(1, coldStart.get("count").getAsInt(), run.out());
    Map<String, Double> parts = parts(coldStart);
    System.out.println("ColdStartSplitIT: " + parts);
    assertEquals(
        List.of(
            "total",
            "start",
            "start.runtime_start",
            "start.before_handler",
            "start.tracker_setup",
            "start.to_first_invocation",
            "start.init_steps.order_repository",
            "start.rest",
            "duration",
            "duration.outside_handler"),
        new ArrayList<>(parts.keySet()).subList(0, 10),
        run.out());
    assertEquals(
        group.getAsJsonObject("initDurationMs").get("p50").getAsDouble(), parts.get("start"));
    assertEquals(
        group.getAsJsonObject("durationMs").get("p50").getAsDouble(), parts.get("duration"));
    assertEquals(parts.get("total"), parts.get("start") + parts.get("duration"), ROUNDING_MS);
    assertEquals(parts.get("start"), sumOf(parts, "start"), ROUNDING_MS, run.out());
    assertEquals(parts.get("duration"), sumOf(parts, "duration"), ROUNDING_MS, run.out());
    assertEquals(
        parts.get("duration.entry"),
        parts.get("duration.entry.steps") + parts.get("duration.entry.untracked"),
        ROUNDING_MS,
        run.out());
    double named = coldStart.get("namedShare").getAsDouble();
    assertEquals(1 - parts.get("start.rest") / parts.get("total"), named, 0.0001, run.out());
    assertTrue(named >= 0.95, run.out());
  }

  @Test
  void threeColdStartsAreThreeProcessesSummarisedTogether() throws Exception {
    CommandRun run = CommandRun.of(new byte[0], args("--cold-starts", "3"));
    assertEquals(0, run.exitCode(), run.err());
    Matcher report =
        Pattern.compile(
                "(?m)^cold start (\\d) of 3: REPORT RequestId: \\S+\\tDuration: .*"
                    + "\\tInit Duration: [0-9.]+ ms$")
            .matcher(run.out());
    List<String> numbers = new ArrayList<>();
    while (report.find()) {
      numbers.add(report.group(1));
    }
    assertEquals(List.of("1", "2", "3"), numbers, run.out());
    assertTrue(run.out().contains("\nApiGatewayHandler, cold: 3 invocations\n"), run.out());
    assertTrue(run.out().contains("\n  Where the cold start went (3 cold starts; "), run.out());
    assertFalse(run.out().contains(", warm:"), run.out());
  }

  @Test
  void withSnapStartTheReportShowsARestoreDurationAndTheSplitUsesIt() throws Exception {
    CommandRun run =
        CommandRun.of(new byte[0], args("--cold-starts", "1", "--init-type", "snap-start"));
    assertEquals(0, run.exitCode(), run.err());
    Matcher report =
        Pattern.compile("(?m)^cold start 1 of 1: (REPORT RequestId: .*)$").matcher(run.out());
    assertTrue(report.find(), run.out());
    assertTrue(
        report
            .group(1)
            .matches(".*\\tRestore Duration: [0-9.]+ ms\\tBilled Restore Duration: \\d+ ms"),
        report.group(1));
    assertFalse(report.group(1).contains("Init Duration"), report.group(1));
    assertTrue(run.out().contains("\n  Restore Duration + Duration "), run.out());
    assertTrue(run.out().contains("\n    restore_to_first_invocation "), run.out());
  }
}
