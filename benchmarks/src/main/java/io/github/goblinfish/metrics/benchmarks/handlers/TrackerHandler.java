package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.function.Consumer;

/**
 * tracker-lambda as its README shows it: a {@link TrackedRequestHandler} (entry timer and the
 * automatic identifiers), try-with-resources timers, {@code setMetric}, {@code setIdentifier}.
 */
public class TrackerHandler extends TrackedRequestHandler<Scenario, String> {

  /**
   * Writes each line through the invocation's LambdaLogger (the default; the cold start uses it).
   */
  public TrackerHandler() {
    super();
  }

  /**
   * Writes each line to {@code output}.
   *
   * @param output receives each invocation's line
   */
  public TrackerHandler(Consumer<String> output) {
    super(output);
  }

  /**
   * Tracks with {@code config} (another line format).
   *
   * @param config the handler configuration
   */
  public TrackerHandler(HandlerConfig config) {
    super(config);
  }

  /**
   * The configuration of tracker-lambda's EMF line: namespace {@code TrackerBench}, default
   * dimensions ({@code [["function_name"]]}), lines to {@code output}.
   *
   * @param output receives each invocation's line
   * @return the configuration
   */
  public static HandlerConfig emfConfig(Consumer<String> output) {
    return HandlerConfig.builder()
        .output(output)
        .format(LineFormat.emf().namespace("TrackerBench").build())
        .build();
  }

  /**
   * A configuration as a deployed function gets it when no {@code TRACKER_*} variable is set, with
   * {@code ticker} as its clock and each line sent to {@code output}, or, when {@code output} is
   * null, to the invocation's LambdaLogger (the default).
   *
   * @param output receives each invocation's line, or null for the context's LambdaLogger
   * @param ticker the clock (the tests give a fake one so that the line is exact)
   * @param format the line format
   * @return the configuration
   */
  public static HandlerConfig config(Consumer<String> output, Ticker ticker, LineFormat format) {
    HandlerConfig.Builder builder =
        HandlerConfig.builder().ticker(ticker).format(format).environment(name -> null);
    if (output != null) {
      builder.output(output);
    }
    return builder.build();
  }

  /**
   * @return the EMF format of the EMF rows: namespace {@code TrackerBench}, default dimensions
   */
  public static LineFormat emf() {
    return LineFormat.emf().namespace("TrackerBench").build();
  }

  @Override
  protected String handleTracked(Scenario scenario, Context context) {
    ProcessTracker tracker = tracker();
    int sum = 0;
    String[] timers = scenario.timers();
    for (int t = 0; t < timers.length; t++) {
      for (int r = 0; r < scenario.repeats(); r++) {
        try (Timer timer = tracker.timer(timers[t])) {
          sum += Scenario.work(r);
        }
      }
    }
    String[] metrics = scenario.metricNames();
    long[] values = scenario.metricValues();
    for (int m = 0; m < metrics.length; m++) {
      tracker.setMetric(metrics[m], values[m]);
    }
    String[] identifiers = scenario.identifierNames();
    String[] identifierValues = scenario.identifierValues();
    for (int i = 0; i < identifiers.length; i++) {
      tracker.setIdentifier(identifiers[i], identifierValues[i]);
    }
    return sum >= 0 ? "ok" : "?";
  }
}
