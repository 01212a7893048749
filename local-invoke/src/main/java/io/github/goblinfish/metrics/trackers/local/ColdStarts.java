package io.github.goblinfish.metrics.trackers.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./invoke --cold-starts N}: N fresh cold starts of one function, each a new runtime process
 * with one invocation, summarised together, since one cold start is one sample. Each prints its
 * REPORT line; the summary's cold group then gives the p50 and p90 of every part of the start.
 *
 * <pre>{@code
 * int exit = ColdStarts.run(fn, event, 10, "text", null, out, err);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class ColdStarts {
  private ColdStarts() {}

  /**
   * @param fn the function
   * @param event its event
   * @param n how many cold starts
   * @param summary {@code json} for the JSON summary alone, else the text one
   * @param by an identifier to group by as well, or null
   * @param html where to write the summary as an HTML page too, or null
   * @param out where the REPORT lines and the summary go
   * @param err where the failures go
   * @return 0 when every invocation succeeded, else the first failing run's exit code
   * @throws LocalInvokeException if the function or event is unusable
   */
  static int run(
      FunctionSpec fn,
      String event,
      int n,
      String summary,
      String by,
      Path html,
      PrintStream out,
      PrintStream err)
      throws LocalInvokeException {
    boolean json = "json".equals(summary);
    List<Observation> observations = new ArrayList<>();
    List<TrackerLog.Problem> unreadable = new ArrayList<>();
    int exit = 0;
    for (int i = 1; i <= n; i++) {
      RunResult result = LocalInvoke.invoke(fn, List.of(event), 1, 0);
      for (Invocation inv : result.invocations()) {
        if (!json) {
          out.println("cold start " + i + " of " + n + ": " + Report.reportLine(inv, fn));
        }
        if (!inv.succeeded()) {
          err.println(
              "error: cold start "
                  + i
                  + ": request "
                  + inv.requestId()
                  + " failed: "
                  + Report.errorSummary(inv));
        }
      }
      result.problems().forEach(p -> err.println("error: " + TerminalText.message(p)));
      RunObservations read = RunObservations.of(result);
      observations.addAll(read.observations());
      unreadable.addAll(read.unreadable());
      if (exit == 0) {
        exit = result.exitCode();
      }
    }
    Summary summarised = Summary.of(observations, by);
    if (json) {
      out.print(SummaryJson.render(summarised, unreadable));
    } else {
      out.println();
      out.print(SummaryText.render(summarised));
    }
    if (html != null) {
      HtmlReport.write(
          html,
          HtmlReportData.of(
              summarised,
              List.of(
                  "Ran "
                      + fn.name()
                      + " locally: "
                      + SummaryText.plural(n, "fresh cold start")
                      + ", "
                      + SummaryText.plural(observations.size(), "tracker line"))));
    }
    return exit;
  }
}
