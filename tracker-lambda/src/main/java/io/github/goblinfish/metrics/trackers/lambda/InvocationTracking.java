package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.internal.InitClock;
import java.util.Objects;
import java.util.function.Consumer;

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

  /**
   * Starts the timeout watch's thread if the configuration has a margin: while the runtime
   * initialises, not on the first invocation's path.
   *
   * @param handlerClass the handler's class, which names the entry unless the configuration does
   */
  InvocationTracking(HandlerConfig config, Class<?> handlerClass) {
    // A no-op when the handler's constructor marked it before building its configuration.
    InitClock.constructionStarted();
    this.config = Objects.requireNonNull(config, "config");
    this.entryName = config.entryName().orElse(stableName(handlerClass));
    this.identifiers = config.identifiers();
    this.identifierNames = config.identifierKeys();
    this.configuredTracker =
        config.output() == null
            ? null
            : ProcessTracker.builder()
                .output(config.output())
                .ticker(config.ticker())
                .format(config.format())
                .untracked(config.untracked())
                .build();
    if (config.timeoutMarginMillis() > 0) {
      TimeoutWatch.startEarly();
    }
  }

  /**
   * The default configuration, read once the handler's construction is marked: reading it is part
   * of the library's setup, not of the runtime's start.
   */
  static HandlerConfig markedDefaults() {
    InitClock.constructionStarted();
    return HandlerConfig.defaults();
  }

  /** A configuration builder, made once the handler's construction is marked. */
  static HandlerConfig.Builder markedBuilder() {
    InitClock.constructionStarted();
    return HandlerConfig.builder();
  }

  HandlerConfig config() {
    return config;
  }

  String entryName() {
    return entryName;
  }

  /**
   * The entry's name when none is configured: one that stays the same from one cold start to the
   * next, because in EMF it is a CloudWatch metric name. A named class gives its simple name. A
   * lambda's or a method reference's class is hidden and named anew by every JVM ({@code
   * Orders$$Lambda/0x00007f...}), and an anonymous class is numbered by position ({@code
   * Orders$1}): both give the simple name of the class whose code declared them.
   */
  static String stableName(Class<?> handlerClass) {
    if (!handlerClass.isHidden()
        && !handlerClass.isSynthetic()
        && !handlerClass.isAnonymousClass()
        && !handlerClass.getSimpleName().isEmpty()) {
      return handlerClass.getSimpleName();
    }
    Class<?> declaring = handlerClass.isAnonymousClass() ? handlerClass.getEnclosingClass() : null;
    if (declaring != null && !declaring.getSimpleName().isEmpty()) {
      return stableName(declaring);
    }
    return declarerOf(handlerClass.getName());
  }

  /** The simple name of the class that declared a hidden or synthetic class of this name. */
  static String declarerOf(String name) {
    int lambda = name.indexOf("$$");
    String declarer = lambda > 0 ? name.substring(0, lambda) : name;
    declarer = declarer.substring(declarer.lastIndexOf('.') + 1);
    int nested = declarer.lastIndexOf('$');
    declarer = nested >= 0 ? declarer.substring(nested + 1) : declarer;
    // A declaring class that is itself anonymous (digits only) says nothing stable either.
    return declarer.isEmpty() || declarer.chars().allMatch(Character::isDigit)
        ? "handler"
        : declarer;
  }

  /**
   * Warms up the path this handler's lines take: its configured tracker, or a tracker built as the
   * first invocation will build one for its logger (with no logger: warming up writes nothing).
   */
  void warmUp() {
    ProcessTracker tracker =
        configuredTracker != null ? configuredTracker : new LoggerTracker(null, config).tracker;
    tracker.warmUp();
  }

  /**
   * The tracker of an invocation with this context: a {@link TrackedInvocation} runs as a run of
   * it, calling {@link #identify} first inside the run.
   */
  ProcessTracker trackerFor(Context context) {
    if (configuredTracker != null) {
      return configuredTracker;
    }
    return loggerTracker(context);
  }

  /**
   * Sets the automatic identifiers of the run just started on this thread, and arms {@code watch}
   * for its timeout; the caller disarms it when the handler returns or throws.
   *
   * @return whether the watch was armed
   */
  boolean identify(ProcessTracker tracker, Context context, TimeoutWatch.Watch watch) {
    setIdentifiers(tracker, context, ColdStart.take());
    long margin = config.timeoutMarginMillis();
    if (margin <= 0 || context == null) {
      return false;
    }
    int remaining;
    try {
      remaining = context.getRemainingTimeInMillis();
    } catch (Throwable brokenContext) {
      // Even an Error: the Context is the caller's object (a mock, a hand-made one), and reading
      // it must not keep the handler from running. The invocation is then not watched.
      return false;
    }
    return TimeoutWatch.arm(watch, remaining, margin);
  }

  private void setIdentifiers(ProcessTracker tracker, Context context, boolean coldStart) {
    for (int i = 0; i < identifiers.length; i++) {
      Object value;
      try {
        value = identifiers[i].read(context, coldStart);
      } catch (Throwable brokenContext) {
        // A hand-made or mocked Context may throw from getters it does not support, even an Error;
        // the invocation goes on without that identifier.
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
    LoggerTracker made = new LoggerTracker(logger, config);
    loggerTracker = made;
    return made.tracker;
  }

  private static LambdaLogger loggerOf(Context context) {
    LambdaLogger logger = null;
    if (context != null) {
      try {
        logger = context.getLogger();
      } catch (Throwable brokenContext) {
        // Even an Error: the line then goes to the runtime's own logger, like a null one.
        logger = null;
      }
    }
    return logger != null ? logger : LambdaRuntime.getLogger();
  }

  /**
   * A logger and the tracker that writes to it; it is that tracker's output itself, rather than
   * {@code logger::log}, because a method reference costs a class generated at run time.
   */
  private static final class LoggerTracker implements Consumer<byte[]> {
    final LambdaLogger logger;
    final ProcessTracker tracker;

    LoggerTracker(LambdaLogger logger, HandlerConfig config) {
      this.logger = logger;
      this.tracker =
          ProcessTracker.builder()
              .utf8Output(this)
              .ticker(config.ticker())
              .format(config.format())
              .untracked(config.untracked())
              .build();
    }

    @Override
    public void accept(byte[] line) {
      logger.log(line);
    }
  }
}
