package io.github.goblinfish.metrics.trackers.local;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./invoke FUNCTION ...} (and {@code ./invoke invoke FUNCTION ...}): runs a function of a
 * SAM template on the real runtime interface client, prints each invocation as Lambda logs it, the
 * response and a breakdown of the tracker line, and for more than one invocation a summary.
 *
 * <pre>{@code
 * int exit = LocalInvoke.run(List.of("OrderFunction", "-e", "events/order.json"), out, err);
 * }</pre>
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    sortOptions = false,
    description = {
      "Runs a function of a SAM template locally without Docker, on the real Lambda runtime"
          + " interface client in a child JVM, and shows where each invocation's time went."
    },
    footerHeading = "%n",
    footer = {
      "A function whose logical id is the name of a command (invoke, report, compare, ab, help) is"
          + " named after the invoke command: invoke invoke report -e event.json."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every invocation succeeded",
      "1:a function error or timeout, or a broken log stream",
      "2:a usage or input error, as one line on standard error, before anything runs"
    })
final class InvokeCommand implements Callable<Integer> {
  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;

  @Mixin private FunctionOptions function;

  @Mixin private InvocationCounts counts;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      converter = InvocationCounts.PositiveWholeNumber.class,
      description =
          "Sets AWS_LAMBDA_MAX_CONCURRENCY=N and sends N invocations at once (--times"
              + " then gives the total).")
  private int concurrency;

  @Option(
      names = {"-q", "--quiet"},
      description = "Prints only the response (or error) body.")
  private boolean quiet;

  @Option(names = "--no-chart", description = "Leaves out the tracker line's breakdown.")
  private boolean noChart;

  @Mixin private OutputOptions output;

  /**
   * @param stdin standard input when it is piped, else null
   * @param out where the report goes
   * @param err where warnings and errors go
   */
  InvokeCommand(InputStream stdin, PrintStream out, PrintStream err) {
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws LocalInvokeException {
    // Usage errors first, before any file is read.
    function.functionId();
    counts.check(concurrency > 0);
    FunctionSpec fn;
    String event;
    try {
      fn = function.spec(err);
      event = function.event(stdin);
    } catch (RuntimeException e) {
      // Whatever else the template or event can make fail is still bad input: one line, no trace.
      throw new LocalInvokeException(
          "cannot use " + function.template() + ": " + String.valueOf(e), e);
    }
    int total = counts.times() > 0 ? counts.times() : Math.max(1, concurrency);
    boolean json = output.json();
    if (!quiet && !json) {
      out.println(heading(fn));
    }
    if (counts.coldStarts() > 0) {
      return ColdStarts.run(
          fn, event, counts.coldStarts(), output.summary(), output.by(), output.html(), out, err);
    }
    RunResult result = LocalInvoke.invoke(fn, List.of(event), total, concurrency);
    if (!json) {
      Report.print(result, fn, quiet, !noChart, out);
    }
    boolean textSummary = output.summary() != null || (total > 1 && !quiet);
    if (textSummary || output.html() != null) {
      RunObservations read = RunObservations.of(result);
      Summary summary = Summary.of(read.observations(), output.by());
      if (json) {
        out.print(SummaryJson.render(summary, read.unreadable()));
      } else if (textSummary) {
        out.println();
        out.print(SummaryText.render(summary));
      }
      if (output.html() != null) {
        HtmlReport.write(
            output.html(), HtmlReportData.of(summary, List.of(runNote(fn, total, read))));
      }
    }
    for (Invocation inv : result.invocations()) {
      if (!inv.succeeded()) {
        err.println(
            "error: "
                + TerminalText.oneLine(fn.name())
                + " request "
                + inv.requestId()
                + " failed: "
                + Report.errorSummary(inv));
      }
    }
    for (String problem : result.problems()) {
      err.println("error: " + TerminalText.message(problem));
    }
    return result.exitCode();
  }

  /** The first line: what runs, from where, on what. */
  private String heading(FunctionSpec fn) {
    return "Invoking "
        + TerminalText.oneLine(fn.name())
        + " ("
        + TerminalText.oneLine(fn.handler())
        + ") from "
        + function.template()
        + ": "
        + TerminalText.oneLine(fn.runtime())
        + " on local JDK "
        + Runtime.version().feature()
        + ", "
        + fn.memoryMb()
        + " MB, timeout "
        + LocalInvoke.seconds(fn.timeout().toMillis())
        + " s, "
        + fn.logFormat()
        + " logs"
        + (concurrency > 0 ? ", AWS_LAMBDA_MAX_CONCURRENCY=" + concurrency : "");
  }

  /** What the HTML report of a local run says was read. */
  private static String runNote(FunctionSpec fn, int total, RunObservations read) {
    return "Ran "
        + fn.name()
        + " locally: "
        + SummaryText.plural(total, "invocation")
        + ", "
        + SummaryText.plural(read.observations().size(), "tracker line")
        + (read.unreadable().isEmpty()
            ? ""
            : ", " + read.unreadable().size() + " that could not be summarised");
  }
}
