package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes, one-line errors and the report. */
class CliTest {
  @TempDir Path dir;

  private String out;
  private String err;

  private int run(String stdin, String... args) {
    return runBytes(stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  private int runBytes(byte[] stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--template")) {
      all.add("--template");
      all.add(Fixtures.template().toString());
    }
    CommandRun run = CommandRun.of(stdin, all);
    out = run.out();
    err = run.err();
    return run.exitCode();
  }

  private void assertOneLineError(String expected) {
    assertEquals("error: " + expected + "\n", err);
  }

  @Test
  void quietPrintsOnlyTheResponseBody() {
    assertEquals(0, run("{}", "LogBytes", "-e", "-", "--quiet"));
    assertEquals("\"ok\"\n", out);
    assertEquals("", err);
  }

  @Test
  void reportShowsFramingEventsResponseAndBreakdown() {
    assertEquals(0, run("{}", "LogBytes", "--log-format", "JSON"));
    String[] lines = out.split("\n", -1);
    assertTrue(
        lines[0].startsWith(
            "Invoking LogBytes (io.github.goblinfish.metrics.trackers.local.fixtures"
                + ".TestFunctions::logBytes) from "),
        lines[0]);
    assertTrue(lines[0].endsWith(", 256 MB, timeout 10 s, JSON logs"), lines[0]);
    assertEquals("", lines[1]);
    assertTrue(lines[2].startsWith("INIT_START Runtime Version: java21 (local JDK "), lines[2]);
    assertTrue(lines[3].matches("START RequestId: [0-9a-f-]{36} Version: \\$LATEST"), lines[3]);
    String id = lines[3].substring("START RequestId: ".length(), "START RequestId: ".length() + 36);
    assertEquals("[telemetry JSON UNDEFINED]", lines[4]);
    assertEquals(Fixtures.TRACKER, lines[5]);
    assertEquals("END RequestId: " + id, lines[6]);
    assertTrue(
        lines[7].matches(
            "REPORT RequestId: "
                + id
                + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms"
                + "\tMemory Size: 256 MB\tInit Duration: \\d+\\.\\d\\d ms"),
        lines[7]);
    String rest = String.join("\n", List.of(lines).subList(8, lines.length));
    String bar = "\u2588";
    assertEquals(
        """
        Response:
        "ok"

        Tracker line
        latencies (ms)
          load  12.500  %s
          save   2.500  %s
        metrics
          orders = 3
        identifiers
          order_id = o-1
        """
            .formatted(bar.repeat(40), bar.repeat(8)),
        rest);
  }

  @Test
  void functionErrorsExitOneWithAOneLineSummary() {
    assertEquals(1, run("{\"why\":\"x\"}", "Fail", "--no-chart"));
    assertTrue(
        out.contains("Error (Runtime.UserException):\n{\n  \"errorMessage\": \"boom: x\",\n"), out);
    assertTrue(
        err.matches(
            "error: Fail request [0-9a-f-]{36} failed: Runtime.UserException "
                + "java.lang.IllegalStateException: boom: x\n"),
        err);
  }

  @Test
  void severalInvocationsEndWithTheStepSummaryColdAndWarmApart() {
    assertEquals(0, run("{}", "LogBytes", "--times", "2", "--no-chart"));
    // Lambda's figures in the summary are the ones its REPORT lines show.
    java.util.regex.Matcher reports =
        java.util.regex.Pattern.compile(
                "\tDuration: (\\d+\\.\\d\\d) ms.*?(?:\tInit Duration: (\\d+\\.\\d\\d) ms)?\n")
            .matcher(out);
    List<String[]> figures = new ArrayList<>();
    while (reports.find()) {
      figures.add(new String[] {reports.group(1), reports.group(2)});
    }
    assertEquals(2, figures.size(), out);
    assertEquals(null, figures.get(1)[1]);
    String summary = out.substring(out.indexOf("Steps across "));
    List<String> rows = summary.lines().map(l -> l.strip().replaceAll(" {2,}", " | ")).toList();
    assertEquals(
        List.of(
            "Steps across 2 invocations: 1 cold, 1 warm (milliseconds; percentiles by nearest"
                + " rank)",
            "",
            "load, cold: 1 invocation",
            "step | n | p50 | p90 | p99 | max | share",
            "REPORT Init Duration | 1 | " + four(figures.get(0)[1]),
            "REPORT Duration | 1 | " + four(figures.get(0)[0]),
            "load | 1 | 12.500 | 12.500* | 12.500* | 12.500 | 100.0% | ████████████████████",
            "save | 1 | 2.500 | 2.500* | 2.500* | 2.500 | 20.0% | ████",
            "* the max: a p90 needs 10 invocations, a p99 100, to be anything else",
            "",
            "load, warm: 1 invocation",
            "step | n | p50 | p90 | p99 | max | share",
            "REPORT Duration | 1 | " + four(figures.get(1)[0]),
            "load | 1 | 12.500 | 12.500* | 12.500* | 12.500 | 100.0% | ████████████████████",
            "save | 1 | 2.500 | 2.500* | 2.500* | 2.500 | 20.0% | ████",
            "* the max: a p90 needs 10 invocations, a p99 100, to be anything else"),
        rows);
  }

  /**
   * A REPORT figure (hundredths) of one invocation as the four columns p50, p90, p99 and max show
   * it, p90 and p99 marked as only the max.
   */
  private static String four(String hundredths) {
    String ms = hundredths + "0";
    return String.join(" | ", ms, ms + "*", ms + "*", ms);
  }

  @Test
  void theJsonSummaryIsTheOnlyOutputAndOneInvocationHasNoneUnlessAsked() {
    assertEquals(0, run("{}", "LogBytes", "--times", "2", "--summary", "json"));
    var root = com.google.gson.JsonParser.parseString(out).getAsJsonObject();
    assertEquals(2, root.get("invocations").getAsInt());
    assertEquals(1, root.get("cold").getAsInt());
    assertEquals(1, root.get("warm").getAsInt());
    var warm = root.getAsJsonArray("groups").get(1).getAsJsonObject();
    // The REPORT's Duration varies from run to run; CliTest's text summary pins where it comes
    // from.
    assertEquals(1, warm.remove("durationMs").getAsJsonObject().get("count").getAsInt());
    assertEquals(
        "{\"entry\":\"load\",\"byValue\":null,\"phase\":\"warm\",\"invocations\":1,"
            + "\"initDurationMs\":null,\"steps\":[{\"name\":\"load\",\"count\":1,\"calls\":1,"
            + "\"p50\":12.5,\"p90\":12.5,\"p99\":12.5,\"max\":12.5,"
            + "\"p90IsMax\":true,\"p99IsMax\":true,\"share\":1},"
            + "{\"name\":\"save\",\"count\":1,\"calls\":1,\"p50\":2.5,\"p90\":2.5,"
            + "\"p99\":2.5,\"max\":2.5,\"p90IsMax\":true,\"p99IsMax\":true,\"share\":0.2}]}",
        new com.google.gson.GsonBuilder().serializeNulls().create().toJson(warm));
    assertEquals("", err);

    assertEquals(0, run("{}", "LogBytes", "--no-chart"));
    assertTrue(!out.contains("Steps across"), out);
    assertEquals(0, run("{}", "LogBytes", "--no-chart", "--summary", "text", "--by", "order_id"));
    assertTrue(out.contains("\nload, order_id=o-1, cold: 1 invocation\n"), out);

    assertEquals(2, run(null, "LogBytes", "--summary", "xml"));
    assertTrue(
        err.startsWith("error: --summary must be text or json, not 'xml'\nUsage: invoke"), err);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run(null, "Nope"));
    assertOneLineError(
        "function 'Nope' not found in "
            + Fixtures.template()
            + "; known functions: LogBytes, LogString, PrintLines, Fail, Sleep, Greet, SlowEcho,"
            + " Missing, BrokenInit, Exit, PrintUnbroken, LogHuge, BreakTelemetry, SpawnSleep,"
            + " SleepLong, Env, BigResponse");

    assertEquals(2, run(null, "LogBytes", "-e", dir.resolve("none.json").toString()));
    assertOneLineError("event file " + dir.resolve("none.json") + " not found");

    assertEquals(2, run("{\"a\": }", "LogBytes"));
    assertTrue(err.startsWith("error: event stdin is not valid JSON: "), err);
    assertEquals(1, err.split("\n").length);

    assertEquals(2, run("\n", "LogBytes", "-e", "-"));
    assertOneLineError("event stdin is not valid JSON: it is empty");

    assertEquals(2, run("nope", "LogBytes"));
    assertOneLineError("event stdin is not valid JSON: malformed JSON at line 1 column 1 path $");

    assertEquals(2, run(null, "LogBytes", "--template", dir.resolve("missing.yaml").toString()));
    assertOneLineError(
        "template " + dir.resolve("missing.yaml") + " not found (use --template to point at one)");

    assertEquals(2, run(null, "LogBytes", "--times", "zero"));
    assertTrue(
        err.startsWith("error: --times needs a positive whole number, not 'zero'\nUsage: invoke"),
        err);

    assertEquals(2, run(null, "LogBytes", "--log-format", "XML"));
    assertTrue(err.startsWith("error: --log-format must be Text or JSON, not 'XML'\n"), err);
  }

