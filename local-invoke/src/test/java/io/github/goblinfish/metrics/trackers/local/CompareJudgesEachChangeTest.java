package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./invoke report --compare} judges each change as benchstat does, and {@code
 * --fail-if-slower} turns a significant slowdown into exit code 3, through the command line itself.
 */
class CompareJudgesEachChangeTest {
  @TempDir Path dir;

  private String out;
  private String err;

  /** 20 durations around 10 ms, spread by ±10%. */
  static double[] around10ms() {
    double[] values = new double[20];
    for (int i = 0; i < values.length; i++) {
      values[i] = round(10 * (1 + 0.1 * Math.sin(i + 1)));
    }
    return values;
  }

  /** The same durations 20% slower, in another order. */
  static double[] slowerBy20Percent(double[] before) {
    double[] after = new double[before.length];
    for (int i = 0; i < after.length; i++) {
      after[i] = round(1.2 * before[(7 * i) % before.length]);
    }
    return after;
  }

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  private static String line(
      String entry, double entryMs, String step, double stepMs, boolean cold) {
    return String.format(
        Locale.ROOT,
        "{\"latencies\":{\"%s\":%.3f,\"%s\":%.3f},\"metrics\":{},\"cold_start\":%b}%n",
        entry,
        entryMs,
        step,
        stepMs,
        cold);
  }

  /**
   * Before and after: H's cold start once on each side, then 20 warm invocations whose H takes the
   * same time on both sides and whose load is 20% slower after; and G, 3 warm invocations per side,
   * twice as slow after.
   */
  private void write() throws Exception {
    double[] h = around10ms();
    double[] load = around10ms();
    double[] slower = slowerBy20Percent(load);
    StringBuilder before = new StringBuilder(line("H", 50, "load", 20, true));
    StringBuilder after = new StringBuilder(line("H", 60, "load", 30, true));
    for (int i = 0; i < 20; i++) {
      before.append(line("H", h[i] + 20, "load", load[i], false));
      after.append(line("H", h[i] + 20, "load", slower[i], false));
    }
    for (int i = 0; i < 3; i++) {
      before.append(line("G", 5 + i, "save", 1 + i, false));
      after.append(line("G", 10 + 2 * i, "save", 2 + 2 * i, false));
    }
    Files.writeString(dir.resolve("before.log"), before);
    Files.writeString(dir.resolve("after.log"), after);
  }

  private int report(String... args) {
    List<String> all = new ArrayList<>(List.of("report", "--compare"));
    all.add(dir + "/before.log");
    all.add(dir + "/after.log");
    all.addAll(List.of(args));
    CommandRun run = CommandRun.of(null, all);
    out = run.out().replace(dir + "/", "");
    err = run.err().replace(dir + "/", "");
    return run.exitCode();
  }

  @Test
  void aTwentyPercentShiftOfTwentyIsFlaggedTheSameSamplesAreNotAndThreeAreTooFew()
      throws Exception {
    write();
    assertEquals(0, report(), err);
    assertEquals("", err);
    assertEquals(
        """
        Step changes from before.log (24 invocations) to after.log (24 invocations) \
        (milliseconds; percentiles by nearest rank)

        H, cold: 1 before, 1 after
          step  p50 before   after                       change  95% interval  p99 before    after   change
          H         50.000  60.000  too few (n=1+1; 4+4 needed)             -      50.000*  60.000*  +20.0%
          load      20.000  30.000  too few (n=1+1; 4+4 needed)             -      20.000*  30.000*  +50.0%
          * the max: a p99 needs 100 invocations to be anything else

        H, warm: 20 before, 20 after
          step  p50 before   after                    change      95% interval  p99 before    after   change
          H         30.141  30.141       ~ (p=1.000 n=20+20)    -1.5% to +1.5%      30.991*  30.991*   +0.0%
          load      10.141  12.169  +20.0% (p=0.000 n=20+20)  +14.9% to +25.0%      10.991*  13.189*  +20.0%
          * the max: a p99 needs 100 invocations to be anything else

        G, warm: 3 before, 3 after
          step  p50 before   after                       change  95% interval  p99 before    after    change
          G          6.000  12.000  too few (n=3+3; 4+4 needed)             -       7.000*  14.000*  +100.0%
          save       2.000   4.000  too few (n=3+3; 4+4 needed)             -       3.000*   6.000*  +100.0%
          * the max: a p99 needs 100 invocations to be anything else

        Read before.log as lines: 24 tracker lines, 0 REPORT events, 0 other events
        Read after.log as lines: 24 tracker lines, 0 REPORT events, 0 other events
        """,
        out);
  }

