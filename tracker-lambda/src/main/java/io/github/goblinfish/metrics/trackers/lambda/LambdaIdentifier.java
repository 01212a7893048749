package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * The identifiers a tracked handler adds to every line, each with its default name and the way it
 * reads its value from the invocation. {@link HandlerConfig} renames or omits them.
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
  REQUEST_ID("request_id") {
    @Override
    Object read(Context context, boolean coldStart) {
      return context == null ? null : context.getAwsRequestId();
    }
  },
  /** {@code Context.getFunctionName()}. */
  FUNCTION_NAME("function_name") {
    @Override
    Object read(Context context, boolean coldStart) {
      return context == null ? null : context.getFunctionName();
    }
  },
  /** {@code Context.getFunctionVersion()}. */
  FUNCTION_VERSION("function_version") {
    @Override
    Object read(Context context, boolean coldStart) {
      return context == null ? null : context.getFunctionVersion();
    }
  },
  /**
   * {@code true} for the first invocation of the process (unless it was initialised for
   * provisioned concurrency), {@code false} after; a JSON boolean.
   */
  COLD_START("cold_start") {
    @Override
    Object read(Context context, boolean coldStart) {
      return coldStart;
    }
  },
  /** The {@code Root} of the X-Ray trace header, when the invocation has one. */
  XRAY_TRACE_ID("xray_trace_id") {
    @Override
    Object read(Context context, boolean coldStart) {
      return context == null ? null : XrayTrace.root(context);
    }
  };

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

  /**
   * This identifier's value for one invocation: a String, a Boolean, or null when the invocation
   * has none. The Context may be null.
   */
  abstract Object read(Context context, boolean coldStart);
}
