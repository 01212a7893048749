package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * The same work with {@code software.amazon.cloudwatchlogs:aws-embedded-metrics}: a new {@link
 * MetricsLogger} per invocation (as its {@code metricScope} does), each latency a millisecond
 * metric measured with {@link System#nanoTime()}, the numeric metrics as Count metrics, the
 * identifiers (the user's and the automatic ones tracker-lambda adds) as properties, then {@link
 * MetricsLogger#flush()}.
 */
public final class EmfLibHandler implements RequestHandler<Scenario, String> {
  private static final AtomicBoolean COLD = new AtomicBoolean(true);

  private final Supplier<MetricsLogger> loggers;

  /**
   * Creates the handler.
   *
   * @param loggers makes the logger of one invocation
   */
  public EmfLibHandler(Supplier<MetricsLogger> loggers) {
    this.loggers = loggers;
  }

  @Override
  public String handleRequest(Scenario scenario, Context context) {
    long entryStart = System.nanoTime();
    MetricsLogger metrics = loggers.get();
    metrics.setNamespace("TrackerBench");
    metrics.putProperty("request_id", context.getAwsRequestId());
    metrics.putProperty("function_name", context.getFunctionName());
    metrics.putProperty("function_version", context.getFunctionVersion());
    metrics.putProperty("cold_start", COLD.getAndSet(false));
    int sum = 0;
    String[] timers = scenario.timers();
    for (int t = 0; t < timers.length; t++) {
      for (int r = 0; r < scenario.repeats(); r++) {
        long start = System.nanoTime();
        sum += Scenario.work(r);
        metrics.putMetric(timers[t], (System.nanoTime() - start) / 1e6, Unit.MILLISECONDS);
      }
    }
    String[] names = scenario.metricNames();
    long[] values = scenario.metricValues();
    for (int m = 0; m < names.length; m++) {
      metrics.putMetric(names[m], values[m], Unit.COUNT);
    }
    String[] identifiers = scenario.identifierNames();
    String[] identifierValues = scenario.identifierValues();
    for (int i = 0; i < identifiers.length; i++) {
      metrics.putProperty(identifiers[i], identifierValues[i]);
    }
    metrics.putMetric(Scenario.ENTRY, (System.nanoTime() - entryStart) / 1e6, Unit.MILLISECONDS);
    metrics.flush();
    return sum >= 0 ? "ok" : "?";
  }
}
