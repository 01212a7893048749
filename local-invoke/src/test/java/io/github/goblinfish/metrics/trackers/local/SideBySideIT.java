package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.keys;
import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./invoke ab} on the real runtime client: two builds of the examples' ApiGatewayFunction
 * side by side (its code copied to a folder of classes and {@code lib/}, given as code; a copy of
 * the template whose order table waits 30 ms per lookup, given as a template), their invocations
 * alternated, then compared. A 30 ms wait in a step of well under a millisecond is never noise.
 */
class SideBySideIT {
  private static final Pattern REPORT_LINE =
      Pattern.compile(
          "(before|after) ([0-9]+)/([0-9]+): REPORT RequestId: [0-9a-f-]{36}\tDuration: .*");

  @TempDir static Path scratch;

  /** One in-process run of {@code ab}, with what it printed. */
  private record Run(int exitCode, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Run ab(
      Path before, Path after, int times, int runtimes, boolean json, double alpha, double gate) {
    Path root = LambdaITSupport.repositoryRoot();
    return ab(
        new AbSpec(
            "ApiGatewayFunction",
            root.resolve("events/api-gateway-get-order.json").toString(),
            root.resolve("template.yaml"),
            before,
            after,
            null,
            null,
            times,
            0,
            runtimes,
            null,
            json,
            alpha,
            gate,
            null));
  }

  private static Run ab(AbSpec spec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        SideBySide.run(
            spec,
            null,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    Run run =
        new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println("SideBySideIT, exit " + exit + ":\n" + run.out + run.err);
    return run;
  }

  /** The example's built code as a folder of classes and lib/, as sam build lays it out. */
  private static Path codeCopy() throws IOException {
    Path code = scratch.resolve("code-" + System.nanoTime());
    LambdaITSupport.copyExamplesBuild(code);
    return code;
  }

  /**
   * A copy of the root template in another folder, its CodeUri the repository root, with {@code
   * ORDER_TABLE_LATENCY_MS} set for ApiGatewayFunction when not null.
   */
  private static Path templateCopy(String name, String orderTableLatencyMs) throws IOException {
    Path root = LambdaITSupport.repositoryRoot();
    String template = Files.readString(root.resolve("template.yaml"), StandardCharsets.UTF_8);
    String codeUri = "      CodeUri: .\n";
    assertTrue(template.contains(codeUri), "the root template's CodeUri");
    template = template.replace(codeUri, "      CodeUri: " + root + "\n");
    if (orderTableLatencyMs != null) {
      String service = "          SERVICE_NAME: orders\n";
      int at = template.indexOf(service, template.indexOf("  ApiGatewayFunction:\n"));
      assertTrue(at > 0, "ApiGatewayFunction's SERVICE_NAME");
      at += service.length();
      template =
          template.substring(0, at)
              + "          ORDER_TABLE_LATENCY_MS: '"
              + orderTableLatencyMs
              + "'\n"
              + template.substring(at);
    }
    Path copy = scratch.resolve(name);
    Files.writeString(copy, template, StandardCharsets.UTF_8);
    return copy;
  }

  /** The sides of each invocation line, in the order printed, e.g. "before 1/12". */
  private static List<String> turns(Run run) {
    List<String> turns = new ArrayList<>();
    for (String line : run.lines()) {
      var m = REPORT_LINE.matcher(line);
      if (m.matches()) {
        turns.add(m.group(1) + " " + m.group(2) + "/" + m.group(3));
      }
    }
    return turns;
  }

  /** ABBA in each runtime of a side, {@code perRuntime} invocations in each. */
  private static List<String> abba(int... perRuntime) {
    int n = java.util.Arrays.stream(perRuntime).sum();
    List<String> order = new ArrayList<>();
    int[] counts = new int[2];
    for (int size : perRuntime) {
      for (int turn = 0; turn < 2 * size; turn++) {
        int side = Turns.sideOf(turn);
        order.add((side == Turns.A ? "before " : "after ") + ++counts[side] + "/" + n);
      }
    }
    return order;
  }

  /** The row of {@code step} in the group whose heading starts with {@code heading}. */
  private static String row(Run run, String heading, String step) {
    List<String> lines = run.lines();
    int group = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(heading)) {
        group = i;
      } else if (group >= 0 && lines.get(i).startsWith("  " + step + " ")) {
        return lines.get(i);
      } else if (group >= 0 && lines.get(i).isEmpty()) {
        break;
      }
    }
    throw new AssertionError("no row " + step + " under " + heading + " in\n" + run.out);
  }

