package io.github.goblinfish.metrics.trackers.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerCallTest {
  @Test
  void parametersBecomeTheCommandLinesOptionsAndUnsetOnesAreLeftOut() throws Exception {
    RunnerCall call =
        new RunnerCall()
            .add("QueueFunction")
            .option("--template", Path.of("template.yaml"))
            .option("-e", null)
            .option("--times", 30)
            .option("--by", " ")
            .flag("--quiet", false)
            .flag("--no-chart", true)
            .passThrough("  --concurrency 2\t--log-format JSON ");
    assertEquals(
        List.of(
            "QueueFunction",
            "--template",
            "template.yaml",
            "--times",
            "30",
            "--no-chart",
            "--concurrency",
            "2",
            "--log-format",
            "JSON"),
        call.arguments());
  }

  @Test
  void aNonZeroExitFailsTheBuildWithTheRunnersErrorLine(@TempDir Path dir) {
    Path template = dir.resolve("template.yaml");
    MojoFailureException e =
        assertThrows(
            MojoFailureException.class,
            () -> new RunnerCall().option("--template", template).run("tracker-lambda:invoke"));
    assertEquals(
        "tracker-lambda:invoke exited with 2: error: template "
            + template
            + " not found (use --template to point at one)",
        e.getMessage());
  }

  @Test
  void anUnknownPassThroughOptionFailsTheBuild() {
    MojoFailureException e =
        assertThrows(
            MojoFailureException.class,
            () -> new RunnerCall().passThrough("--no-such-option").run("tracker-lambda:invoke"));
    assertEquals(
        "tracker-lambda:invoke exited with 2: error: unknown option --no-such-option",
        e.getMessage());
  }

  @Test
  void passThroughArgumentsAreSplitAsAShellSplitsThemSoQuotesKeepSpaces() throws Exception {
    RunnerCall call =
        new RunnerCall().passThrough("--html \"my report.html\" --by 'tenant id' --no-chart");
    assertEquals(
        List.of("--html", "my report.html", "--by", "tenant id", "--no-chart"), call.arguments());
  }

  @Test
  void aQuoteLeftOpenInThePassThroughArgumentsFailsTheBuildBeforeAnythingRuns() {
    MojoFailureException e =
        assertThrows(
            MojoFailureException.class, () -> new RunnerCall().passThrough("--html \"my report"));
    assertEquals(
        "tracker.args cannot be split into arguments: unbalanced quotes in --html \"my report",
        e.getMessage());
  }
}
