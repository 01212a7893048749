package io.github.goblinfish.metrics.trackers.local;

import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./invoke compare BEFORE AFTER} (also {@code ./invoke report --compare BEFORE AFTER}): each
 * step's p50 and p99 in the saved lines AFTER against BEFORE, each change tested (Mann-Whitney U),
 * with {@code --fail-if-slower} as a gate.
 *
 * <pre>
 *   ./invoke compare before.log after.log --fail-if-slower 10
 * </pre>
 *
 * Exit code 0 when both sides were read in full, 1 when a side has unreadable lines or none, 3 when
 * {@code --fail-if-slower} finds a significant slowdown beyond its limit, 2 for usage and file
 * errors.
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run; {@link
 * #compare} is stateless.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    sortOptions = false,
    description = {
      "Compares two sets of saved tracker lines: each step's p50 and p99 after against before,"
          + " each change tested (Mann-Whitney U) with its interval."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:both sides read in full",
      "1:unreadable lines, or none at all, on a side",
      "2:a usage or file error",
      "3:slower than --fail-if-slower allows"
    })
final class CompareCommand implements Callable<Integer> {
  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;

  @Spec private CommandSpec command;

  @Parameters(
      index = "0",
      paramLabel = "BEFORE",
      description =
          "Saved log output before the change, as report reads it; '-' reads standard" + " input.")
  private String before;

  @Parameters(
      index = "1",
      paramLabel = "AFTER",
      description =
          "Saved log output after the change; '-' reads standard input, for one side" + " only.")
  private String after;

  @Mixin private OutputOptions output;

  @Mixin private ComparisonOptions judging;

  /**
   * @param stdin standard input when it is piped, else null
   * @param out where the comparison goes
   * @param err where errors go
   */
  CompareCommand(InputStream stdin, PrintStream out, PrintStream err) {
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws LocalInvokeException {
    return compare(command.commandLine(), before, after, output, judging, stdin, out, err);
  }

  /**
   * Compares two files of saved lines and prints the comparison.
   *
   * @param commandLine the command whose usage a usage error shows
   * @return 0, 1 or 3, as the class says
   * @throws ParameterException when both sides are standard input
   * @throws LocalInvokeException when a side cannot be read
   */
  static int compare(
      CommandLine commandLine,
      String beforeFile,
      String afterFile,
      OutputOptions output,
      ComparisonOptions judging,
      InputStream stdin,
      PrintStream out,
      PrintStream err)
      throws LocalInvokeException {
    if (beforeFile.equals("-") && afterFile.equals("-")) {
      throw new ParameterException(
          commandLine, "only one of BEFORE and AFTER can be standard input");
    }
    TrackerLog before = ReportCommand.read(beforeFile, stdin, output.by());
    TrackerLog after = ReportCommand.read(afterFile, stdin, output.by());
    Comparison comparison = Comparison.of(before.summary(), after.summary(), judging.alpha());
    String beforeName = ReportCommand.name(beforeFile);
    String afterName = ReportCommand.name(afterFile);
    if (output.json()) {
      out.print(
          ComparisonJson.render(
              comparison, before.unreadable(), after.unreadable(), judging.failIfSlower()));
    } else {
      out.print(ComparisonText.render(comparison, beforeName, afterName));
      out.println();
      out.println(ReportCommand.readNote(beforeName, before));
      out.println(ReportCommand.readNote(afterName, after));
    }
    if (output.html() != null) {
      HtmlReport.write(
          output.html(),
          HtmlReportData.of(
              comparison,
              beforeName,
              afterName,
              List.of(
                  ReportCommand.readNote(beforeName, before),
                  ReportCommand.readNote(afterName, after))));
    }
    boolean empty = false;
    for (var side : List.of(Map.entry(beforeName, before), Map.entry(afterName, after))) {
      if (side.getValue().trackerLines() == 0) {
        err.println("error: no tracker line in " + TerminalText.oneLine(side.getKey()));
        empty = true;
      }
    }
    if (empty || before.unreadableCount() > 0 || after.unreadableCount() > 0) {
      return 1;
    }
    if (!Double.isNaN(judging.failIfSlower()) && comparison.slowerThan(judging.failIfSlower())) {
      err.println(slowerNote(comparison, judging.failIfSlower()));
      return ReportCommand.SLOWER;
    }
    return 0;
  }

  /** One line naming each figure that slowed by more than the percentage, significantly. */
  static String slowerNote(Comparison comparison, double percent) {
    List<String> slower = new ArrayList<>();
    for (Comparison.Group g : comparison.groups()) {
      for (Comparison.Row r : g.rows()) {
        if (r.slowerThan(percent)) {
          slower.add(
              TerminalText.oneLine(g.entry())
                  + (g.byValue() == null ? "" : " " + TerminalText.oneLine(g.byValue()))
                  + " "
                  + g.phase().label()
                  + " "
                  + (r.report() ? r.name() : TerminalText.oneLine(r.name()))
                  + " "
                  + ComparisonText.percent(r.p50Change())
                  + String.format(Locale.ROOT, " (p=%.3f)", r.significance().get().p()));
        }
      }
    }
    return "error: slower by more than "
        + SummaryJson.round(percent, 4).toPlainString()
        + "% at p < "
        + BigDecimal.valueOf(comparison.alpha()).toPlainString()
        + ": "
        + String.join(", ", slower);
  }
}
