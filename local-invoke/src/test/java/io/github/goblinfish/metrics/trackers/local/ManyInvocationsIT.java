package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code ./invoke --times 20} on an example, through the real runtime client: its
 * summary counts one cold and nineteen warm invocations, and {@code ./invoke report} on what it
 * printed gives the very same summary.
 */
class ManyInvocationsIT {
  private static final Path ROOT = LambdaITSupport.repositoryRoot();

  /** Runs the command, which must succeed, and parses its output as the JSON summary. */
  private static JsonObject jsonSummary(byte[] stdin, String... args) throws Exception {
    String[] run = invoke(stdin, args);
    assertEquals("0", run[0], run[2]);
    return JsonParser.parseString(run[1]).getAsJsonObject();
  }

  private static void assertCounts(JsonObject summary, int invocations, int cold, int warm) {
    assertEquals(invocations, summary.get("invocations").getAsInt());
    assertEquals(cold, summary.get("cold").getAsInt());
    assertEquals(warm, summary.get("warm").getAsInt());
  }

  private static String[] invoke(byte[] stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("invoke").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    if (stdin == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = builder.start();
    if (stdin != null) {
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      }
    }
    var err = new java.io.ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              try {
                p.getErrorStream().transferTo(err);
              } catch (java.io.IOException e) {
                // the process is gone; what was read is kept
              }
            });
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "./invoke did not finish");
    drain.join(TimeUnit.SECONDS.toMillis(60));
    assertTrue(!drain.isAlive(), "standard error was still open 60 s after ./invoke ended");
    return new String[] {
      Integer.toString(p.exitValue()), out, err.toString(StandardCharsets.UTF_8)
    };
  }

  private static String summaryOf(String output) {
    int start = output.indexOf("Steps across ");
    assertTrue(start >= 0, output);
    int end = output.indexOf("\nRead ", start);
    return (end < 0 ? output.substring(start) : output.substring(start, end)).stripTrailing();
  }

  @Test
  void twentyInvocationsSummariseAsOneColdAndNineteenWarm() throws Exception {
    String[] run =
        invoke(
            null,
            "ApiGatewayFunction",
            "-e",
            "events/api-gateway-get-order.json",
            "--times",
            "20",
            "--no-chart");
    assertEquals("0", run[0], run[2]);
    String summary = summaryOf(run[1]);
    Matcher init = Pattern.compile("\tInit Duration: ([0-9.]+) ms").matcher(run[1]);
    assertTrue(init.find(), run[1]);
    String initMs = init.group(1);
    assertTrue(!init.find(), "one REPORT with an Init Duration");

    List<String> lines = summary.lines().toList();
    assertEquals(
        "Steps across 20 invocations: 1 cold, 19 warm (milliseconds; percentiles by nearest rank)",
        lines.get(0));
    assertEquals("ApiGatewayHandler, cold: 1 invocation", lines.get(2));
    assertTrue(lines.get(3).matches("  step +n +p50 +p90 +p99 +max +share"), lines.get(3));
    assertTrue(
        lines
            .get(4)
            .matches("  REPORT Init Duration +1( +" + Pattern.quote(initMs + "0") + "\\*?){4}"),
        lines.get(4));
    // One invocation: its p90 and p99 are only the max, and marked so.
    assertTrue(lines.get(5).matches("  REPORT Duration +1( +\\d+\\.\\d{2}0\\*?){4}"), lines.get(5));
    String ms = "( +\\d+\\.\\d{3}\\*?){4}";
    assertTrue(lines.get(6).matches("  ApiGatewayHandler +1" + ms + " +100\\.0%  █{20}"));
    assertTrue(lines.get(7).matches("  validate_request +1" + ms + " +\\d+\\.\\d%  .+"));
    assertTrue(lines.get(8).matches("  load_order +1" + ms + " +\\d+\\.\\d%  .+"));
    assertEquals("  " + SummaryText.ONLY_THE_MAX, lines.get(9));
    assertEquals("", lines.get(10));
    // Then where the cold start went: a heading, a header and its parts, the last untracked
    // (ColdStartSplitIT checks that they add up; the part of to_first_invocation after init is
    // there only when the parts reach past the Init Duration).
    int warm = lines.indexOf("ApiGatewayHandler, warm: 19 invocations");
    assertTrue(
        lines.get(11).startsWith("  Where the cold start went (1 cold start; named: "),
        lines.get(11));
    assertTrue(lines.get(13).startsWith("  Init Duration + Duration "), lines.get(13));
    assertTrue(lines.get(warm - 2).startsWith("      untracked "), summary);
    assertTrue(warm == 29 || warm == 30, summary);
    assertEquals("", lines.get(warm - 1));
    assertEquals("ApiGatewayHandler, warm: 19 invocations", lines.get(warm));
    assertTrue(
        lines.get(warm + 2).matches("  REPORT Duration +19( +\\d+\\.\\d{2}0\\*?){4}"),
        lines.get(warm + 2));
    assertTrue(lines.get(warm + 3).matches("  ApiGatewayHandler +19" + ms + " +100\\.0%  █{20}"));
    assertTrue(
        lines.get(warm + 4).matches("  validate_request +19" + ms + " .*"), lines.get(warm + 4));
    assertTrue(lines.get(warm + 5).matches("  load_order +19" + ms + " .*"), lines.get(warm + 5));
    assertEquals("  " + SummaryText.ONLY_THE_MAX, lines.get(warm + 6));
    assertEquals(warm + 7, lines.size(), summary);

    // What the runner printed is a log stream like any other: the report reads it back.
    String[] report = invoke(run[1].getBytes(StandardCharsets.UTF_8), "report", "-");
    assertEquals("0", report[0], report[2]);
    assertEquals(summary, summaryOf(report[1]));
    assertEquals(
        "Read standard input as lines: 20 tracker lines, 20 REPORT events, ",
        report[1]
            .substring(report[1].indexOf("\nRead ") + 1)
            .replaceAll("\\d+ other events\n$", ""));

    JsonObject counts =
        jsonSummary(run[1].getBytes(StandardCharsets.UTF_8), "report", "-", "--summary", "json");
    assertCounts(counts, 20, 1, 19);
    assertEquals(
        Double.parseDouble(initMs),
        counts
            .getAsJsonArray("groups")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("initDurationMs")
            .get("max")
            .getAsDouble());
  }

  @Test
  void theJsonSummaryIsTheOnlyOutput() throws Exception {
    JsonObject summary =
        jsonSummary(
            null,
            "ApiGatewayFunction",
            "-e",
            "events/api-gateway-get-order.json",
            "--times",
            "3",
            "--summary",
            "json");
    assertCounts(summary, 3, 1, 2);
    assertEquals(
        List.of("ApiGatewayHandler", "validate_request", "load_order"),
        summary
            .getAsJsonArray("groups")
            .get(1)
            .getAsJsonObject()
            .getAsJsonArray("steps")
            .asList()
            .stream()
            .map(s -> s.getAsJsonObject().get("name").getAsString())
            .toList());
  }

  @Test
  void concurrentInvocationsInOneEnvironmentAreSummarisedToo() throws Exception {
    JsonObject summary =
        jsonSummary(
            null,
            "SqsBatchFunction",
            "-e",
            "events/sqs-batch.json",
            "--concurrency",
            "4",
            "--times",
            "8",
            "--summary",
            "json");
    assertCounts(summary, 8, 1, 7);
    // The runner's first invocation ran the init, but with four in flight another may reach the
    // handler first and be the one whose line says cold_start: the one Init Duration goes with
    // its own invocation, whichever group that is.
    int inits = 0;
    int durations = 0;
    for (var group : summary.getAsJsonArray("groups")) {
      JsonObject g = group.getAsJsonObject();
      assertEquals("SqsBatchHandler", g.get("entry").getAsString());
      if (!g.get("initDurationMs").isJsonNull()) {
        inits += g.getAsJsonObject("initDurationMs").get("count").getAsInt();
      }
      durations += g.getAsJsonObject("durationMs").get("count").getAsInt();
    }
    assertEquals(1, inits);
    assertEquals(8, durations);
  }
}
