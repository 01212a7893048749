package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/runner.md's command-line reference is each command's {@code --help}, generated from the
 * command line's annotations: the one source of the option list. {@code ./mvnw -B -pl local-invoke
 * -am verify -Dtest=TheDocsShowTheGeneratedHelpTest -Dsurefire.failIfNoSpecifiedTests=false
 * -DskipITs -Dusage.update=true} rewrites the reference.
 */
class TheDocsShowTheGeneratedHelpTest {
  private static final Path RUNNER = Path.of("..", "docs", "runner.md");
  private static final String END = "<!-- /usage -->";

  /**
   * @param command {@code invoke} for the top of the command line ({@code ./invoke --help}), else
   *     the command's name
   */
  @ParameterizedTest
  @ValueSource(strings = {"invoke", "report", "compare", "ab"})
  void theRunnerPageShowsTheCommandsHelpAsGenerated(String command) throws Exception {
    String help =
        command.equals("invoke")
            ? CommandRun.of(null, java.util.List.of("--help")).out()
            : CommandRun.of(null, java.util.List.of(command, "--help")).out();
    String generated = "\n```\n" + help + "```\n";
    String start = "<!-- usage: " + command + " -->";
    String document = Files.readString(RUNNER, StandardCharsets.UTF_8);
    int from = document.indexOf(start);
    int to = from < 0 ? -1 : document.indexOf(END, from);
    if (from < 0 || to < 0) {
      fail(RUNNER + " has no section between " + start + " and " + END);
    }
    String section = document.substring(from + start.length(), to);
    if (Boolean.getBoolean("usage.update")) {
      Files.writeString(
          RUNNER,
          document.substring(0, from + start.length()) + generated + document.substring(to),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        generated,
        section,
        "docs/runner.md's help of "
            + command
            + " differs from the generated one; run this test with -Dusage.update=true to rewrite"
            + " it");
  }
}