  @Test
  void badEventFilesAndTemplatesExitTwo() throws Exception {
    Path event = dir.resolve("event.json");
    Files.writeString(event, "{\"a\":1} trailing");
    assertEquals(2, run(null, "LogBytes", "-e", event.toString()));
    assertOneLineError("event " + event + " is not valid JSON: text after the first value");

    Path template = dir.resolve("template.yaml");
    Files.writeString(template, "Resources:\n  Fn: [\n");
    assertEquals(2, run(null, "Fn", "--template", template.toString()));
    assertTrue(
        err.matches("error: invalid template " + template + ": line \\d+, column \\d+: .*\n"), err);

    Files.createDirectories(dir.resolve("module"));
    Files.writeString(dir.resolve("module/pom.xml"), "<project/>");
    Files.writeString(
        template,
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: {Handler: a.B::handle, CodeUri: module, Runtime: java21}
        """);
    assertEquals(2, run(null, "--template", template.toString()));
    assertOneLineError(
        "function 'Fn' is not built ("
            + dir.resolve("module/target/classes")
            + " is missing); build it first (mvn package in "
            + dir.resolve("module")
            + ")");
  }

  @Test
  void invalidUtf8IsRejectedTheSameFromStdinAndFromAFile() throws Exception {
    byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(2, runBytes(latin1, "LogBytes"));
    assertOneLineError("event stdin is not valid UTF-8 (at byte 12)");
    Path file = dir.resolve("latin1.json");
    Files.write(file, latin1);
    assertEquals(2, run(null, "LogBytes", "-e", file.toString()));
    assertOneLineError("event " + file + " is not valid UTF-8 (at byte 12)");
    assertEquals("", out);
  }

  @Test
  void eventsOverLambdasPayloadLimitAreRejectedAndAtTheLimitAccepted() throws Exception {
    String padding = "x".repeat(6_291_456 - "{\"p\":\"\"}".length());
    byte[] atLimit = ("{\"p\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] over = ("{\"p\":\"" + padding + "x\"}").getBytes(StandardCharsets.UTF_8);
    assertEquals(6_291_456, atLimit.length);
    String limitLine = " bytes; Lambda accepts at most 6291456 bytes for a synchronous invocation";
    assertEquals(2, runBytes(over, "LogBytes"));
    assertOneLineError("event stdin is 6291457" + limitLine);
    Path file = dir.resolve("big.json");
    Files.write(file, over);
    assertEquals(2, run(null, "LogBytes", "-e", file.toString()));
    assertOneLineError("event " + file + " is 6291457" + limitLine);
    assertEquals(0, runBytes(atLimit, "LogBytes", "--quiet"));
    assertEquals("\"ok\"\n", out);
  }

  @Test
  void aMissingHandlerClassExitsTwoWithOneLine() {
    assertEquals(2, run("{}", "Missing"));
    assertOneLineError(
        "function 'Missing': handler class io.github.goblinfish.metrics.trackers.local.fixtures"
            + ".NoSuchClass not found in its code ("
            + Fixtures.testClasses()
            + " and 1 more); check Handler in the template, and rebuild");
    assertEquals("", out);
  }

  @Test
  void aBrokenZipCodeUriExitsTwoNamingTheZip() throws Exception {
    Files.writeString(dir.resolve("fn.zip"), "this is not a zip");
    Path template = dir.resolve("template.yaml");
    Files.writeString(
        template,
        """
        Resources:
          Zipped:
            Type: AWS::Serverless::Function
            Properties: {Handler: a.B::handle, CodeUri: fn.zip}
        """);
    assertEquals(2, run("{}", "Zipped", "--template", template.toString()));
    assertTrue(
        err.startsWith(
            "error: function 'Zipped': CodeUri "
                + dir.resolve("fn.zip")
                + " is not a readable zip file ("),
        err);
    assertEquals(1, err.split("\n", -1).length - 1, err);
  }

  @Test
  void aZipWithoutJarsInLibIsWarnedAboutBeforeItRuns() throws Exception {
    Path zip = dir.resolve("fn.zip");
    try (java.util.zip.ZipOutputStream entries =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      entries.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
      entries.closeEntry();
    }
    Path template = dir.resolve("template.yaml");
    Files.writeString(
        template,
        """
        Resources:
          Zipped:
            Type: AWS::Serverless::Function
            Properties: {Handler: a.B::handle, CodeUri: fn.zip}
        """);
    assertEquals(2, run("{}", "Zipped", "--template", template.toString()));
    String[] lines = err.split("\n");
    assertEquals(
        "warning: Zipped: no jars in lib/ of "
            + zip
            + "; a Lambda zip carries the function's runtime dependencies there, so a function"
            + " that has any fails with NoClassDefFoundError",
        lines[0]);
    assertTrue(lines[1].startsWith("error: function 'Zipped': handler class a.B not found"), err);
    assertEquals(2, lines.length, err);
  }

  @Test
  void templateValuesLambdaRefusesExitTwoWithOneLine() throws Exception {
    Path template = dir.resolve("template.yaml");
    String[][] cases = {
      {
        "Timeout: .inf",
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not 'Infinity'"
      },
      {
        "Timeout: .nan",
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not 'NaN'"
      },
      {
        "Timeout: -1",
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not '-1'"
      },
      {
        "Timeout: 901",
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not '901'"
      },
      {
        "Timeout: 2.5",
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not '2.5'"
      },
      {
        "Timeout: 99999999999999999999",
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900,"
            + " not '99999999999999999999'"
      },
      {
        "Timeout: soon",
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not 'soon'"
      },
      {
        "MemorySize: 64",
        "function 'Fn': MemorySize must be a whole number of MB from 128 to 10240, not '64'"
      },
      {
        "MemorySize: 10241",
        "function 'Fn': MemorySize must be a whole number of MB from 128 to 10240, not '10241'"
      },
      {
        "MemorySize: .inf",
        "function 'Fn': MemorySize must be a whole number of MB from 128 to 10240, not 'Infinity'"
      },
      {
        "Environment: {Variables: {A: \"x\\0y\"}}",
        "function 'Fn': environment variable 'A' is not a valid name"
            + " (a letter, then at least one letter, digit or _)"
      },
      {
        "Environment: {Variables: {NUL: \"x\\0y\"}}",
        "function 'Fn': environment variable NUL contains a NUL" + " character"
      },
      {
        "Environment: {Variables: {\"A=B\": x}}",
        "function 'Fn': environment variable 'A=B' is not a valid name"
            + " (a letter, then at least one letter, digit or _)"
      },
      {
        "Environment: {Variables: {\"BAD\\nNAME\": x}}",
        "function 'Fn': environment variable 'BAD\\nNAME' is not"
            + " a valid name (a letter, then at least one letter, digit or _)"
      },
      {
        "Environment: {Variables: {AWS_REGION: eu-west-1}}",
        "function 'Fn': environment variable AWS_REGION is" + " reserved by Lambda"
      },
      {
        "Environment: {Variables: {BIG: " + "v".repeat(4094) + "}}",
        "function 'Fn': its environment variables"
            + " take 4097 bytes; Lambda allows 4096 (names and values, UTF-8)"
      },
    };
    for (String[] c : cases) {
      Files.writeString(
          template,
          """
          Resources:
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                Handler: io.github.goblinfish.metrics.trackers.local.fixtures.TestFunctions::logBytes
                CodeUri: %s
                %s
          """
              .formatted(Fixtures.testClasses(), c[0]));
      assertEquals(2, run("{}", "Fn", "--template", template.toString()), c[0]);
      assertOneLineError(c[1]);
      assertEquals("", out, c[0]);
    }
  }

  @Test
  void helpExitsZero() {
    assertEquals(0, run(null, "--help"));
    assertTrue(out.startsWith("Usage: invoke"));
  }
}