  @Test
  void theJsonSaysEachVerdictWithItsPValueAndInterval() throws Exception {
    write();
    assertEquals(0, report("--summary", "json", "--fail-if-slower", "25"), err);
    JsonObject root = JsonParser.parseString(out).getAsJsonObject();
    assertEquals(0.05, root.get("alpha").getAsDouble());
    assertEquals(25, root.get("failIfSlowerPercent").getAsDouble());
    assertEquals(false, root.get("slower").getAsBoolean());
    JsonObject warm = root.getAsJsonArray("groups").get(1).getAsJsonObject();
    JsonObject h = warm.getAsJsonArray("steps").get(0).getAsJsonObject();
    JsonObject load = warm.getAsJsonArray("steps").get(1).getAsJsonObject();
    assertEquals(
        "{\"verdict\":\"not significant\",\"p\":1.0,\"neededPerSide\":null,"
            + "\"interval\":{\"low\":-0.0154,\"high\":0.0154},\"slower\":false}",
        verdict(h));
    // scipy.stats.mannwhitneyu(before, after, method="exact").pvalue
    assertEquals(5.411815635735933e-09, load.remove("p").getAsDouble(), 5.411815635735933e-21);
    load.add("p", com.google.gson.JsonNull.INSTANCE);
    assertEquals(
        "{\"verdict\":\"significant\",\"p\":null,\"neededPerSide\":null,"
            + "\"interval\":{\"low\":0.1494,\"high\":0.2497},\"slower\":false}",
        verdict(load));
    assertEquals(0.2, load.get("p50Change").getAsDouble());
    JsonObject cold =
        root.getAsJsonArray("groups")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("steps")
            .get(1)
            .getAsJsonObject();
    assertEquals(
        "{\"verdict\":\"too few\",\"p\":null,\"neededPerSide\":4,\"interval\":null,"
            + "\"slower\":false}",
        verdict(cold));
  }

  private static String verdict(JsonObject step) {
    JsonObject verdict = new JsonObject();
    for (String key : List.of("verdict", "p", "neededPerSide", "interval", "slower")) {
      verdict.add(key, step.get(key));
    }
    return new com.google.gson.GsonBuilder().serializeNulls().create().toJson(verdict);
  }

  @Test
  void aSignificantSlowdownBeyondTheLimitExitsThreeAndNamesTheStep() throws Exception {
    write();
    assertEquals(ReportCommand.SLOWER, report("--fail-if-slower", "10"));
    assertEquals("error: slower by more than 10% at p < 0.05: H warm load +20.0% (p=0.000)\n", err);
    assertEquals(ReportCommand.SLOWER, report("--fail-if-slower=19.9", "--summary=json"));
    JsonObject root = JsonParser.parseString(out).getAsJsonObject();
    assertEquals(true, root.get("slower").getAsBoolean());
    assertEquals(
        true,
        root.getAsJsonArray("groups")
            .get(1)
            .getAsJsonObject()
            .getAsJsonArray("steps")
            .get(1)
            .getAsJsonObject()
            .get("slower")
            .getAsBoolean());
  }

  @Test
  void aSlowdownWithinTheLimitNotSignificantOrOfTooFewPassesTheGate() throws Exception {
    write();
    // load is 20% slower: within 25%. G is 100% slower and the cold start 50%, but on 3 and 1
    // invocations a side, which nothing can judge.
    assertEquals(0, report("--fail-if-slower", "25"), err);
    assertEquals("", err);
    // At alpha 1e-9 the 20% (p = 5.4e-9) is no longer significant.
    assertEquals(0, report("--fail-if-slower", "10", "--alpha", "1e-9"), err);
    assertEquals(true, out.contains("~ (p=0.000 n=20+20)"), out);
    assertEquals(true, out.contains("too few (n=3+3; 17+17 needed)"), out);
    assertEquals(true, out.contains("99.9999999% interval"), out);
  }

  @Test
  void unreadableLinesStillExitOneWhenSlower() throws Exception {
    write();
    Files.writeString(
        dir.resolve("after.log"),
        "{\"latencies\":[1]}\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(1, report("--fail-if-slower", "10"));
  }

  private void assertUsageError(String message, String... args) {
    CommandRun run = CommandRun.of(null, List.of(args));
    assertEquals(2, run.exitCode(), String.join(" ", args));
    assertEquals("error: " + message + "\n" + CommandRun.hint("report"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void badAlphaOrLimitIsAUsageError() {
    String[] compare = {"report", "--compare", "a.log", "b.log"};
    for (String bad : List.of("0", "1", "-0.1", "1.5", "abc", "NaN", "Infinity", "0x1p-3", "")) {
      assertUsageError(
          "--alpha must be a number above 0 and below 1, not '" + bad + "'",
          concat(compare, "--alpha", bad));
    }
    for (String bad : List.of("-1", "-0.001", "abc", "NaN", "Infinity", "1e400", "10%")) {
      assertUsageError(
          "--fail-if-slower must be a number at least 0, not '" + bad + "'",
          concat(compare, "--fail-if-slower", bad));
    }
    assertUsageError("--alpha needs a value", concat(compare, "--alpha"));
    assertUsageError("--alpha only goes with --compare", "report", "a.log", "--alpha", "0.01");
    assertUsageError(
        "--fail-if-slower only goes with --compare", "report", "a.log", "--fail-if-slower", "5");
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
