package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * A check the README promises that needs a tool from outside the JDK, such as {@code cfn-lint} or
 * {@code make}. Where the tool is missing, the check fails in CI ({@code CI=true}), where the tool
 * is installed; on a developer's machine it is skipped, saying which check and why.
 */
final class RequiredCheck {
  private RequiredCheck() {}

  /**
   * Fails (in CI) or skips (elsewhere) the calling test because {@code check} cannot run.
   *
   * @param check what the skipped test proves, as a reader of the test report needs it
   * @param why what is missing, and how to get it
   */
  static void unavailable(String check, String why) {
    unavailable(check, why, System.getenv("CI"));
  }

  /** As {@link #unavailable(String, String)}, with the value of {@code CI} given. */
  static void unavailable(String check, String why, String ci) {
    String message = "SKIPPED: " + check + ". Reason: " + why;
    if ("true".equalsIgnoreCase(ci)) {
      fail(message + ". With CI=true a skipped check fails the build.");
    }
    System.err.println(message);
    Assumptions.abort(message);
  }
}
