package io.github.goblinfish.metrics.trackers.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./invoke report}: the summary of tracker lines saved from anywhere (a file, or standard
 * input), or with {@code --compare} the comparison of two such sets, as {@link CompareCommand}
 * makes it.
 *
 * <pre>
 *   ./invoke report lines.log
 *   sam logs -n ApiGatewayFunction --stack-name orders | ./invoke report - --by cold_start
 *   ./invoke report --compare before.csv after.csv --summary json
 * </pre>
 *
 * The input is read as a stream ({@link TrackerLog}), so its size does not matter. Exit code 0 when
 * every event that looks like a tracker line was read, 1 when some could not be (they are counted
 * and named; a JSON export that breaks off is one of them) or when there is no tracker line at all,
 * 3 when {@code --compare --fail-if-slower} finds a significant slowdown beyond its limit, 2 for
 * usage and file errors (a missing or unreadable file, a folder, the runner's own JSON summary
 * given as input), each one line on standard error.
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run; its static
 * helpers are stateless.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    sortOptions = false,
    description = {
      "Summarises saved tracker lines: raw lines, Lambda's JSON log format, sam logs output, or a"
          + " Logs Insights export (CSV or JSON) holding @message."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every tracker line read",
      "1:unreadable lines, or none at all",
      "2:a usage or file error",
      "3:slower than --fail-if-slower allows"
    })
final class ReportCommand implements Callable<Integer> {
  /** The exit code of {@code --fail-if-slower} when a step slowed. */
  static final int SLOWER = 3;

  private static final int NAMED = 10;

  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;

  @Spec private CommandSpec command;

  @Parameters(
      paramLabel = "[FILE|-]",
      hideParamSyntax = true,
      arity = "0..*",
      description = "Saved log output; '-' (or nothing, when piped) reads standard input.")
  private List<String> files = new ArrayList<>();

  @Option(
      names = "--compare",
      description =
          "Takes two files, BEFORE and AFTER, and compares them: the same as the compare"
              + " command.")
  private boolean compare;

  @Mixin private OutputOptions output;

  @Mixin private ComparisonOptions judging;

  /**
   * @param stdin standard input when it is piped, else null
   * @param out where the report goes
   * @param err where errors go
   */
  ReportCommand(InputStream stdin, PrintStream out, PrintStream err) {
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws LocalInvokeException {
    if (compare) {
      if (files.size() != 2) {
        throw new ParameterException(
            command.commandLine(), "--compare needs two files, BEFORE and AFTER");
      }
      return CompareCommand.compare(
          command.commandLine(), files.get(0), files.get(1), output, judging, stdin, out, err);
    }
    if (judging.given() != null) {
      throw new ParameterException(
          command.commandLine(), judging.given() + " only goes with --compare");
    }
    if (files.size() > 1) {
      throw new ParameterException(
          command.commandLine(), "one file per report (got " + String.join(", ", files) + ")");
    }
    String file = files.isEmpty() ? "-" : files.get(0);
    TrackerLog log = read(file, stdin, output.by());
    Summary summary = log.summary();
    if (output.json()) {
      out.print(SummaryJson.render(summary, log.unreadable()));
    } else {
      out.print(SummaryText.render(summary));
      out.println();
      out.println(readNote(name(file), log));
    }
    if (output.html() != null) {
      HtmlReport.write(
          output.html(), HtmlReportData.of(summary, List.of(readNote(name(file), log))));
    }
    if (log.trackerLines() == 0) {
      err.println("error: no tracker line in " + TerminalText.oneLine(name(file)));
      return 1;
    }
    return log.unreadableCount() == 0 ? 0 : 1;
  }

  /**
   * One line saying what was read: the tracker lines, REPORT events and other events, then the
   * unreadable events, each named with why (the first {@value #NAMED}, then how many more).
   */
  static String readNote(String name, TrackerLog log) {
    StringBuilder note =
        new StringBuilder("Read ")
            .append(TerminalText.oneLine(name))
            .append(" as ")
            .append(log.shape().label())
            .append(": ")
            .append(SummaryText.plural(log.trackerLines(), "tracker line"))
            .append(", ")
            .append(SummaryText.plural(log.reports(), "REPORT event"))
            .append(", ")
            .append(SummaryText.plural(log.others(), "other event"));
    List<TrackerLog.Problem> unreadable = log.unreadable();
    if (log.unreadableCount() > 0) {
      note.append("; ")
          .append(log.unreadableCount())
          .append(" unreadable: ")
          .append(
              unreadable.stream()
                  .limit(NAMED)
                  .map(p -> p.where() + " (" + p.reason() + ")")
                  .collect(Collectors.joining(", ")));
      if (log.unreadableCount() > NAMED) {
        note.append(" and ").append(log.unreadableCount() - NAMED).append(" more");
      }
    }
    return note.toString();
  }

  static String name(String file) {
    return file.equals("-") ? "standard input" : file;
  }

  /**
   * Reads the input as a stream; bytes that are not UTF-8 become U+FFFD, as a log viewer shows
   * them. Every way it can fail is one {@link LocalInvokeException}.
   */
  static TrackerLog read(String file, InputStream stdin, String by) throws LocalInvokeException {
    if (file.equals("-") && stdin == null) {
      throw new LocalInvokeException(
          "name a file of tracker lines, or pipe them in (see ./invoke report --help)");
    }
    TrackerLog log = stream(file, stdin == null ? null : unclosed(stdin), by);
    if (log.shape() == LogUnits.Shape.RUNNER_SUMMARY) {
      throw new LocalInvokeException(
          name(file)
              + " is a JSON summary or comparison written by ./invoke (--summary json), not saved"
              + " log output: report the log lines it was made from");
    }
    return log;
  }

  private static TrackerLog stream(String file, InputStream stdin, String by)
      throws LocalInvokeException {
    try {
      if (!file.equals("-") && Files.isDirectory(Path.of(file))) {
        throw new LocalInvokeException(file + " is a folder: name a file of saved log output");
      }
      try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file));
          Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return TrackerLog.read(reader, by);
      }
    } catch (NoSuchFileException e) {
      throw new LocalInvokeException("file " + file + " not found");
    } catch (AccessDeniedException e) {
      throw new LocalInvokeException("cannot read " + file + ": permission denied");
    } catch (IOException | UncheckedIOException e) {
      throw new LocalInvokeException(
          "cannot read " + name(file) + ": " + e.getMessage(), LocalInvokeException.USAGE, e);
    } catch (InvalidPathException e) {
      throw new LocalInvokeException("cannot read " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // Whatever else the input makes fail is still bad input: one line, no stack trace.
      throw new LocalInvokeException(
          "cannot read " + name(file) + ": " + e, LocalInvokeException.USAGE, e);
    }
  }

  /** Standard input belongs to the process: reading it to its end is fine, closing it is not. */
  private static InputStream unclosed(InputStream stdin) {
    return new FilterInputStream(stdin) {
      @Override
      public void close() {}
    };
  }
}
