package io.github.goblinfish.metrics.trackers.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals that run a function of the project's SAM template share ({@link InvokeMojo},
 * {@link AbMojo}): the project, the function, its event and template, the pass-through arguments
 * and the switch that skips the goal. Each goal adds its own parameters and makes the runner's
 * arguments from them.
 *
 * <pre>{@code
 * RunnerCall call = start("ab").option("--before", before).option("-e", event);
 * }</pre>
 *
 * <p>Thread-safe as its goals are: each execution has its own instance.
 */
abstract class FunctionGoal extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The function's logical id; may be left out when the template has one function. */
  @Parameter(property = "tracker.function")
  String function;

  /** The event JSON file. */
  @Parameter(property = "tracker.event")
  File event;

  /** The SAM template (for {@code ab}, the one whose function a side that is code runs). */
  @Parameter(property = "tracker.template", defaultValue = "${project.basedir}/template.yaml")
  File template;

  /**
   * Any other arguments of the runner's command, split as a shell splits them, e.g. {@code
   * --log-format JSON --init-type snap-start --no-chart}.
   */
  @Parameter(property = "tracker.args")
  String args;

  /** Skip the goal. */
  @Parameter(property = "tracker.skip", defaultValue = "false")
  boolean skip;

  /** The goal's name, as in {@code tracker-lambda:<name>}. */
  abstract String goal();

  /** The runner's arguments that this goal's parameters make. */
  abstract RunnerCall call() throws MojoExecutionException, MojoFailureException;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("tracker-lambda:" + goal() + " skipped");
      return;
    }
    call().run("tracker-lambda:" + goal());
  }

  /**
   * @param command the runner's command, none for the top one
   * @return a call holding the command, the function when named, and the template
   */
  RunnerCall start(String... command) {
    RunnerCall call = new RunnerCall().add(command);
    if (function != null && !function.isBlank()) {
      call.add(function);
    }
    return call.option("--template", template);
  }
}
