package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A Context as the runtime gives one to a function named after its template logical id, whose
 * logger keeps what it was given: one entry per {@code log} call, as each call becomes one
 * CloudWatch event.
 */
final class TestContext implements Context {
  static final String REQUEST_ID = "5e0c2a1f-8b7d-4c3e-9a6f-1d2e3f4a5b6c";
  static final String TRACE_HEADER =
      "Root=1-6745a3c2-0e1d2c3b4a5968778695a4b3;Parent=53995c3f42cd8ad8;Sampled=1";
  static final String TRACE_ROOT = "1-6745a3c2-0e1d2c3b4a5968778695a4b3";

  private final String functionName;
  private final CollectingLogger logger = new CollectingLogger();

  TestContext(String functionName) {
    this.functionName = functionName;
  }

  /** What the logger received, one string per call, decoded as UTF-8. */
  List<String> logged() {
    return logger.calls();
  }

  /** The tracker lines: the logged calls, without the newline that ends each. */
  List<String> trackerLines() {
    return logged().stream().map(call -> call.replaceAll("\n$", "")).collect(Collectors.toList());
  }

  @Override
  public String getAwsRequestId() {
    return REQUEST_ID;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/25/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
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
    return 9_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String getXrayTraceId() {
    return TRACE_HEADER;
  }

  private static final class CollectingLogger implements LambdaLogger {
    private final List<byte[]> calls = new CopyOnWriteArrayList<>();

    @Override
    public void log(String message) {
      calls.add(message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void log(byte[] message) {
      calls.add(Arrays.copyOf(message, message.length));
    }

    List<String> calls() {
      return calls.stream()
          .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
          .collect(Collectors.toList());
    }
  }
}
