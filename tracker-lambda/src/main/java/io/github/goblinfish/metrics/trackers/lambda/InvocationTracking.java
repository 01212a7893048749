package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/** What every tracked handler does per invocation: a fresh tracker, its identifiers, its output. */
final class InvocationTracking {
  /** Several invocations in flight at once: only the Context then knows an invocation's trace. */
  private static final boolean CONCURRENT = System.getenv("AWS_LAMBDA_MAX_CONCURRENCY") != null;

  private final HandlerConfig config;
  private final String entryName;
  // The configured identifiers as arrays: walking them costs no iterator or entry per invocation.
  private final LambdaIdentifier[] identifiers;
  private final String[] identifierNames;

  InvocationTracking(HandlerConfig config, Class<?> handlerClass) {
    this.config = Objects.requireNonNull(config, "config");
    String simpleName = handlerClass.getSimpleName();
    this.entryName =
        config.entryName().orElse(simpleName.isEmpty() ? handlerClass.getName() : simpleName);
    this.identifiers = config.identifierNames().keySet().toArray(new LambdaIdentifier[0]);
    this.identifierNames = config.identifierNames().values().toArray(new String[0]);
  }

  String entryName() {
    return entryName;
  }

  /** A new tracker for one invocation, with the automatic identifiers already set. */
  ProcessTracker start(Context context) {
    Consumer<String> output = config.output() != null ? config.output() : loggerOutput(context);
    ProcessTracker tracker =
        ProcessTracker.builder().output(output).ticker(config.ticker()).format(config.format()).build();
    boolean coldStart = ColdStart.take();
    for (int i = 0; i < identifiers.length; i++) {
      if (identifiers[i] == LambdaIdentifier.COLD_START) {
        tracker.setIdentifier(identifierNames[i], coldStart);
      } else if (context != null) {
        String value = read(identifiers[i], context);
        if (value != null) {
          tracker.setIdentifier(identifierNames[i], value);
        }
      }
    }
    return tracker;
  }

  private static String read(LambdaIdentifier identifier, Context context) {
    try {
      switch (identifier) {
        case REQUEST_ID:
          return context.getAwsRequestId();
        case FUNCTION_NAME:
          return context.getFunctionName();
        case FUNCTION_VERSION:
          return context.getFunctionVersion();
        default:
          return traceRoot(context);
      }
    } catch (RuntimeException brokenContext) {
      // A hand-made or mocked Context may throw from getters it does not support; the invocation
      // goes on without that identifier.
      return null;
    }
  }

  /** The Root of the invocation's X-Ray header: what the X-Ray console searches by. */
  static String traceRoot(Context context) {
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

  /**
   * The invocation's logger as the line's output. It writes bytes, not a String: in Lambda's JSON
   * log format the runtime client wraps every {@code log(String)} message into
   * {@code {"message":"<escaped>"}}, hiding the line's fields from Logs Insights, while
   * {@code log(byte[])} goes out as it is, so the CloudWatch event IS the JSON object in both Text
   * and JSON formats. The trailing newline keeps lines apart where the logger falls back to
   * standard output, which Lambda splits into events at line breaks.
   */
  static Consumer<String> loggerOutput(Context context) {
    LambdaLogger logger = null;
    if (context != null) {
      try {
        logger = context.getLogger();
      } catch (RuntimeException brokenContext) {
        logger = null;
      }
    }
    LambdaLogger chosen = logger != null ? logger : LambdaRuntime.getLogger();
    return line -> chosen.log((line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
