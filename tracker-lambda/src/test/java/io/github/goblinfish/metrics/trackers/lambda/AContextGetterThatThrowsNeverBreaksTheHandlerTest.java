package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A {@code Context} is the caller's object (a hand-made one, a mock): any of its getters may throw
 * anything, an {@code Error} included. The handler still runs, its result or exception reaches the
 * runtime unchanged, and its line is still written: an identifier whose getter threw is left out,
 * an invocation whose remaining time cannot be read is not watched, and a line whose logger cannot
 * be read goes to {@code LambdaRuntime.getLogger()} (standard output outside Lambda). Every getter,
 * with an {@code AssertionError}, a {@code StackOverflowError} and a bare {@code Throwable}, for
 * every handler form, returning and throwing.
 */
class AContextGetterThatThrowsNeverBreaksTheHandlerTest {
  private static final String[] GETTERS = {
    "getAwsRequestId",
    "getLogGroupName",
    "getLogStreamName",
    "getFunctionName",
    "getFunctionVersion",
    "getInvokedFunctionArn",
    "getIdentity",
    "getClientContext",
    "getRemainingTimeInMillis",
    "getMemoryLimitInMB",
    "getLogger",
    "getTenantId",
    "getXrayTraceId"
  };

  /** Which identifier each getter gives, in the line's order. */
  private static final Map<String, String> IDENTIFIER_GETTERS = new LinkedHashMap<>();

  static {
    IDENTIFIER_GETTERS.put("request_id", "getAwsRequestId");
    IDENTIFIER_GETTERS.put("function_name", "getFunctionName");
    IDENTIFIER_GETTERS.put("function_version", "getFunctionVersion");
    IDENTIFIER_GETTERS.put("cold_start", null);
    IDENTIFIER_GETTERS.put("xray_trace_id", "getXrayTraceId");
    IDENTIFIER_GETTERS.put("tenant_id", "getTenantId");
  }

  private static final Map<String, String> IDENTIFIER_JSON =
      Map.of(
          "request_id", "\"r-1\"",
          "function_name", "\"orders\"",
          "function_version", "\"7\"",
          "cold_start", "true",
          "xray_trace_id", "\"1-5759e988-bd862e3fe1be46a994272793\"",
          "tenant_id", "\"tenant-1\"");

  private static List<Supplier<Throwable>> throwables() {
    return List.of(
        () -> new AssertionError("getter"),
        () -> new StackOverflowError(),
        () -> new Throwable("bare throwable"));
  }

  private final FakeTicker ticker = new FakeTicker();

  /** A context whose one named getter throws; the others answer as a TestContext does. */
  static final class ThrowingGetterContext implements Context {
    final TestContext delegate;
    private final String broken;
    private final Throwable thrown;

    ThrowingGetterContext(TestContext delegate, String broken, Throwable thrown) {
      this.delegate = delegate;
      this.broken = broken;
      this.thrown = thrown;
    }

    private void check(String getter) {
      if (getter.equals(broken)) {
        throw FaultsNeverReplaceTheHandlersResultTest.<RuntimeException>sneakyThrow(thrown);
      }
    }

    @Override
    public String getAwsRequestId() {
      check("getAwsRequestId");
      return delegate.getAwsRequestId();
    }

    @Override
    public String getLogGroupName() {
      check("getLogGroupName");
      return delegate.getLogGroupName();
    }

    @Override
    public String getLogStreamName() {
      check("getLogStreamName");
      return delegate.getLogStreamName();
    }

    @Override
    public String getFunctionName() {
      check("getFunctionName");
      return delegate.getFunctionName();
    }

    @Override
    public String getFunctionVersion() {
      check("getFunctionVersion");
      return delegate.getFunctionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
      check("getInvokedFunctionArn");
      return delegate.getInvokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
      check("getIdentity");
      return delegate.getIdentity();
    }

    @Override
    public ClientContext getClientContext() {
      check("getClientContext");
      return delegate.getClientContext();
    }

    @Override
    public int getRemainingTimeInMillis() {
      check("getRemainingTimeInMillis");
      return delegate.getRemainingTimeInMillis();
    }

    @Override
    public int getMemoryLimitInMB() {
      check("getMemoryLimitInMB");
      return delegate.getMemoryLimitInMB();
    }

    @Override
    public LambdaLogger getLogger() {
      check("getLogger");
      return delegate.getLogger();
    }

    @Override
    public String getTenantId() {
      check("getTenantId");
      return delegate.getTenantId();
    }

    @Override
    public String getXrayTraceId() {
      check("getXrayTraceId");
      return delegate.getXrayTraceId();
    }
  }

  private HandlerConfig config() {
    // The default identifiers and timeout margin, no variable read, latencies on a frozen clock.
    return HandlerConfig.builder()
        .environment(name -> null)
        .entryName("entry")
        .ticker(ticker)
        .build();
  }

  /**
   * One invocation of one handler form: what it returned, or null when it threw {@code failure}.
   */
  private interface Form {
    Object invoke(Context context, RuntimeException failure) throws Exception;
  }