  @Test
  void aStepSlowedBy30MillisecondsIsFlaggedWithItsPValueAndFailsTheGate() throws IOException {
    Path code = codeCopy();
    Path slowed = templateCopy("slowed.yaml", "30");
    Run run = ab(code, slowed, 12, 1, false, 0.05, 10);

    assertEquals(3, run.exitCode(), run.err());
    List<String> lines = run.lines();
    assertEquals(
        "A/B of ApiGatewayFunction: 12 invocations per side, each side in one runtime,"
            + " alternating (ABBA), one at a time",
        lines.get(0));
    assertEquals(
        "before ("
            + code
            + "): the code in "
            + code
            + " as ApiGatewayFunction of "
            + LambdaITSupport.repositoryRoot().resolve("template.yaml"),
        lines.get(1));
    assertEquals(
        "after (" + slowed + "): ApiGatewayFunction of the template " + slowed, lines.get(2));
    assertEquals(abba(12), turns(run));
    assertTrue(
        lines.contains(
            "Step changes from before ("
                + code
                + ") (12 invocations) to after ("
                + slowed
                + ") (12 invocations) (milliseconds; percentiles by nearest rank)"),
        run.out());
    assertTrue(lines.contains("ApiGatewayHandler, cold: 1 before, 1 after"), run.out());
    assertTrue(lines.contains("ApiGatewayHandler, warm: 11 before, 11 after"), run.out());
    String warm = "ApiGatewayHandler, warm";
    Pattern flagged = Pattern.compile(".*  \\+[0-9]+\\.[0-9]% \\(p=0\\.000 n=11\\+11\\)  .*");
    for (String step : List.of("REPORT Duration", "ApiGatewayHandler", "load_order")) {
      assertTrue(flagged.matcher(row(run, warm, step)).matches(), row(run, warm, step));
    }
    assertTrue(
        row(run, "ApiGatewayHandler, cold", "load_order").contains("too few (n=1+1; 4+4 needed)"),
        run.out());
    assertTrue(lines.contains("Ran before (" + code + "): 12 invocations, 12 tracker lines"));
    assertTrue(lines.contains("Ran after (" + slowed + "): 12 invocations, 12 tracker lines"));
    assertTrue(
        Pattern.compile(
                "error: slower by more than 10% at p < 0\\.05: .*ApiGatewayHandler warm load_order"
                    + " \\+[0-9]+\\.[0-9]% \\(p=0\\.000\\).*\n")
            .matcher(run.err())
            .matches(),
        run.err());
  }

