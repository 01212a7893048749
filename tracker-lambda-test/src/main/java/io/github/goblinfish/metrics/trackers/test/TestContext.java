package io.github.goblinfish.metrics.trackers.test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.github.goblinfish.metrics.trackers.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A Lambda {@link Context} for tests, as the Java runtime gives one to a handler: its remaining
 * time counts down from the moment it is built, and its logger keeps every call as the one log
 * event the runtime would make of it.
 *
 * <pre>{@code
 * TestContext context = TestContext.builder().functionName("orders").build();
 * handler.handleRequest(event, context);
 * assertEquals(1, context.lines().size());
 * }</pre>
 *
 * <h2>What it returns</h2>
 *
 * Each value is the builder's, or its documented default: a fresh random request id per context,
 * function {@value Builder#DEFAULT_FUNCTION_NAME} version {@code $LATEST} with 128 MB and a
 * 3-second timeout (Lambda's own defaults), an invoked ARN, log group and log stream derived from
 * the function's name and version, and no tenant id, X-Ray trace id, client context or identity
 * (null, as outside those features).
 *
 * <h2>The logger</h2>
 *
 * In Lambda, each call of a {@link LambdaLogger} method is one log event, holding the message's
 * UTF-8 bytes as given: a trailing newline is kept, a line break inside stays inside. This logger
 * keeps each call the same way, in order, with the method that made it (see {@link LoggedEvent});
 * {@link #lines()} gives them as text. A logger built with {@link Builder#discardLogs()} keeps
 * nothing, for long-running benchmarks.
 *
 * <p>Thread-safe: concurrent invocations may share one context and log through it at once.
 */
public final class TestContext implements Context {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final String requestId;
  private final String functionName;
  private final String functionVersion;
  private final String invokedFunctionArn;
  private final String logGroupName;
  private final String logStreamName;
  private final int memoryLimitInMB;
  private final Duration timeout;
  private final String tenantId;
  private final String xrayTraceId;
  private final Ticker ticker;
  private final long deadlineNanos;
  private final KeepingLogger logger;

  private TestContext(Builder builder) {
    this.requestId = builder.requestId != null ? builder.requestId : UUID.randomUUID().toString();
    this.functionName = builder.functionName;
    this.functionVersion = builder.functionVersion;
    this.invokedFunctionArn =
        builder.invokedFunctionArn != null
            ? builder.invokedFunctionArn
            : "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    this.logGroupName =
        builder.logGroupName != null ? builder.logGroupName : "/aws/lambda/" + functionName;
    this.logStreamName =
        builder.logStreamName != null
            ? builder.logStreamName
            : "2026/01/01/[" + functionVersion + "]0123456789abcdef0123456789abcdef";
    this.memoryLimitInMB = builder.memoryLimitInMB;
    this.timeout = builder.timeout;
    this.tenantId = builder.tenantId;
    this.xrayTraceId = builder.xrayTraceId;
    this.ticker = builder.ticker;
    this.deadlineNanos = ticker.read() + timeout.toNanos();
    this.logger = new KeepingLogger(builder.keepLogs, builder.logSink);
  }

  /**
   * Creates a context with every default; see {@link TestContext}.
   *
   * <pre>{@code
   * String response = handler.handleRequest(event, TestContext.create());
   * }</pre>
   *
   * @return a new context, its time counting down from now
   */
  public static TestContext create() {
    return builder().build();
  }

  /**
   * Starts a builder with every default; see {@link TestContext}.
   *
   * <pre>{@code
   * TestContext context = TestContext.builder().requestId("r-1").functionName("orders").build();
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return logGroupName;
  }

  @Override
  public String getLogStreamName() {
    return logStreamName;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return functionVersion;
  }

  @Override
  public String getInvokedFunctionArn() {
    return invokedFunctionArn;
  }

  /** Returns null: no Cognito identity, as for any invocation not made through the mobile SDK. */
  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  /** Returns null: no client context, as for any invocation not made through the mobile SDK. */
  @Override
  public ClientContext getClientContext() {
    return null;
  }

  /**
   * Returns the time left before the timeout, counted from when this context was built on its
   * ticker; 0 once the timeout has passed, never negative.
   */
  @Override
  public int getRemainingTimeInMillis() {
    long remaining = deadlineNanos - ticker.read();
    if (remaining <= 0) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, remaining / NANOS_PER_MILLI);
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitInMB;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String getTenantId() {
    return tenantId;
  }

  @Override
  public String getXrayTraceId() {
    return xrayTraceId;
  }

  /**
   * The timeout this context counts down from.
   *
   * @return the timeout the builder set, 3 seconds by default
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Every call made on the logger so far, in order, each as the one log event it makes.
   *
   * @return a copy; empty when the logger discards
   */
  public List<LoggedEvent> logged() {
    return logger.events();
  }

  /**
   * The text of every log event so far, in order, each without the one newline that ends it when it
   * ends with one: for a tracked handler, its tracker lines.
   *
   * <pre>{@code
   * TrackerLine line = TrackerLine.parse(context.lines().get(0));
   * }</pre>
   *
   * @return a new list; empty when the logger discards
   */
  public List<String> lines() {
    List<LoggedEvent> events = logger.events();
    List<String> lines = new ArrayList<>(events.size());
    for (LoggedEvent event : events) {
      String text = event.text();
      lines.add(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }
    return lines;
  }

  @Override
  public String toString() {
    return "TestContext[" + functionName + ":" + functionVersion + ", request " + requestId + "]";
  }

  /**
   * Builds a {@link TestContext}; every setting is optional.
   *
   * <pre>{@code
   * TestContext context = TestContext.builder()
   *     .requestId("5e0c2a1f-8b7d-4c3e-9a6f-1d2e3f4a5b6c")
   *     .functionName("orders")
   *     .memoryLimitInMB(512)
   *     .timeout(Duration.ofSeconds(10))
   *     .xrayTraceId("Root=1-6745a3c2-0e1d2c3b4a5968778695a4b3;Sampled=1")
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe; each {@link #build()} makes an independent context.
   */
  public static final class Builder {
    /** The function name of a context whose builder set none. */
    public static final String DEFAULT_FUNCTION_NAME = "test-function";

    private String requestId;
    private String functionName = DEFAULT_FUNCTION_NAME;
    private String functionVersion = "$LATEST";
    private String invokedFunctionArn;
    private String logGroupName;
    private String logStreamName;
    private int memoryLimitInMB = 128;
    private Duration timeout = Duration.ofSeconds(3);
    private String tenantId;
    private String xrayTraceId;
    private Ticker ticker = Ticker.system();
    private boolean keepLogs = true;
    private java.util.function.Consumer<byte[]> logSink;

    private Builder() {}

    /**
     * Sets the request id (default: a random UUID, fresh for each context built).
     *
     * @param requestId the request id
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /**
     * Sets the function name (default {@value #DEFAULT_FUNCTION_NAME}); the default ARN and log
     * group follow it.
     *
     * @param functionName the function name
     * @return this builder
     */
    public Builder functionName(String functionName) {
      this.functionName = Objects.requireNonNull(functionName, "functionName");
      return this;
    }

    /**
     * Sets the function version (default {@code $LATEST}).
     *
     * @param functionVersion the version
     * @return this builder
     */
    public Builder functionVersion(String functionVersion) {
      this.functionVersion = Objects.requireNonNull(functionVersion, "functionVersion");
      return this;
    }

    /**
     * Sets the invoked function ARN (default: an ARN in {@code us-east-1} of the function name).
     *
     * @param invokedFunctionArn the ARN
     * @return this builder
     */
    public Builder invokedFunctionArn(String invokedFunctionArn) {
      this.invokedFunctionArn = Objects.requireNonNull(invokedFunctionArn, "invokedFunctionArn");
      return this;
    }

    /**
     * Sets the log group name (default {@code /aws/lambda/<function name>}).
     *
     * @param logGroupName the log group
     * @return this builder
     */
    public Builder logGroupName(String logGroupName) {
      this.logGroupName = Objects.requireNonNull(logGroupName, "logGroupName");
      return this;
    }

    /**
     * Sets the log stream name (default: a fixed stream of the function version).
     *
     * @param logStreamName the log stream
     * @return this builder
     */
    public Builder logStreamName(String logStreamName) {
      this.logStreamName = Objects.requireNonNull(logStreamName, "logStreamName");
      return this;
    }

    /**
     * Sets the memory limit (default 128).
     *
     * @param memoryLimitInMB the memory in MB
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder memoryLimitInMB(int memoryLimitInMB) {
      if (memoryLimitInMB <= 0) {
        throw new IllegalArgumentException(
            "memoryLimitInMB must be positive, was " + memoryLimitInMB);
      }
      this.memoryLimitInMB = memoryLimitInMB;
      return this;
    }

    /**
     * Sets the timeout the remaining time counts down from (default 3 seconds).
     *
     * @param timeout the function's timeout
     * @return this builder
     * @throws IllegalArgumentException if not positive, or over {@link Integer#MAX_VALUE} ms
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()
          || timeout.isZero()
          || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException(
            "timeout must be positive and at most " + Integer.MAX_VALUE + " ms, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the tenant id of a tenant-isolated function (default null).
     *
     * @param tenantId the tenant id, or null
     * @return this builder
     */
    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    /**
     * Sets the X-Ray trace header, such as {@code Root=1-...;Parent=...;Sampled=1} (default null).
     *
     * @param xrayTraceId the trace header, or null
     * @return this builder
     */
    public Builder xrayTraceId(String xrayTraceId) {
      this.xrayTraceId = xrayTraceId;
      return this;
    }

    /**
     * Sets the monotonic clock the remaining time is read from (default {@link Ticker#system()}); a
     * fake one lets a test reach the timeout without waiting.
     *
     * @param ticker the clock, in nanoseconds
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Makes the logger keep nothing, for benchmarks that log millions of lines through one context:
     * a call then costs no copy and no allocation.
     *
     * @return this builder
     */
    public Builder discardLogs() {
      this.keepLogs = false;
      return this;
    }

    /**
     * Makes the logger hand the bytes of each log call to {@code sink} as they come, and keep
     * nothing: for benchmarks that consume what the runtime's logger would write.
     *
     * <pre>{@code
     * Context context = TestContext.builder().logTo(blackhole::consume).build();
     * }</pre>
     *
     * @param sink receives each call's bytes ({@code log(String)} as UTF-8), not copied
     * @return this builder
     */
    public Builder logTo(java.util.function.Consumer<byte[]> sink) {
      this.logSink = java.util.Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Creates a context, its remaining time counting down from now.
     *
     * @return a new context
     */
    public TestContext build() {
      return new TestContext(this);
    }
  }
}