  private Map<String, Form> forms() {
    Map<String, Form> forms = new LinkedHashMap<>();
    forms.put(
        "TrackedRequestHandler",
        (context, failure) ->
            new TrackedRequestHandler<String, String>(config()) {
              @Override
              protected String handleTracked(String input, Context given) {
                return respond(input, failure);
              }
            }.handleRequest("event", context));
    forms.put(
        "TrackedRequestStreamHandler",
        (context, failure) -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          new TrackedRequestStreamHandler(config()) {
            @Override
            protected void handleTracked(InputStream input, OutputStream output, Context given)
                throws IOException {
              output.write(respondToStream(input, failure));
            }
          }.handleRequest(stream(), out, context);
          return out.toByteArray();
        });
    forms.put(
        "TrackedHandlers.wrap(RequestHandler)",
        (context, failure) ->
            TrackedHandlers.wrap(
                    (RequestHandler<String, String>) (input, given) -> respond(input, failure),
                    config())
                .handleRequest("event", context));
    forms.put(
        "TrackedHandlers.wrap(RequestStreamHandler)",
        (context, failure) -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          TrackedHandlers.wrap(
                  (RequestStreamHandler)
                      (input, output, given) -> output.write(respondToStream(input, failure)),
                  config())
              .handleRequest(stream(), out, context);
          return out.toByteArray();
        });
    return forms;
  }

  private static ByteArrayInputStream stream() {
    return new ByteArrayInputStream("event".getBytes(StandardCharsets.UTF_8));
  }

  private static String respond(String input, RuntimeException failure) {
    ProcessTracker.current().setMetric("handled", 1);
    if (failure != null) {
      throw failure;
    }
    return "done:" + input;
  }

  private static byte[] respondToStream(InputStream input, RuntimeException failure)
      throws IOException {
    return respond(new String(input.readAllBytes(), StandardCharsets.UTF_8), failure)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String expectedLine(String brokenGetter, boolean failed) {
    StringBuilder line =
        new StringBuilder(
            "{\"latencies\":{\"entry\":0.000},\"untracked\":0.000,\"metrics\":{\"handled\":1");
    if (failed) {
      line.append(",\"failed\":1,\"exception_type\":\"java.lang.IllegalStateException\"");
    }
    line.append('}');
    IDENTIFIER_GETTERS.forEach(
        (identifier, getter) -> {
          if (!brokenGetter.equals(getter)) {
            line.append(",\"")
                .append(identifier)
                .append("\":")
                .append(IDENTIFIER_JSON.get(identifier));
          }
        });
    return line.append("}\n").toString();
  }

  @Test
  void everyGetterThrowingAnyThrowableLeavesTheHandlerItsResultOrExceptionAndTheLine()
      throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, Form> form : forms().entrySet()) {
      for (String getter : GETTERS) {
        for (Supplier<Throwable> throwable : throwables()) {
          for (boolean handlerThrows : new boolean[] {false, true}) {
            String what =
                form.getKey()
                    + ", "
                    + getter
                    + " throwing "
                    + throwable.get()
                    + (handlerThrows ? ", handler throwing" : "");
            TestContext delegate =
                TestContext.builder()
                    .requestId("r-1")
                    .functionName("orders")
                    .functionVersion("7")
                    .xrayTraceId("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
                    .tenantId("tenant-1")
                    .build();
            Context context = new ThrowingGetterContext(delegate, getter, throwable.get());
            IllegalStateException failure =
                handlerThrows ? new IllegalStateException("handler failed") : null;
            ColdStart.reset();
            Object[] result = new Object[1];
            Throwable[] caught = new Throwable[1];
            String out =
                EveryInvocationWritesOneLineTest.captureStandardOutput(
                    () -> {
                      try {
                        result[0] = form.getValue().invoke(context, failure);
                      } catch (Throwable any) {
                        caught[0] = any;
                      }
                    });
            checked++;
            if (handlerThrows) {
              if (caught[0] != failure) {
                failures.add(what + ": the handler's exception was replaced by " + caught[0]);
                continue;
              }
            } else if (caught[0] != null) {
              failures.add(what + ": threw " + caught[0]);
              continue;
            } else if (!"done:event"
                .equals(
                    result[0] instanceof byte[]
                        ? new String((byte[]) result[0], StandardCharsets.UTF_8)
                        : result[0])) {
              failures.add(what + ": returned " + result[0]);
              continue;
            }
            List<String> written =
                getter.equals("getLogger")
                    ? (out.isEmpty() ? List.of() : List.of(out))
                    : Contexts.byteEvents(delegate);
            List<String> expected = List.of(expectedLine(getter, handlerThrows));
            if (!written.equals(expected)) {
              failures.add(what + ": wrote " + written + " instead of " + expected);
            }
          }
        }
      }
    }
    assertEquals(4 * GETTERS.length * 3 * 2, checked);
    if (!failures.isEmpty()) {
      fail(failures.size() + " cases failed:\n" + String.join("\n", failures));
    }
  }

  @Test
  void aRemainingTimeThatCannotBeReadLeavesTheInvocationUnwatched() {
    int before = TimeoutWatch.watchedCount();
    int[] watchedDuring = new int[1];
    TestContext delegate = TestContext.builder().build();
    String result =
        new TrackedRequestHandler<String, String>(config()) {
          @Override
          protected String handleTracked(String input, Context given) {
            watchedDuring[0] = TimeoutWatch.watchedCount();
            return input;
          }
        }.handleRequest(
            "x",
            new ThrowingGetterContext(
                delegate, "getRemainingTimeInMillis", new StackOverflowError()));
    assertEquals("x", result);
    assertEquals(before, watchedDuring[0]);
    assertEquals(1, Contexts.byteEvents(delegate).size());
    assertEquals(before, TimeoutWatch.watchedCount());
  }
}
