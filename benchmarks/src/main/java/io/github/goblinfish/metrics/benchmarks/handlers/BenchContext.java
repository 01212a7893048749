package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.time.Duration;

/** The fixed Lambda context of the throughput benchmarks; its logger discards. */
public final class BenchContext {
  /**
   * The one context every benchmark invocation gets. Its remaining time runs out after Lambda's
   * longest timeout; nothing the benchmarks run reads it.
   */
  public static final Context INSTANCE =
      TestContext.builder()
          .requestId("6f1c0c1e-6d6b-4c1e-9d55-2b2f6b0c1e42")
          .functionName("bench-function")
          .memoryLimitInMB(512)
          .timeout(Duration.ofMinutes(15))
          .discardLogs()
          .build();

  private BenchContext() {}
}
