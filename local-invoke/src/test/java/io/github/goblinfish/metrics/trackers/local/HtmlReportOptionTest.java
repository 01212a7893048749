package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --html FILE}, of {@code ./invoke report} and of the runner: a file that cannot be written
 * is a usage error (exit 2, one line and the usage) before anything is read or run; otherwise the
 * page is written and the printed output stays what it is without the option.
 */
class HtmlReportOptionTest {
  private static final String INSIGHTS = "src/test/resources/report/insights.csv";

  @TempDir Path temp;

  private static void assertUsageError(String usage, String message, String... args) {
    CommandRun run = CommandRun.of(null, List.of(args));
    assertEquals(2, run.exitCode(), String.join(" ", args));
    assertEquals("error: " + message + "\n" + usage, run.err());
    assertEquals("", run.out());
  }

  @Test
  void aFileThatCannotBeWrittenIsAUsageErrorOfReport() {
    Path missing = temp.resolve("no-such-folder").resolve("report.html");
    assertUsageError(
        CommandRun.hint("report"),
        "--html: cannot write "
            + missing
            + ": "
            + missing.getParent()
            + " is not a folder (create it first)",
        "report",
        INSIGHTS,
        "--html",
        missing.toString());
    assertUsageError(
        CommandRun.hint("report"),
        "--html: " + temp + " is a folder: name a file to write",
        "report",
        INSIGHTS,
        "--html",
        temp.toString());
    assertUsageError(
        CommandRun.hint("report"), "--html needs a value", "report", INSIGHTS, "--html");
    assertUsageError(
        CommandRun.hint("report"), "--html needs a file name", "report", INSIGHTS, "--html=");
    assertUsageError(
        CommandRun.hint("report"),
        "--html: '\\u0000.html' is not a valid path",
        "report",
        INSIGHTS,
        "--html",
        "\0.html");
  }

  @Test
  void aFileThatCannotBeWrittenIsAUsageErrorOfTheRunnerBeforeItRuns() {
    Path missing = temp.resolve("no-such-folder").resolve("run.html");
    // No template is read: the option is refused first.
    assertUsageError(
        CommandRun.hint(),
        "--html: cannot write "
            + missing
            + ": "
            + missing.getParent()
            + " is not a folder (create it first)",
        "ApiGatewayFunction",
        "--template",
        temp.resolve("no-template.yaml").toString(),
        "--html",
        missing.toString());
  }

  @Test
  void theReportIsWrittenAndWhatIsPrintedDoesNotChange() throws Exception {
    CommandRun plain = CommandRun.of(null, List.of("report", INSIGHTS));
    Path html = temp.resolve("report.html");
    CommandRun withHtml =
        CommandRun.of(null, List.of("report", INSIGHTS, "--html", html.toString()));
    assertEquals(plain, withHtml);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.startsWith("<!DOCTYPE html>\n"), page.substring(0, 100));
    assertTrue(page.contains("\"title\":\"Steps across 6 invocations: 1 cold, 5 warm\""));

    Path compared = temp.resolve("compare.html");
    List<String> compare =
        new ArrayList<>(
            List.of("report", "--compare", INSIGHTS, "src/test/resources/report/lines.log"));
    CommandRun plainCompare = CommandRun.of(null, compare);
    compare.addAll(List.of("--html", compared.toString()));
    assertEquals(plainCompare, CommandRun.of(null, compare));
    assertTrue(Files.readString(compared).contains("\"kind\":\"comparison\""));
  }

  @Test
  void aReportOfNoTrackerLineStillExitsOneAndWritesItsEmptyPage() throws Exception {
    Path empty = temp.resolve("empty.log");
    Files.writeString(empty, "START RequestId: 1 Version: $LATEST\n");
    Path html = temp.resolve("empty.html");
    CommandRun run =
        CommandRun.of(null, List.of("report", empty.toString(), "--html", html.toString()));
    assertEquals(1, run.exitCode());
    assertEquals("error: no tracker line in " + empty + "\n", run.err());
    assertTrue(Files.readString(html).contains("\"groups\":[]"));
    assertFalse(Files.readString(html).contains("\"rows\""));
  }
}
