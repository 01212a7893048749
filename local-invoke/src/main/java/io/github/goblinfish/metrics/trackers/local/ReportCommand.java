package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Exit code 0 when every event that looks like a tracker line was read, 1 when some could not be
 * (they are counted and named) or when there is no tracker line at all, 2 for usage and file
 * errors.
 *
 * <p>Stateless and thread-safe.
 */
final class ReportCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: invoke report [FILE|-] [--by IDENTIFIER] [--summary text|json]",
          "       invoke report --compare BEFORE AFTER [--by IDENTIFIER] [--summary text|json]",
          "  FILE               saved log output: raw tracker lines, Lambda's JSON log format,",
          "                     sam logs output, or a Logs Insights export (CSV or JSON) holding",
          "                     @message; '-' (or nothing, when piped) reads standard input",
          "  --by IDENTIFIER    group by the value of an identifier as well (function_name,",
          "                     cold_start, init_type, ...)",
          "  --compare B A      each step's p50 and p99 in A against B",
          "  --summary F        text (default) or json",
          "exit code: 0 every tracker line read, 1 unreadable lines or none at all, 2 usage or"
              + " file error");

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
      TrackerLog log = TrackerLog.read(read(file, stdin));
      Summary summary = Summary.of(log.observations(), options.by);
      if (options.json) {
        out.print(SummaryJson.render(summary, log.unreadable()));
      } else {
        out.print(SummaryText.render(summary));
        out.println();
        out.println(readNote(name(file), log));
      }
      if (log.observations().isEmpty()) {
        err.println("error: no tracker line in " + TerminalText.oneLine(name(file)));
        return 1;
      }
      return log.unreadable().isEmpty() ? 0 : 1;
    } catch (LocalInvokeException e) {
      err.println("error: " + TerminalText.message(e.getMessage()));
      return e.exitCode();
    }
  }

  private static int compare(Options options, InputStream stdin, PrintStream out, PrintStream err)
      throws LocalInvokeException {
    String beforeFile = options.files.get(0);
    String afterFile = options.files.get(1);
    TrackerLog before = TrackerLog.read(read(beforeFile, stdin));
    TrackerLog after = TrackerLog.read(read(afterFile, stdin));
    Comparison comparison =
        Comparison.of(
            Summary.of(before.observations(), options.by),
            Summary.of(after.observations(), options.by));
    if (options.json) {
      out.print(ComparisonJson.render(comparison, before.unreadable(), after.unreadable()));
    } else {
      out.print(ComparisonText.render(comparison, name(beforeFile), name(afterFile)));
      out.println();
      out.println(readNote(name(beforeFile), before));
      out.println(readNote(name(afterFile), after));
    }
    boolean empty = false;
    for (var side : List.of(Map.entry(beforeFile, before), Map.entry(afterFile, after))) {
      if (side.getValue().observations().isEmpty()) {
        err.println("error: no tracker line in " + TerminalText.oneLine(name(side.getKey())));
        empty = true;
      }
    }
    return empty || !before.unreadable().isEmpty() || !after.unreadable().isEmpty() ? 1 : 0;
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
            .append(SummaryText.plural(log.observations().size(), "tracker line"))
            .append(", ")
            .append(SummaryText.plural(log.reports(), "REPORT event"))
            .append(", ")
            .append(SummaryText.plural(log.others(), "other event"));
    List<TrackerLog.Problem> unreadable = log.unreadable();
    if (!unreadable.isEmpty()) {
      note.append("; ")
          .append(unreadable.size())
          .append(" unreadable: ")
          .append(
              unreadable.stream()
                  .limit(NAMED)
                  .map(p -> p.where() + " (" + p.reason() + ")")
                  .collect(Collectors.joining(", ")));
      if (unreadable.size() > NAMED) {
        note.append(" and ").append(unreadable.size() - NAMED).append(" more");
      }
    }
    return note.toString();
  }

  private static String name(String file) {
    return file.equals("-") ? "standard input" : file;
  }

  /**
   * The whole input as text; bytes that are not UTF-8 become U+FFFD, as a log viewer shows them.
   */
  private static String read(String file, InputStream stdin) throws LocalInvokeException {
    try {
      if (file.equals("-")) {
        if (stdin == null) {
          throw new LocalInvokeException(
              "name a file of tracker lines, or pipe them in (see ./invoke report --help)");
        }
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new LocalInvokeException("file " + file + " not found");
    } catch (IOException e) {
      throw new LocalInvokeException("cannot read " + name(file) + ": " + e.getMessage(), e);
    }
  }

  /** Parsed command line of {@code report}. */
  static final class Options {
    final List<String> files = new ArrayList<>();
    String by;
    boolean json;
    boolean compare;
    boolean help;

    static Options parse(List<String> list) throws LocalInvokeException {
      Options o = new Options();
      Arguments args = new Arguments(list);
      while (args.next()) {
        switch (args.option()) {
          case "-h", "--help" -> o.help = true;
          case "--compare" -> o.compare = true;
          case "--by" -> o.by = args.identifier();
          case "--summary" -> o.json = args.jsonOrText();
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
