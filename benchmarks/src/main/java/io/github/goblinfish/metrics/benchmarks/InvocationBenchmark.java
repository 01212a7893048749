package io.github.goblinfish.metrics.benchmarks;

import io.github.goblinfish.metrics.benchmarks.handlers.BareHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.DiscardingEmfEnvironment;
import io.github.goblinfish.metrics.benchmarks.handlers.EmfLibHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.PowertoolsHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;

/**
 * One Lambda invocation of a scenario, done by each implementation; every line goes to the {@link
 * Blackhole}. The time and allocation per operation are those of one whole invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InvocationBenchmark {

  /** The scenario: see {@link Scenario}. */
  @Param({"minimal", "typical", "distinct_100", "repeated_10000"})
  public String scenario;

  private Scenario work;
  private BareHandler bare;
  private TrackerHandler tracker;
  private TrackerHandler trackerEmf;
  private EmfLibHandler awsEmf;
  private PowertoolsHandler powertools;

  /**
   * Builds each implementation with a sink that gives its lines to the blackhole.
   *
   * @param blackhole JMH's sink
   */
  @Setup
  public void setUp(Blackhole blackhole) {
    setUpWith(blackhole::consume);
  }

  /**
   * Builds each implementation with {@code sink} as where its lines go (the tests pass a list).
   *
   * @param sink receives every line
   */
  public void setUpWith(Consumer<String> sink) {
    work = Scenario.named(scenario);
    bare = new BareHandler();
    tracker = new TrackerHandler(sink);
    trackerEmf = new TrackerHandler(TrackerHandler.emfConfig(sink));
    DiscardingEmfEnvironment environment = new DiscardingEmfEnvironment(sink);
    awsEmf =
        new EmfLibHandler(() -> new MetricsLogger(DiscardingEmfEnvironment.provider(environment)));
    powertools = new PowertoolsHandler(PowertoolsHandler.discardingInstance(sink));
  }

  /**
   * @return the bare handler's response (the floor)
   */
  @Benchmark
  public String bare() {
    return bare.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return tracker-lambda's response; its line went to the blackhole
   */
  @Benchmark
  public String tracker() {
    return tracker.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return tracker-lambda's response with the EMF line format; its line went to the blackhole
   */
  @Benchmark
  public String trackerEmf() {
    return trackerEmf.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return aws-embedded-metrics' response; its lines went to the blackhole
   */
  @Benchmark
  public String awsEmf() {
    return awsEmf.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return powertools-metrics' response; its lines went to the blackhole
   */
  @Benchmark
  public String powertools() {
    return powertools.handleRequest(work, BenchContext.INSTANCE);
  }
}
