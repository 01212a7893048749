package io.github.goblinfish.metrics.trackers.maven;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn tracker-lambda:ab}: a saved build of a function of the project's SAM template against
 * the project's own build, side by side under the same load, as the runner's {@code ab} command
 * runs them. The project's build, laid out as the {@code invoke} goal lays it out in {@code
 * target/tracker-lambda/task} (compiled first), is the side left out: the after side when only
 * {@code before} is given.
 *
 * <pre>{@code
 * mvn tracker-lambda:ab -Dtracker.before=../saved-build -Dtracker.event=events/event.json
 * mvn tracker-lambda:ab -Dtracker.before=old.zip -Dtracker.failIfSlower=10
 * }</pre>
 *
 * <p>The build fails when the runner exits with anything but 0 (an invocation failed, a usage or
 * input error, or a figure slower than {@code failIfSlower} allows), with its error line as its
 * message.
 *
 * <p>Thread-safe: each execution lays out its own project's folder and starts its own runner.
 */
@Mojo(name = "ab", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class AbMojo extends FunctionGoal {
  /**
   * The build before the change: a template, or the function's code (a folder of classes and lib/,
   * a .jar or a .zip). Left out, it is the project's own build.
   */
  @Parameter(property = "tracker.before")
  private File before;

  /** The build after the change, as {@code before}. Left out, it is the project's own build. */
  @Parameter(property = "tracker.after")
  private File after;

  /** Invocations per side ({@code --times}; the runner's default is 20). */
  @Parameter(property = "tracker.times")
  private Integer times;

  /** Runtimes per side that the invocations are spread over ({@code --runtimes}; default 4). */
  @Parameter(property = "tracker.runtimes")
  private Integer runtimes;

  /** Pairs of fresh cold starts instead ({@code --cold-starts}). */
  @Parameter(property = "tracker.coldStarts")
  private Integer coldStarts;

  /** {@code text} or {@code json}: the comparison ({@code --summary}). */
  @Parameter(property = "tracker.summary")
  private String summary;

  /** An identifier to group by as well ({@code --by}). */
  @Parameter(property = "tracker.by")
  private String by;

  /** The significance level of each test ({@code --alpha}). */
  @Parameter(property = "tracker.alpha")
  private Double alpha;

  /** Fail the build when a step's median slowed by more than this percentage, significantly. */
  @Parameter(property = "tracker.failIfSlower")
  private Double failIfSlower;

  /** Where to write the comparison as an HTML page too ({@code --html}). */
  @Parameter(property = "tracker.html")
  private File html;

  @Override
  String goal() {
    return "ab";
  }

  @Override
  RunnerCall call() throws MojoExecutionException, MojoFailureException {
    RunnerCall call = start("ab").option("--before", before).option("--after", after);
    if (before == null || after == null) {
      // The runner's --code-uri is the code of the side left out.
      call.option("--code-uri", projectBuild());
    }
    return call.option("-e", event)
        .option("--times", times)
        .option("--runtimes", runtimes)
        .option("--cold-starts", coldStarts)
        .option("--summary", summary)
        .option("--by", by)
        .option("--alpha", alpha)
        .option("--fail-if-slower", failIfSlower)
        .option("--html", html)
        .passThrough(args);
  }

  /**
   * The project's build, laid out anew; a side inside that folder would be overwritten by it, and
   * the run would compare the build with itself.
   */
  private Path projectBuild() throws MojoExecutionException, MojoFailureException {
    Path root = TaskRoot.of(project).toAbsolutePath().normalize();
    for (File side : new File[] {before, after}) {
      if (side != null && side.toPath().toAbsolutePath().normalize().startsWith(root)) {
        throw new MojoFailureException(
            side
                + " is in "
                + root
                + ", which tracker-lambda:ab lays out anew with the project's build: copy the"
                + " build to compare somewhere else first");
      }
    }
    return TaskRoot.layOut(project);
  }
}
