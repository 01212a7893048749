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
  REQUEST_ID("request_id"),
  /** {@code Context.getFunctionName()}. */
  FUNCTION_NAME("function_name"),
  /** {@code Context.getFunctionVersion()}. */
  FUNCTION_VERSION("function_version"),
  /**
   * {@code true} when a caller waited for this environment's initialisation: the first invocation
   * of an on-demand process, or the first after each SnapStart restore; never with provisioned
   * concurrency or Lambda Managed Instances, which initialise ahead of requests. A JSON boolean.
   */
  COLD_START("cold_start"),
  /**
   * How Lambda initialised the environment ({@code AWS_LAMBDA_INITIALIZATION_TYPE}): {@code
   * on-demand}, {@code provisioned-concurrency}, {@code snap-start} or {@code
   * lambda-managed-instances}; absent outside Lambda.
   */
  INIT_TYPE("init_type"),
  /** The {@code Root} of the X-Ray trace header, when the invocation has one. */
  XRAY_TRACE_ID("xray_trace_id"),
  /** {@code Context.getTenantId()}: the tenant of a function in tenant isolation mode, if any. */
  TENANT_ID("tenant_id");

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
  Object read(Context context, boolean coldStart) {
    // An if per constant rather than a switch: javac 17 compiles a switch on an enum into a lookup
    // class of its own, one more class on the first invocation's path (the warm-up test of the
    // classes that invocation loads fails with one). Every constant has its own branch: one added
    // without a branch fails here, and in EveryIdentifierReadsItsOwnValueTest, instead of reading
    // another constant's value.
    if (this == COLD_START) {
      return coldStart;
    }
    if (this == INIT_TYPE) {
      return InitType.VALUE;
    }
    if (context == null) {
      return null;
    }
    if (this == REQUEST_ID) {
      return context.getAwsRequestId();
    }
    if (this == FUNCTION_NAME) {
      return context.getFunctionName();
    }
    if (this == FUNCTION_VERSION) {
      return context.getFunctionVersion();
    }
    if (this == XRAY_TRACE_ID) {
      return XrayTrace.root(context);
    }
    if (this == TENANT_ID) {
      return context.getTenantId();
    }
    throw new IllegalStateException("no reader for the identifier " + name());
  }
}
