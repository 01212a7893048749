package io.github.goblinfish.metrics.trackers.lambda;

/**
 * How Lambda initialised this execution environment, from {@code AWS_LAMBDA_INITIALIZATION_TYPE}:
 * {@code on-demand}, {@code provisioned-concurrency}, {@code snap-start} or {@code
 * lambda-managed-instances}; null outside Lambda. Read once: it describes the process.
 */
final class InitType {
  static final String VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
  static final String ON_DEMAND = "on-demand";
  static final String PROVISIONED_CONCURRENCY = "provisioned-concurrency";
  static final String SNAP_START = "snap-start";
  static final String MANAGED_INSTANCES = "lambda-managed-instances";

  /** This process's initialisation type, or null when the variable is not set. */
  static final String VALUE = blankToNull(System.getenv(VARIABLE));

  private InitType() {}

  /**
   * Whether Lambda initialises environments of this type before any request is routed to them, so
   * that no caller ever waits for an initialisation: then no invocation is a cold start.
   */
  static boolean initialisedAheadOfRequests(String type) {
    return PROVISIONED_CONCURRENCY.equals(type) || MANAGED_INSTANCES.equals(type);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
