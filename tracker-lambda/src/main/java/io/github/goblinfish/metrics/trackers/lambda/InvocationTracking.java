package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.util.Objects;

/**
 * What every tracked handler does per invocation: a fresh run of a tracker that writes to the
 * invocation's logger, with the automatic identifiers set first. Holds no per-invocation state.
 */
final class InvocationTracking {
  private final HandlerConfig config;
  private final String entryName;
  // The configured identifiers as arrays: walking them costs no iterator or entry per invocation.
  private final LambdaIdentifier[] identifiers;
  private final String[] identifierNames;
  /** The tracker of a configured output; null when lines go to each invocation's logger. */
  private final ProcessTracker configuredTracker;
  /** The tracker of the logger seen last: on Lambda every invocation has the same logger. */
  private volatile LoggerTracker loggerTracker;

  InvocationTracking(HandlerConfig config, Class<?> handlerClass) {
    this.config = Objects.requireNonNull(config, "config");
    String simpleName = handlerClass.getSimpleName();
    this.entryName =
        config.entryName().orElse(simpleName.isEmpty() ? handlerClass.getName() : simpleName);
    this.identifiers = config.identifierNames().keySet().toArray(new LambdaIdentifier[0]);
    this.identifierNames = config.identifierNames().values().toArray(new String[0]);
    this.configuredTracker =
        config.output() == null
            ? null
            : ProcessTracker.builder()
                .output(config.output())
                .ticker(config.ticker())
                .format(config.format())
                .build();
  }

  String entryName() {
    return entryName;
  }

  /**
   * The tracker of an invocation with this context; each base class runs its body as a run of it,
   * calling {@link #identify} first inside the body, so one lambda per invocation does both.
   */
  ProcessTracker trackerFor(Context context) {
    if (configuredTracker != null) {
      return configuredTracker;
    }
    return loggerTracker(context);
  }

  /** Sets the automatic identifiers of the run just started on this thread. */
  void identify(ProcessTracker tracker, Context context) {
    setIdentifiers(tracker, context, ColdStart.take());
  }

  private void setIdentifiers(ProcessTracker tracker, Context context, boolean coldStart) {
    for (int i = 0; i < identifiers.length; i++) {
      Object value;
      try {
        value = identifiers[i].read(context, coldStart);
      } catch (RuntimeException brokenContext) {
        // A hand-made or mocked Context may throw from getters it does not support; the invocation
        // goes on without that identifier.
        continue;
      }
      if (value instanceof Boolean) {
        tracker.setIdentifier(identifierNames[i], (boolean) (Boolean) value);
      } else if (value != null) {
        tracker.setIdentifier(identifierNames[i], (String) value);
      }
    }
  }

  private ProcessTracker loggerTracker(Context context) {
    LambdaLogger logger = loggerOf(context);
    LoggerTracker last = loggerTracker;
    if (last != null && last.logger == logger) {
      return last.tracker;
    }
    // The line goes out as bytes: in Lambda's JSON log format the runtime client wraps every
    // log(String) message into {"message":"<escaped>"}, hiding the line's fields from Logs
    // Insights, while log(byte[]) goes out as it is, so the CloudWatch event IS the JSON object in
    // both Text and JSON formats. The trailing newline keeps lines apart where the logger falls
    // back to standard output, which Lambda splits into events at line breaks.
    ProcessTracker tracker =
        ProcessTracker.builder()
            .utf8Output(logger::log)
            .ticker(config.ticker())
            .format(config.format())
            .build();
    loggerTracker = new LoggerTracker(logger, tracker);
    return tracker;
  }

  private static LambdaLogger loggerOf(Context context) {
    LambdaLogger logger = null;
    if (context != null) {
      try {
        logger = context.getLogger();
      } catch (RuntimeException brokenContext) {
        logger = null;
      }
    }
    return logger != null ? logger : LambdaRuntime.getLogger();
  }

  private static final class LoggerTracker {
    final LambdaLogger logger;
    final ProcessTracker tracker;

    LoggerTracker(LambdaLogger logger, ProcessTracker tracker) {
      this.logger = logger;
      this.tracker = tracker;
    }
  }
}
