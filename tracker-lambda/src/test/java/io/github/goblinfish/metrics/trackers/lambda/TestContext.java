package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Context like the runtime's, whose logger keeps each log call as one event. */
final class TestContext implements Context {
  final String requestId;
  final String traceHeader;
  final RecordingLogger logger = new RecordingLogger();

  TestContext(String requestId) {
    this(requestId, null);
  }

  TestContext(String requestId, String traceHeader) {
    this.requestId = requestId;
    this.traceHeader = traceHeader;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/orders";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/25/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "orders";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:orders";
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
    return 3_000;
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
    return traceHeader;
  }

  /** Keeps what each call wrote, and whether it came as bytes or as a String. */
  static final class RecordingLogger implements LambdaLogger {
    final List<String> byteEvents = new ArrayList<>();
    final List<String> stringEvents = new ArrayList<>();

    @Override
    public synchronized void log(String message) {
      stringEvents.add(message);
    }

    @Override
    public synchronized void log(byte[] message) {
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      copy.writeBytes(message);
      byteEvents.add(copy.toString(StandardCharsets.UTF_8));
    }
  }
}
