package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/** Finds the Root of an invocation's X-Ray trace header: what the X-Ray console searches by. */
final class XrayTrace {
  /** Several invocations in flight at once: only the Context then knows an invocation's trace. */
  private static final boolean CONCURRENT = System.getenv("AWS_LAMBDA_MAX_CONCURRENCY") != null;

  private XrayTrace() {}

  static String root(Context context) {
    String header = context.getXrayTraceId();
    if (header == null && !CONCURRENT) {
      // Runtime clients older than core 1.4.0's Context.getXrayTraceId() publish the header of the
      // one invocation in flight here; with several invocations in flight only the Context is safe.
      header = System.getProperty("com.amazonaws.xray.traceHeader");
    }
    if (header == null || header.isBlank()) {
      return null;
    }
    for (String part : header.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith("Root=")) {
        return trimmed.substring("Root=".length());
      }
    }
    return header.contains("=") ? null : header.trim();
  }
}
