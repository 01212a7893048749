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
    assertEquals("error: " + message + "\n" + ReportCommand.USAGE + "\n", err);
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
    assertEquals(ReportCommand.USAGE + "\n", out);
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

  @Test
  void theInvokeUsageNamesTheReportCommand() {
    assertTrue(LocalInvoke.USAGE.contains("invoke report [FILE|-]"), LocalInvoke.USAGE);
    assertTrue(
        LocalInvoke.USAGE.contains("invoke report --compare BEFORE AFTER"), LocalInvoke.USAGE);
  }
}
