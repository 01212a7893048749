package io.github.goblinfish.metrics.trackers.local;

/**
 * A problem with the runner's input (arguments, template, event, build output), reported as one
 * line to the user with the exit code it maps to.
 *
 * <pre>{@code
 * try {
 *     FunctionSpec fn = LocalInvoke.function(Path.of("template.yaml"), "OrderFunction");
 * } catch (LocalInvokeException e) {
 *     // one line, e.g. "function 'X' not found ..."
 *     System.err.println("error: " + e.getMessage());
 *     System.exit(e.exitCode());
 * }
 * }</pre>
 *
 * <p>Immutable once thrown, like any exception.
 */
public final class LocalInvokeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Exit code for usage and input errors. */
  public static final int USAGE = 2;

  private final int exitCode;

  LocalInvokeException(String message) {
    this(message, USAGE, null);
  }

  LocalInvokeException(String message, Throwable cause) {
    this(message, USAGE, cause);
  }

  LocalInvokeException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * The process exit code this problem maps to.
   *
   * @return 2 for usage/input errors
   */
  public int exitCode() {
    return exitCode;
  }
}