  @Test
  void theSameBuildOnBothSidesIsNoChangeInAnyWarmFigure() throws IOException {
    Path code = codeCopy();
    // Four runtimes per side, as each runtime has its own speed (its JIT, its memory layout): with
    // one per side, unchanged code was flagged in 9 of 13 runs. At α = 0.001 a figure is flagged
    // by chance once in a thousand runs; 12 + 12 warm invocations can still reach p = 0.0000003.
    Run run = ab(code, null, 16, 4, true, 0.001, 10);

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    JsonObject doc = object(run.out());
    assertEquals(
        List.of(
            "percentiles",
            "test",
            "alpha",
            "failIfSlowerPercent",
            "slower",
            "before",
            "after",
            "sides",
            "by",
            "groups"),
        keys(doc));
    assertEquals(false, doc.get("slower").getAsBoolean());
    JsonObject sides = doc.getAsJsonObject("sides");
    assertEquals(List.of("before", "after"), keys(sides));
    assertEquals(
        object("{\"label\":\"before (" + code + ")\",\"kind\":\"code\",\"path\":\"" + code + "\"}"),
        sides.get("before"));
    Path template = LambdaITSupport.repositoryRoot().resolve("template.yaml");
    assertEquals(
        object(
            "{\"label\":\"after ("
                + template
                + ")\",\"kind\":\"as-is\",\"path\":\""
                + template
                + "\"}"),
        sides.get("after"));
    assertEquals(16, doc.getAsJsonObject("before").get("invocations").getAsInt());
    assertEquals(16, doc.getAsJsonObject("after").get("invocations").getAsInt());
    List<String> phases = new ArrayList<>();
    for (JsonElement g : doc.getAsJsonArray("groups")) {
      JsonObject group = g.getAsJsonObject();
      String phase = group.get("phase").getAsString();
      phases.add(phase + " " + group.get("before") + "+" + group.get("after"));
      for (JsonElement s : group.getAsJsonArray("steps")) {
        JsonObject step = s.getAsJsonObject();
        String verdict = step.get("verdict").getAsString();
        assertEquals(
            phase.equals("cold") ? "too few" : "not significant",
            verdict,
            phase + " " + step.get("name") + ": " + step);
      }
    }
    assertEquals(List.of("cold 4+4", "warm 12+12"), phases);
  }

