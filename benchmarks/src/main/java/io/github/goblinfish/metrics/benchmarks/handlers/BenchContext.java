package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The fixed Lambda contexts of the throughput benchmarks, from tracker-lambda-test's {@link
 * TestContext}. {@link #INSTANCE}'s logger discards; a context made by {@link #loggingTo(Consumer)}
 * hands every message its logger gets, as bytes, to a consumer (a benchmark's blackhole), as the
 * runtime client's logger takes them on Lambda.
 *
 * <pre>{@code
 * Context context = BenchContext.loggingTo(blackhole::consume);
 * }</pre>
 *
 * <p>Immutable and thread-safe if its consumer is.
 */
public final class BenchContext {
  /**
   * The one context every benchmark invocation gets that does not log through its context. Its
   * remaining time runs out after Lambda's longest timeout.
   */
  public static final Context INSTANCE = builder().discardLogs().build();

  private BenchContext() {}

  /**
   * A context whose logger hands each message to {@code messages}.
   *
   * @param messages receives the bytes of every {@code log} call
   * @return the context
   */
  public static Context loggingTo(Consumer<byte[]> messages) {
    return builder().logTo(messages).build();
  }

  private static TestContext.Builder builder() {
    return TestContext.builder()
        .requestId("6f1c0c1e-6d6b-4c1e-9d55-2b2f6b0c1e42")
        .functionName("bench-function")
        .memoryLimitInMB(512)
        .timeout(Duration.ofMinutes(15));
  }
}
