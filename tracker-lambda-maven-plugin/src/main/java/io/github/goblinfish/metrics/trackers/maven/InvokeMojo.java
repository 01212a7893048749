package io.github.goblinfish.metrics.trackers.maven;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn tracker-lambda:invoke}: runs a function of the project's SAM template locally, on the
 * real Lambda runtime interface client in a child JVM, as the runner's command line does. The
 * function's code is the project itself: its classes and runtime dependencies, laid out as Lambda
 * lays out a zip in {@code target/tracker-lambda/task} (no assembly needed), in place of the
 * template's {@code CodeUri}.
 *
 * <pre>{@code
 * mvn tracker-lambda:invoke -Dtracker.event=events/event.json -Dtracker.times=30
 * mvn tracker-lambda:invoke -Dtracker.function=OrderFunction -Dtracker.args="--concurrency 4"
 * }</pre>
 *
 * <p>The build fails when the runner exits with anything but 0 (a function error or timeout, a
 * usage or input error), with the runner's error line as its message.
 *
 * <p>Thread-safe: each execution lays out its own project's folder and starts its own runner.
 */
@Mojo(name = "invoke", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class InvokeMojo extends FunctionGoal {
  /**
   * The function's code instead of the project's own build: a folder (classes and lib/), a .jar or
   * a .zip, e.g. what {@code sam build} or an assembly made.
   */
  @Parameter(property = "tracker.codeUri")
  private File codeUri;

  /** Invocations in one runtime process, the first cold (the runner's {@code --times}). */
  @Parameter(property = "tracker.times")
  private Integer times;

  /** {@code AWS_LAMBDA_MAX_CONCURRENCY}, and invocations at once ({@code --concurrency}). */
  @Parameter(property = "tracker.concurrency")
  private Integer concurrency;

  /** {@code text} or {@code json}: the summary across the invocations ({@code --summary}). */
  @Parameter(property = "tracker.summary")
  private String summary;

  /** An identifier to group the summary by as well ({@code --by}). */
  @Parameter(property = "tracker.by")
  private String by;

  /** Print only the response or error body ({@code --quiet}). */
  @Parameter(property = "tracker.quiet", defaultValue = "false")
  private boolean quiet;

  @Override
  String goal() {
    return "invoke";
  }

  @Override
  RunnerCall call() throws MojoExecutionException, MojoFailureException {
    return start()
        .option("--code-uri", codeUri != null ? codeUri.toPath() : TaskRoot.layOut(project))
        .option("-e", event)
        .option("--times", times)
        .option("--concurrency", concurrency)
        .option("--summary", summary)
        .option("--by", by)
        .flag("--quiet", quiet)
        .passThrough(args);
  }
}
