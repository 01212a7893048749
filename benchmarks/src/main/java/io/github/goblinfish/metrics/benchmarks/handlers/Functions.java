package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The cold-start functions: each runs the {@link Scenario#TYPICAL typical} scenario once per event
 * and writes its line where it would on Lambda (the LambdaLogger or standard output). Each is its
 * own class so that a child JVM loads only the library it measures.
 */
public final class Functions {
  private Functions() {}

  /** No instrumentation. */
  public static final class Bare implements RequestHandler<Map<String, Object>, String> {
    private final BareHandler handler = new BareHandler();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
      return handler.handleRequest(Scenario.TYPICAL, context);
    }
  }

  /** tracker-lambda, default format, through the invocation's LambdaLogger. */
  public static final class Tracker implements RequestHandler<Map<String, Object>, String> {
    private final TrackerHandler handler = new TrackerHandler();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
      return handler.handleRequest(Scenario.TYPICAL, context);
    }
  }

  /**
   * aws-embedded-metrics with {@code new MetricsLogger()}: its Lambda environment and console sink.
   */
  public static final class EmfLib implements RequestHandler<Map<String, Object>, String> {
    private final EmfLibHandler handler = new EmfLibHandler(MetricsLogger::new);

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
      return handler.handleRequest(Scenario.TYPICAL, context);
    }
  }

  /** powertools-metrics through {@link MetricsFactory#getMetricsInstance()}. */
  public static final class Powertools implements RequestHandler<Map<String, Object>, String> {
    private final PowertoolsHandler handler =
        new PowertoolsHandler(MetricsFactory.getMetricsInstance());

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
      return handler.handleRequest(Scenario.TYPICAL, context);
    }
  }
}
