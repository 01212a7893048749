package io.github.goblinfish.metrics.benchmarks;

import io.github.goblinfish.metrics.benchmarks.handlers.BareHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.DiscardingEmfEnvironment;
import io.github.goblinfish.metrics.benchmarks.handlers.EmfLibHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.PowertoolsHandler;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.Ticker;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;

/**
 * Lambda Managed Instances: ONE handler instance of each implementation, invoked from as many
 * threads at once as JMH runs ({@code -t 1}, {@code -t 2}, {@code -t 8}, {@code -t 32}); one
 * operation is one typical invocation on one thread. Each thread's lines go to that thread's own
 * blackhole, so threads share only what the implementation itself shares.
 *
 * <p>As the runtime client does on Managed Instances, each thread carries its own X-Ray trace id in
 * the AWS SDK's thread-local, which powertools-metrics keys its per-request logger by.
 *
 * <pre>{@code
 * java -jar benchmarks.jar ManagedInstancesBenchmark -t 8 -prof gc
 * }</pre>
 *
 * <p>Thread-safe as far as the shared handlers are: that is what it measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ManagedInstancesBenchmark {
  /** The thread-local key the runtime client sets per invocation on Managed Instances. */
  static final String TRACE_ID_KEY = "AWS_LAMBDA_X_TRACE_ID";

  private static final ThreadLocal<Blackhole> THREAD_SINK = new ThreadLocal<>();
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The scenario: only the typical one. */
  @Param({"typical"})
  public String scenario;

  private Scenario work;
  private BareHandler bare;
  private TrackerHandler tracker;
  private TrackerHandler trackerEmf;
  private EmfLibHandler awsEmf;
  private PowertoolsHandler powertools;

  /** One benchmark thread: its blackhole and its trace id. Confined to its thread. */
  @State(Scope.Thread)
  public static class InvocationThread {
    /**
     * Binds this thread's blackhole and trace id.
     *
     * @param blackhole this thread's sink
     */
    @Setup
    public void bind(Blackhole blackhole) {
      THREAD_SINK.set(blackhole);
      enterInvocationThread(THREADS.incrementAndGet());
    }
  }

  /** Builds the shared handlers; each line goes to the calling thread's blackhole. */
  @Setup
  public void setUp() {
    setUpWith(line -> THREAD_SINK.get().consume(line), Ticker.system());
  }

  /**
   * Builds the shared handlers (the tests pass a list and a fake clock).
   *
   * @param sink receives every line, on the thread that wrote it
   * @param ticker tracker-lambda's clock
   */
  public void setUpWith(Consumer<String> sink, Ticker ticker) {
    work = Scenario.named(scenario);
    bare = new BareHandler();
    tracker = new TrackerHandler(TrackerHandler.config(sink, ticker, LineFormat.json()));
    trackerEmf = new TrackerHandler(TrackerHandler.config(sink, ticker, TrackerHandler.emf()));
    DiscardingEmfEnvironment environment = new DiscardingEmfEnvironment(sink);
    awsEmf =
        new EmfLibHandler(() -> new MetricsLogger(DiscardingEmfEnvironment.provider(environment)));
    powertools = new PowertoolsHandler(PowertoolsHandler.discardingInstance(sink));
  }

  /**
   * Gives the calling thread the trace id of invocation thread {@code thread}, as the runtime
   * client sets it for the invocation a thread serves.
   *
   * @param thread the thread's number
   */
  public static void enterInvocationThread(int thread) {
    SdkInternalThreadLocal.put(
        TRACE_ID_KEY, String.format(Locale.ROOT, "Root=1-674c7a00-%024x;Sampled=0", thread));
  }

  /**
   * @return the bare handler's response (the floor)
   */
  @Benchmark
  public String bare(InvocationThread thread) {
    return bare.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return tracker-lambda's response; its line went to this thread's blackhole
   */
  @Benchmark
  public String tracker(InvocationThread thread) {
    return tracker.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return tracker-lambda's response with the EMF line
   */
  @Benchmark
  public String trackerEmf(InvocationThread thread) {
    return trackerEmf.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return aws-embedded-metrics' response
   */
  @Benchmark
  public String awsEmf(InvocationThread thread) {
    return awsEmf.handleRequest(work, BenchContext.INSTANCE);
  }

  /**
   * @return powertools-metrics' response
   */
  @Benchmark
  public String powertools(InvocationThread thread) {
    return powertools.handleRequest(work, BenchContext.INSTANCE);
  }
}
