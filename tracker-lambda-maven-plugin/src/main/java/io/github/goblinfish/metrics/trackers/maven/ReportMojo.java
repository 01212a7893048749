package io.github.goblinfish.metrics.trackers.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn tracker-lambda:report}: summarises saved tracker lines (a Logs Insights export, JSON
 * lines or CloudWatch log events), or compares two runs, as the runner's {@code report} command
 * does.
 *
 * <pre>{@code
 * mvn tracker-lambda:report -Dtracker.input=logs-insights-results.csv -Dtracker.by=service
 * mvn tracker-lambda:report -Dtracker.before=before.csv -Dtracker.after=after.csv
 * }</pre>
 *
 * <p>The build fails when the command exits with anything but 0, with its error line as message.
 *
 * <p>Thread-safe: each execution starts its own report.
 */
@Mojo(name = "report", requiresProject = false, threadSafe = true)
public class ReportMojo extends AbstractMojo {
  /** The saved lines to summarise. */
  @Parameter(property = "tracker.input")
  private File input;

  /** The lines before a change, to compare with {@code after} ({@code --compare}). */
  @Parameter(property = "tracker.before")
  private File before;

  /** The lines after a change, to compare with {@code before} ({@code --compare}). */
  @Parameter(property = "tracker.after")
  private File after;

  /** {@code text} or {@code json} ({@code --summary}). */
  @Parameter(property = "tracker.summary")
  private String summary;

  /** An identifier to group by as well ({@code --by}). */
  @Parameter(property = "tracker.by")
  private String by;

  /** Any other arguments of the report command, separated by white space. */
  @Parameter(property = "tracker.args")
  private String args;

  @Override
  public void execute() throws MojoFailureException {
    call().run("tracker-lambda:report");
  }

  /** The runner's arguments that this goal's parameters make. */
  RunnerCall call() throws MojoFailureException {
    RunnerCall call = new RunnerCall().add("report");
    if (input != null) {
      call.add(input.getPath());
    }
    if (before != null || after != null) {
      call.add("--compare", String.valueOf(before), String.valueOf(after));
    }
    return call.option("--summary", summary).option("--by", by).passThrough(args);
  }
}
