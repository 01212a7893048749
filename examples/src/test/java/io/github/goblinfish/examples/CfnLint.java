package io.github.goblinfish.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code cfn-lint} (which applies the SAM transform before it checks the resources) on
 * templates and reads its findings. Where {@code cfn-lint} is not installed, the calling check goes
 * through {@link RequiredCheck#unavailable}.
 */
final class CfnLint {
  static final String COMMAND = "cfn-lint";

  /**
   * One finding of {@code --format parseable}: {@code file:line:col:endLine:endCol:rule:message}.
   */
  record Finding(Path template, String rule, String message) {
    static Finding parse(String line) {
      // The path may itself hold no colon (a temporary folder or the repository root).
      String[] parts = line.split(":", 7);
      if (parts.length != 7) {
        throw new IllegalStateException("not a cfn-lint finding: " + line);
      }
      return new Finding(Path.of(parts[0]), parts[5], parts[6]);
    }
  }

  private CfnLint() {}

  /** The findings for {@code templates}, in cfn-lint's order; empty for clean templates. */
  static List<Finding> lint(String check, List<Path> templates)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(COMMAND, "--format", "parseable", "--"));
    templates.forEach(template -> command.add(template.toString()));
    Path errors = Files.createTempFile("cfn-lint", ".err");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    } catch (IOException notInstalled) {
      Files.delete(errors);
      RequiredCheck.unavailable(
          check,
          COMMAND
              + " is not installed ("
              + notInstalled.getMessage()
              + "); install it with: pip install cfn-lint");
      throw new AssertionError("unreachable");
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    String errorOutput = Files.readString(errors);
    Files.delete(errors);
    if (!finished) {
      process.destroyForcibly();
      throw new IllegalStateException(COMMAND + " did not finish: " + output + errorOutput);
    }
    // Bits of the exit code: 2 errors, 4 warnings, 8 informational findings; 1 (or anything
    // larger) means cfn-lint itself failed.
    int exit = process.exitValue();
    if ((exit & 1) != 0 || exit > 15) {
      throw new IllegalStateException(
          COMMAND + " failed with exit code " + exit + ": " + output + errorOutput);
    }
    List<Finding> findings = new ArrayList<>();
    output
        .lines()
        .filter(line -> !line.isBlank())
        .forEach(line -> findings.add(Finding.parse(line)));
    if (exit != 0 && findings.isEmpty()) {
      throw new IllegalStateException(COMMAND + " exited " + exit + " without findings: " + output);
    }
    return findings;
  }
}