  @Test
  void coldStartsComeInPairsOfFreshRuntimesAlternatingWhichSideStartsFirst() throws IOException {
    Path sameAgain = templateCopy("same.yaml", null);
    Path html = scratch.resolve("ab.html");
    Path root = LambdaITSupport.repositoryRoot();
    Run run =
        ab(
            new AbSpec(
                "ApiGatewayFunction",
                root.resolve("events/api-gateway-get-order.json").toString(),
                root.resolve("template.yaml"),
                sameAgain,
                null,
                null,
                null,
                0,
                4,
                0,
                null,
                false,
                0.05,
                Double.NaN,
                html));

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "A/B of ApiGatewayFunction: 4 pairs of fresh cold starts, alternating which side starts"
            + " first",
        run.lines().get(0));
    assertEquals(abba(4), turns(run));
    for (String line : run.lines()) {
      if (REPORT_LINE.matcher(line).matches()) {
        assertTrue(line.contains("\tInit Duration: "), "each a cold start: " + line);
      }
    }
    assertTrue(run.lines().contains("ApiGatewayHandler, cold: 4 before, 4 after"), run.out());
    assertTrue(run.lines().stream().noneMatch(l -> l.contains(", warm: ")), run.out());
    for (String step : List.of("REPORT Init Duration", "REPORT Duration", "ApiGatewayHandler")) {
      assertTrue(
          row(run, "ApiGatewayHandler, cold", step).contains(" n=4+4)"),
          row(run, "ApiGatewayHandler, cold", step));
    }
    assertTrue(
        run.lines()
            .contains("Ran before (" + sameAgain + "): 4 fresh cold starts, 4 tracker lines"));
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("\"kind\":\"comparison\""), "the HTML report's data");
    assertTrue(page.contains("Step changes from before (" + sameAgain + ") (4 invocations)"));
  }

  /**
   * A fixture function named {@code Fn} with {@code handler}, in a template of its own, with
   * environment variables {@code variables} (name, value, name, value ...).
   */
  private static Path fixtureTemplate(String name, String handler, String... variables)
      throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "Resources:",
                "  Fn:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      CodeUri: " + LambdaITSupport.testClasses(),
                "      Runtime: java21",
                "      Timeout: 10",
                "      Handler: io.github.goblinfish.metrics.trackers.local.fixtures." + handler));
    if (variables.length > 0) {
      lines.add("      Environment:");
      lines.add("        Variables:");
      for (int i = 0; i < variables.length; i += 2) {
        lines.add("          " + variables[i] + ": '" + variables[i + 1] + "'");
      }
    }
    lines.add("");
    Path copy = scratch.resolve(name);
    Files.writeString(copy, String.join("\n", lines), StandardCharsets.UTF_8);
    return copy;
  }

  @Test
  void theSidesRuntimesRunOneInvocationAtATimeInAbbaOrderPairAfterPair() throws IOException {
    Path turnLog = scratch.resolve("turns.log");
    Path before =
        fixtureTemplate(
            "turn-before.yaml",
            "TestFunctions::recordTurn",
            "TURN_LOG",
            turnLog.toString(),
            "SIDE",
            "before");
    Path after =
        fixtureTemplate(
            "turn-after.yaml",
            "TestFunctions::recordTurn",
            "TURN_LOG",
            turnLog.toString(),
            "SIDE",
            "after");
    Run run = fixtures(before, after, 6, 2);

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(abba(3, 3), turns(run));
    List<String> cold = new ArrayList<>();
    for (String line : run.lines()) {
      if (REPORT_LINE.matcher(line).matches() && line.contains("\tInit Duration: ")) {
        cold.add(line.substring(0, line.indexOf(':')));
      }
    }
    assertEquals(List.of("before 1/6", "after 1/6", "before 4/6", "after 4/6"), cold);
    List<String> expected = new ArrayList<>();
    for (String turn : abba(3, 3)) {
      String side = turn.substring(0, turn.indexOf(' '));
      expected.add(side + " start");
      expected.add(side + " end");
    }
    assertEquals(expected, Files.readAllLines(turnLog, StandardCharsets.UTF_8));
  }

  private static Run fixtures(Path before, Path after, int times, int runtimes) {
    return ab(
        new AbSpec(
            null,
            null,
            before,
            before,
            after,
            null,
            null,
            times,
            0,
            runtimes,
            null,
            false,
            0.05,
            Double.NaN,
            null));
  }

  @Test
  void aSideWhoseHandlerEndsItsRuntimeFailsTheRunAndTheOtherSideStillRuns() throws IOException {
    Path logs = fixtureTemplate("logs.yaml", "TestFunctions::logBytes");
    Path exits = fixtureTemplate("exits.yaml", "TestFunctions::exit");
    Run run = fixtures(logs, exits, 3, 1);

    assertEquals(1, run.exitCode(), run.err());
    assertEquals(abba(3), turns(run));
    List<String> errors = run.err().lines().toList();
    assertEquals(4, errors.size(), run.err());
    for (int i = 0; i < 3; i++) {
      assertTrue(
          errors
              .get(i)
              .matches(
                  "error: after "
                      + (i + 1)
                      + "/3: request [0-9a-f-]{36} failed: .*Runtime exited with error: exit"
                      + " status 3.*"),
          errors.get(i));
    }
    assertEquals("error: no tracker line from after (" + exits + ")", errors.get(3));
    assertTrue(run.lines().contains("Ran before (" + logs + "): 3 invocations, 3 tracker lines"));
    assertTrue(run.lines().contains("Ran after (" + exits + "): 3 invocations, 0 tracker lines"));
  }

  @Test
  void aSideWhoseRuntimeCannotStartFailsTheRunWithoutHanging() throws IOException {
    Path logs = fixtureTemplate("logs2.yaml", "TestFunctions::logBytes");
    Path broken = fixtureTemplate("broken.yaml", "BrokenInit");
    Run run = fixtures(broken, logs, 2, 1);

    assertEquals(1, run.exitCode(), run.err());
    assertEquals(abba(2), turns(run));
    List<String> errors = run.err().lines().toList();
    assertEquals(3, errors.size(), run.err());
    for (int i = 0; i < 2; i++) {
      assertTrue(
          errors
              .get(i)
              .matches(
                  "error: before " + (i + 1) + "/2: request [0-9a-f-]{36} failed: .*no config.*"),
          errors.get(i));
    }
    assertEquals("error: no tracker line from before (" + broken + ")", errors.get(2));
  }
}
