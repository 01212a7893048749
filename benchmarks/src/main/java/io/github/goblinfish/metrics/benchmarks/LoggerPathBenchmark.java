package io.github.goblinfish.metrics.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.Ticker;
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

/**
 * tracker-lambda's typical invocation with its line written two ways: to a configured {@code
 * Consumer<String>} (as the other benchmarks do), and with no output configured, through the
 * invocation's {@code LambdaLogger} as a deployed function writes it ({@code log(byte[])} of the
 * line and a newline in UTF-8). The difference is the cost of turning the line into bytes.
 *
 * <pre>{@code
 * java -jar benchmarks.jar LoggerPathBenchmark -prof gc
 * }</pre>
 *
 * <p>One instance per JMH thread ({@code Scope.Thread}); not thread-safe.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LoggerPathBenchmark {

  /** The scenario: only the typical one. */
  @Param({"typical"})
  public String scenario;

  private Scenario work;
  private Context loggingContext;
  private TrackerHandler consumer;
  private TrackerHandler lambdaLogger;
  private TrackerHandler emfConsumer;
  private TrackerHandler emfLambdaLogger;

  /**
   * Builds the handlers with their lines (strings or the logger's bytes) going to the blackhole.
   *
   * @param blackhole JMH's sink
   */
  @Setup
  public void setUp(Blackhole blackhole) {
    setUpWith(blackhole::consume, blackhole::consume, Ticker.system());
  }

  /**
   * Builds the handlers (the tests pass lists and a fake clock).
   *
   * @param lines receives the lines of the handlers with a configured output
   * @param loggedBytes receives what the other handlers give the context's LambdaLogger
   * @param ticker the handlers' clock
   */
  public void setUpWith(Consumer<String> lines, Consumer<byte[]> loggedBytes, Ticker ticker) {
    work = Scenario.named(scenario);
    loggingContext = BenchContext.loggingTo(loggedBytes);
    consumer = new TrackerHandler(TrackerHandler.config(lines, ticker, LineFormat.json()));
    lambdaLogger = new TrackerHandler(TrackerHandler.config(null, ticker, LineFormat.json()));
    emfConsumer = new TrackerHandler(TrackerHandler.config(lines, ticker, TrackerHandler.emf()));
    emfLambdaLogger = new TrackerHandler(TrackerHandler.config(null, ticker, TrackerHandler.emf()));
  }

  /**
   * @return the response; the line went to the configured {@code Consumer<String>}
   */
  @Benchmark
  public String consumer() {
    return consumer.handleRequest(work, loggingContext);
  }

  /**
   * @return the response; the line went through the context's LambdaLogger as bytes
   */
  @Benchmark
  public String lambdaLogger() {
    return lambdaLogger.handleRequest(work, loggingContext);
  }

  /**
   * @return the response; the EMF line went to the configured {@code Consumer<String>}
   */
  @Benchmark
  public String emfConsumer() {
    return emfConsumer.handleRequest(work, loggingContext);
  }

  /**
   * @return the response; the EMF line went through the context's LambdaLogger as bytes
   */
  @Benchmark
  public String emfLambdaLogger() {
    return emfLambdaLogger.handleRequest(work, loggingContext);
  }
}
