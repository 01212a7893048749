package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A fixed Lambda context for the throughput benchmarks. {@link #INSTANCE}'s logger discards; a
 * context made by {@link #loggingTo(Consumer)} hands every message its logger gets, as bytes, to a
 * consumer (a benchmark's blackhole), as the runtime client's logger takes them on Lambda.
 *
 * <pre>{@code
 * Context context = BenchContext.loggingTo(blackhole::consume);
 * }</pre>
 *
 * <p>Immutable and thread-safe if its consumer is.
 */
public final class BenchContext implements Context {
  /** The one context every benchmark invocation gets that does not log through its context. */
  public static final BenchContext INSTANCE = new BenchContext(message -> {});

  private final LambdaLogger logger;

  private BenchContext(Consumer<byte[]> messages) {
    this.logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            messages.accept(message.getBytes(StandardCharsets.UTF_8));
          }

          @Override
          public void log(byte[] message) {
            messages.accept(message);
          }
        };
  }

  /**
   * A context whose {@link #getLogger() logger} hands each message to {@code messages}.
   *
   * @param messages receives the bytes of every {@code log} call
   * @return the context
   */
  public static BenchContext loggingTo(Consumer<byte[]> messages) {
    return new BenchContext(messages);
  }

  @Override
  public String getAwsRequestId() {
    return "6f1c0c1e-6d6b-4c1e-9d55-2b2f6b0c1e42";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/bench-function";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/25/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "bench-function";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:bench-function";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 30_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
