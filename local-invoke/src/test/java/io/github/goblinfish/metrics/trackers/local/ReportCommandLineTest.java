package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./invoke report}'s command line: usage errors exit 2 with one line and the usage. */
class ReportCommandLineTest {
  private String out;
  private String err;

  private int report(String stdin, String... args) {
    return report(stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  private int report(byte[] stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("report"));
    all.addAll(List.of(args));
    CommandRun run = CommandRun.of(stdin, all);
    out = run.out();
    err = run.err();
    return run.exitCode();
  }

  private void assertUsageError(String message, String... args) {
    assertEquals(2, report((String) null, args), String.join(" ", args));
    assertEquals("error: " + message + "\n" + CommandRun.hint("report"), err);
    assertEquals("", out);
  }

  @Test
  void badOptionsExitTwoWithTheUsage() {
    assertUsageError("unknown option --bogus", "--bogus");
    assertUsageError("--summary must be text or json, not 'xml'", "f.log", "--summary", "xml");
    assertUsageError("--summary needs a value", "f.log", "--summary");
    assertUsageError("--by needs a value", "f.log", "--by");
    assertUsageError("--by needs an identifier name", "f.log", "--by=");
    assertUsageError("--compare needs two files, BEFORE and AFTER", "--compare", "a.log");
    assertUsageError("--compare needs two files, BEFORE and AFTER", "--compare", "a", "b", "c");
    assertUsageError("one file per report (got a.log, b.log)", "a.log", "b.log");
    assertUsageError("only one of BEFORE and AFTER can be standard input", "--compare", "-", "-");
  }

  @Test
  void aMissingFileOrNoInputExitsTwoWithOneLine() {
    assertEquals(2, report((String) null, "no-such-file.log"));
    assertEquals("error: file no-such-file.log not found\n", err);
    assertEquals("", out);
    assertEquals(2, report((String) null));
    assertEquals(
        "error: name a file of tracker lines, or pipe them in (see ./invoke report --help)\n", err);
  }

  @Test
  void helpExitsZero() {
    assertEquals(0, report((String) null, "--help"));
    assertEquals(CommandRun.usage("report"), out);
    assertEquals("", err);
  }

  @Test
  void bytesThatAreNotUtf8DoNotStopTheReport() {
    byte[] line =
        "{\"latencies\":{\"H\":1.000},\"metrics\":{},\"cold_start\":false,\"name\":\"caf\u00ff\"}\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(0, report(line, "-"), err);
    assertTrue(out.contains("\nH, warm: 1 invocation\n"), out);
  }

  private static final String LINE =
      "{\"latencies\":{\"H\":1.000},\"metrics\":{},\"request_id\":\"r-1\",\"cold_start\":false}";

  @Test
  void aReportWhoseFiguresAreNotNumbersIsNamedInOneLine() {
    assertEquals(
        1,
        report(LINE + "\nREPORT RequestId: r-1\tDuration: 1.2.3 ms\tBilled Duration: 2 ms\n", "-"));
    assertTrue(
        out.endsWith(
            "Read standard input as lines: 1 tracker line, 1 REPORT event, 0 other events;"
                + " 1 unreadable: line 2 (REPORT Duration '1.2.3' is not a number)\n"),
        out);
    assertEquals("", err);
    assertEquals(
        1,
        report(LINE + "\nREPORT RequestId: r-1\tDuration: 1.00 ms\tInit Duration: 9e9e ms\n", "-"));
    assertTrue(
        out.endsWith("1 unreadable: line 2 (REPORT Init Duration '9e9e' is not a number)\n"), out);
    assertEquals("", err);
  }

  @Test
  void aFileCutShortOrFullOfBinaryGarbageIsSummarisedAsFarAsItCanBeRead() {
    assertEquals(1, report(LINE + "\n" + LINE.substring(0, 30), "-"));
    assertTrue(
        out.endsWith(
            "Read standard input as lines: 1 tracker line, 0 REPORT events, 0 other events;"
                + " 1 unreadable: line 2 (malformed JSON: Unterminated string at line 1 column 31"
                + " path $.latencies)\n"),
        out);
    assertEquals("", err);

    byte[] garbage = new byte[3 << 20];
    new java.util.Random(21).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      if (garbage[i] == '\n') {
        garbage[i] = 0;
      }
    }
    assertEquals(1, report(garbage, "-"));
    assertEquals(
        "Steps across 0 invocations (milliseconds; percentiles by nearest rank)\n\n"
            + "Read standard input as lines: 0 tracker lines, 0 REPORT events, 0 other events;"
            + " 1 unreadable: line 1 (longer than 1048576 characters, not read)\n",
        out);
    assertEquals("error: no tracker line in standard input\n", err);
  }

  @Test
  void aFolderOrAPathThatCannotBeOpenedIsOneLineAndExitsTwo() {
    assertEquals(2, report((String) null, "src"));
    assertEquals("error: src is a folder: name a file of saved log output\n", err);
    assertEquals("", out);
    assertEquals(2, report((String) null, "bad\u0000name.log"));
    assertEquals(
        "error: cannot read bad\\u0000name.log: Nul character not allowed: bad\\u0000name.log\n",
        err);
    assertEquals("", out);
  }

  @Test
  void aJsonSummaryOfTheRunnerIsNamedAsSuchAndExitsTwo() {
    assertEquals(
        0, report((LINE + "\n").getBytes(StandardCharsets.UTF_8), "-", "--summary", "json"));
    byte[] summary = out.getBytes(StandardCharsets.UTF_8);
    assertEquals(2, report(summary, "-"));
    assertEquals(
        "error: standard input is a JSON summary or comparison written by ./invoke (--summary"
            + " json), not saved log output: report the log lines it was made from\n",
        err);
    assertEquals("", out);
  }

  @Test
  void aJsonExportCutOffMidRowNamesWhereItBrokeAndCountsTheLinesBefore() throws Exception {
    String export =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(ReportReadsEverySavedShapeTest.FOLDER, "insights.json"));
    String cut = export.substring(0, export.indexOf("ord-1003"));
    assertEquals(1, report(cut, "-"));
    assertTrue(
        out.endsWith(
            "Read standard input as JSON export: 2 tracker lines, 2 REPORT events, 5 other events;"
                + " 1 unreadable: result 10 (broken JSON at line 40 column 470; the rest was not"
                + " read)\n"),
        out);
    assertEquals("", err);

    String betweenRows =
        export.substring(0, export.lastIndexOf("\n    {", export.indexOf("ord-1003")) + 5);
    assertEquals(1, report(betweenRows, "-"));
    assertTrue(
        out.endsWith(
            "Read standard input as JSON export: 2 tracker lines, 2 REPORT events, 5 other events;"
                + " 1 unreadable: result 10 (broken JSON at line 38 column 5; the rest was not"
                + " read)\n"),
        out);
    assertEquals("", err);
  }

  @Test
  void theTopUsageListsTheCommands() {
    String usage = CommandRun.usage();
    assertTrue(usage.contains("\nCommands:\n  invoke   Runs a function"), usage);
    assertTrue(usage.contains("\n  report   Summarises saved tracker lines"), usage);
    assertTrue(usage.contains("\n  compare  Compares two sets of saved tracker lines"), usage);
    assertTrue(usage.contains("\n  help     Display help information"), usage);
  }
}
