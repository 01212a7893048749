package io.github.goblinfish.metrics.trackers.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./invoke report}: the summary of tracker lines saved from anywhere (a file, or standard
 * input), or the comparison of two such sets.
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
 * <p>Stateless and thread-safe.
 */
final class ReportCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: invoke report [FILE|-] [--by IDENTIFIER] [--summary text|json] [--html FILE]",
          "       invoke report --compare BEFORE AFTER [--by IDENTIFIER] [--summary text|json]",
          "                     [--alpha A] [--fail-if-slower PERCENT] [--html FILE]",
          "  FILE               saved log output: raw tracker lines, Lambda's JSON log format,",
          "                     sam logs output, or a Logs Insights export (CSV or JSON) holding",
          "                     @message; '-' (or nothing, when piped) reads standard input",
          "  --by IDENTIFIER    group by the value of an identifier as well (function_name,",
          "                     cold_start, init_type, ...)",
          "  --compare B A      each step's p50 and p99 in A against B, each change tested",
          "                     (Mann-Whitney U)",
          "  --alpha A          significance level of --compare, above 0 and below 1 (0.05)",
          "  --fail-if-slower P with --compare: exit 3 when a step's median slowed by more than",
          "                     P percent (0 or more) and the change is significant",
          "  --summary F        text (default) or json",
          "  --html FILE        also write the report as one HTML page with charts (it needs no",
          "                     network to open)",
          "exit code: 0 every tracker line read, 1 unreadable lines or none at all, 2 usage or"
              + " file error,",
          "           3 slower than --fail-if-slower allows");

  /** The exit code of {@code --fail-if-slower} when a step slowed. */
  static final int SLOWER = 3;

  private static final int NAMED = 10;

  private ReportCommand() {}

  static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (LocalInvokeException e) {
      err.println("error: " + TerminalText.message(e.getMessage()));
      err.println(USAGE);
      return e.exitCode();
    }
    if (options.help) {
      out.println(USAGE);
      return 0;
    }
    try {
      if (options.compare) {
        return compare(options, stdin, out, err);
      }
      String file = options.files.isEmpty() ? "-" : options.files.get(0);
      TrackerLog log = read(file, stdin, options.by);
      Summary summary = log.summary();
      if (options.json) {
        out.print(SummaryJson.render(summary, log.unreadable()));
      } else {
        out.print(SummaryText.render(summary));
        out.println();
        out.println(readNote(name(file), log));
      }
      if (options.html != null) {
        HtmlReport.write(
            options.html, HtmlReportData.of(summary, List.of(readNote(name(file), log))));
      }
      if (log.trackerLines() == 0) {
        err.println("error: no tracker line in " + TerminalText.oneLine(name(file)));
        return 1;
      }
      return log.unreadableCount() == 0 ? 0 : 1;
    } catch (LocalInvokeException e) {
      err.println("error: " + TerminalText.message(e.getMessage()));
      return e.exitCode();
    }
  }

  private static int compare(Options options, InputStream stdin, PrintStream out, PrintStream err)
      throws LocalInvokeException {
    String beforeFile = options.files.get(0);
    String afterFile = options.files.get(1);
    TrackerLog before = read(beforeFile, stdin, options.by);
    TrackerLog after = read(afterFile, stdin, options.by);
    Comparison comparison = Comparison.of(before.summary(), after.summary(), options.alpha);
    if (options.json) {
      out.print(
          ComparisonJson.render(
              comparison, before.unreadable(), after.unreadable(), options.failIfSlower));
    } else {
      out.print(ComparisonText.render(comparison, name(beforeFile), name(afterFile)));
      out.println();
      out.println(readNote(name(beforeFile), before));
      out.println(readNote(name(afterFile), after));
    }
    if (options.html != null) {
      HtmlReport.write(
          options.html,
          HtmlReportData.of(
              comparison,
              name(beforeFile),
              name(afterFile),
              List.of(readNote(name(beforeFile), before), readNote(name(afterFile), after))));
    }
    boolean empty = false;
    for (var side : List.of(Map.entry(beforeFile, before), Map.entry(afterFile, after))) {
      if (side.getValue().trackerLines() == 0) {
        err.println("error: no tracker line in " + TerminalText.oneLine(name(side.getKey())));
        empty = true;
      }
    }
    if (empty || before.unreadableCount() > 0 || after.unreadableCount() > 0) {
      return 1;
    }
    if (!Double.isNaN(options.failIfSlower) && comparison.slowerThan(options.failIfSlower)) {
      err.println(slowerNote(comparison, options.failIfSlower));
      return SLOWER;
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
                  + String.format(java.util.Locale.ROOT, " (p=%.3f)", r.significance().get().p()));
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

  private static String name(String file) {
    return file.equals("-") ? "standard input" : file;
  }

  /**
   * Reads the input as a stream; bytes that are not UTF-8 become U+FFFD, as a log viewer shows
   * them. Every way it can fail is one {@link LocalInvokeException}.
   */
  private static TrackerLog read(String file, InputStream stdin, String by)
      throws LocalInvokeException {
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

  /** Parsed command line of {@code report}. */
  static final class Options {
    final List<String> files = new ArrayList<>();
    String by;
    Path html;
    boolean json;
    boolean compare;
    boolean help;
    double alpha = 0.05;
    boolean alphaGiven;

    /** NaN when not asked for. */
    double failIfSlower = Double.NaN;

    static Options parse(List<String> list) throws LocalInvokeException {
      Options o = new Options();
      Arguments args = new Arguments(list);
      while (args.next()) {
        switch (args.option()) {
          case "-h", "--help" -> o.help = true;
          case "--compare" -> o.compare = true;
          case "--by" -> o.by = args.identifier();
          case "--summary" -> o.json = args.jsonOrText();
          case "--html" -> o.html = HtmlReport.target(args.value());
          case "--alpha" -> {
            o.alpha = args.number(0, false, 1, false);
            o.alphaGiven = true;
          }
          case "--fail-if-slower" ->
              o.failIfSlower = args.number(0, true, Double.POSITIVE_INFINITY, false);
          default -> {
            if (args.isUnknownOption()) {
              throw new LocalInvokeException("unknown option " + args.option());
            }
            o.files.add(args.option());
          }
        }
      }
      if (o.help) {
        return o;
      }
      if (o.compare && o.files.size() != 2) {
        throw new LocalInvokeException("--compare needs two files, BEFORE and AFTER");
      }
      if (!o.compare && (o.alphaGiven || !Double.isNaN(o.failIfSlower))) {
        throw new LocalInvokeException(
            (o.alphaGiven ? "--alpha" : "--fail-if-slower") + " only goes with --compare");
      }
      if (!o.compare && o.files.size() > 1) {
        throw new LocalInvokeException(
            "one file per report (got " + String.join(", ", o.files) + ")");
      }
      if (o.files.stream().filter("-"::equals).count() > 1) {
        throw new LocalInvokeException("only one of BEFORE and AFTER can be standard input");
      }
      return o;
    }
  }
}
