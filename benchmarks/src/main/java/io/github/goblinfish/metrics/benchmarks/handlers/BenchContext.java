package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A fixed Lambda context for the throughput benchmarks; its logger discards. */
public final class BenchContext implements Context {
  /** The one context every benchmark invocation gets. */
  public static final BenchContext INSTANCE = new BenchContext();

  private static final LambdaLogger DISCARD =
      new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
      };

  private BenchContext() {}

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
    return DISCARD;
  }
}
