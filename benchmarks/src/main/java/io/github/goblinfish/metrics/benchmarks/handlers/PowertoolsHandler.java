package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * The same work with {@code software.amazon.lambda:powertools-metrics} 2.9.0 through its plain Java
 * API (no AspectJ): the {@link MetricsFactory} instance, each latency a millisecond metric measured
 * with {@link System#nanoTime()}, numeric metrics as Count, identifiers with {@link
 * Metrics#addMetadata(String, Object)} (a top-level property in 2.9.0), then {@link
 * Metrics#flush()}.
 */
public final class PowertoolsHandler implements RequestHandler<Scenario, String> {
  private static final AtomicBoolean COLD = new AtomicBoolean(true);

  private final Metrics metrics;

  /**
   * Creates the handler.
   *
   * @param metrics the instance from {@link MetricsFactory#getMetricsInstance()}
   */
  public PowertoolsHandler(Metrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Points {@link MetricsFactory} at a provider that builds the same per-request logger as its
   * default {@code EmfMetricsProvider}, except that its lines go to {@code lines} instead of
   * standard output; returns the factory's instance with the benchmark namespace.
   *
   * @param lines receives each serialized EMF line
   * @return the factory's metrics instance
   */
  public static Metrics discardingInstance(Consumer<String> lines) {
    DiscardingEmfEnvironment environment = new DiscardingEmfEnvironment(lines);
    MetricsProvider provider =
        () ->
            new EmfMetricsLogger(
                DiscardingEmfEnvironment.provider(environment), new MetricsContext());
    MetricsFactory.setMetricsProvider(provider);
    Metrics metrics = MetricsFactory.getMetricsInstance();
    metrics.setNamespace("TrackerBench");
    return metrics;
  }

  @Override
  public String handleRequest(Scenario scenario, Context context) {
    long entryStart = System.nanoTime();
    metrics.addMetadata("request_id", context.getAwsRequestId());
    metrics.addMetadata("function_name", context.getFunctionName());
    metrics.addMetadata("function_version", context.getFunctionVersion());
    metrics.addMetadata("cold_start", COLD.getAndSet(false));
    int sum = 0;
    String[] timers = scenario.timers();
    for (int t = 0; t < timers.length; t++) {
      for (int r = 0; r < scenario.repeats(); r++) {
        long start = System.nanoTime();
        sum += Scenario.work(r);
        metrics.addMetric(timers[t], (System.nanoTime() - start) / 1e6, MetricUnit.MILLISECONDS);
      }
    }
    String[] names = scenario.metricNames();
    long[] values = scenario.metricValues();
    for (int m = 0; m < names.length; m++) {
      metrics.addMetric(names[m], values[m], MetricUnit.COUNT);
    }
    String[] identifiers = scenario.identifierNames();
    String[] identifierValues = scenario.identifierValues();
    for (int i = 0; i < identifiers.length; i++) {
      metrics.addMetadata(identifiers[i], identifierValues[i]);
    }
    metrics.addMetric(
        Scenario.ENTRY, (System.nanoTime() - entryStart) / 1e6, MetricUnit.MILLISECONDS);
    metrics.flush();
    return sum >= 0 ? "ok" : "?";
  }
}
