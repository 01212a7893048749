package io.github.goblinfish.metrics.trackers.lambda;

/**
 * The identifiers a tracked handler adds to every line from the invocation's {@code Context}, each
 * with its default name. {@link HandlerConfig} renames or omits them.
 *
 * <pre>{@code
 * HandlerConfig config = HandlerConfig.builder()
 *     .identifierName(LambdaIdentifier.REQUEST_ID, "aws_request_id")
 *     .omitIdentifier(LambdaIdentifier.FUNCTION_VERSION)
 *     .build();
 * }</pre>
 *
 * <p>An enum: immutable and thread-safe.
 */
public enum LambdaIdentifier {
  /** {@code Context.getAwsRequestId()}. */
  REQUEST_ID("request_id"),
  /** {@code Context.getFunctionName()}. */
  FUNCTION_NAME("function_name"),
  /** {@code Context.getFunctionVersion()}. */
  FUNCTION_VERSION("function_version"),
  /**
   * {@code true} for the first invocation of the process (unless it was initialised for
   * provisioned concurrency), {@code false} after; a JSON boolean.
   */
  COLD_START("cold_start"),
  /** The {@code Root} of the X-Ray trace header, when the invocation has one. */
  XRAY_TRACE_ID("xray_trace_id");

  private final String defaultName;

  LambdaIdentifier(String defaultName) {
    this.defaultName = defaultName;
  }

  /**
   * Returns the key this identifier has in the line unless renamed.
   *
   * @return the default key, such as {@code request_id}
   */
  public String defaultName() {
    return defaultName;
  }
}
