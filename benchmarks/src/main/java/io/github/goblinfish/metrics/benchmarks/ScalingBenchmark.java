package io.github.goblinfish.metrics.benchmarks;

import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import java.util.concurrent.TimeUnit;
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

/**
 * tracker-lambda alone, at several sizes: is the cost linear in distinct names, and is the line
 * (and what the tracker keeps) the same size however often one name is timed?
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScalingBenchmark {

  /** The scenario: distinct_N or repeated_N. */
  @Param({"distinct_10", "distinct_100", "distinct_1000", "repeated_100", "repeated_10000"})
  public String scenario;

  private Scenario work;
  private TrackerHandler tracker;

  /**
   * Builds the handler with a sink that gives its lines to the blackhole.
   *
   * @param blackhole JMH's sink
   */
  @Setup
  public void setUp(Blackhole blackhole) {
    work = Scenario.named(scenario);
    tracker = new TrackerHandler(blackhole::consume);
  }

  /**
   * @return tracker-lambda's response; its line went to the blackhole
   */
  @Benchmark
  public String tracker() {
    return tracker.handleRequest(work, BenchContext.INSTANCE);
  }
}
