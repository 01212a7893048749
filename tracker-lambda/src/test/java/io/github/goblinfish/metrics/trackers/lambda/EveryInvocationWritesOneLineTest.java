package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.LineJson;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.StandardStreams;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EveryInvocationWritesOneLineTest {
  private final FakeTicker ticker = new FakeTicker();

  @BeforeEach
  void freshProcess() {
    ColdStart.reset();
  }

  /** A handler whose work is given by the test. */
  static final class OrderHandler extends TrackedRequestHandler<Map<String, String>, String> {
    private final Function<Map<String, String>, String> work;

    OrderHandler(HandlerConfig config, Function<Map<String, String>, String> work) {
      super(config);
      this.work = work;
    }

    @Override
    protected String handleTracked(Map<String, String> input, Context context) {
      return work.apply(input);
    }

    ProcessTracker exposedTracker() {
      return tracker();
    }
  }

  private HandlerConfig.Builder config() {
    return HandlerConfig.builder().ticker(ticker);
  }

  @Test
  void writesOneLineThroughTheLoggersByteMethodWithTheAutomaticIdentifiers() {
    OrderHandler handler =
        new OrderHandler(
            config().build(),
            input -> {
              try (Timer timer = ProcessTracker.current().timer("load_order")) {
                ticker.advanceMicros(1_250);
              }
              ProcessTracker.current().setIdentifier("order_id", input.get("id"));
              return "order " + input.get("id");
            });
    TestContext context =
        Contexts.of(
            "req-1", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

    assertEquals("order 7", handler.handleRequest(Map.of("id", "7"), context));

    assertEquals(List.of(), Contexts.textEvents(context));
    assertEquals(
        List.of(
            "{\"latencies\":{\"OrderHandler\":1.250,\"load_order\":1.250},\"untracked\":0.000,"
                + "\"metrics\":{},"
                + "\"request_id\":\"req-1\",\"function_name\":\"orders\","
                + "\"function_version\":\"$LATEST\",\"cold_start\":true,"
                + "\"xray_trace_id\":\"1-5759e988-bd862e3fe1be46a994272793\","
                + "\"order_id\":\"7\"}\n"),
        Contexts.byteEvents(context));
  }

  @Test
  void coldStartIsTrueOnlyForTheFirstInvocation() {
    OrderHandler handler = new OrderHandler(config().build(), input -> "ok");
    TestContext first = Contexts.of("a");
    TestContext second = Contexts.of("b");
    handler.handleRequest(Map.of(), first);
    handler.handleRequest(Map.of(), second);
    assertTrue(Contexts.byteEvents(first).get(0).contains("\"cold_start\":true"));
    assertTrue(Contexts.byteEvents(second).get(0).contains("\"cold_start\":false"));
  }

  @Test
  void identifiersCanBeRenamedOrOmittedAndTheEntryNamed() {
    OrderHandler handler =
        new OrderHandler(
            config()
                .entryName("orders_api")
                .identifierName(LambdaIdentifier.REQUEST_ID, "aws_request_id")
                .omitIdentifier(LambdaIdentifier.FUNCTION_NAME)
                .omitIdentifier(LambdaIdentifier.FUNCTION_VERSION)
                .omitIdentifier(LambdaIdentifier.COLD_START)
                .build(),
            input -> "ok");
    TestContext context = Contexts.of("req-2");
    handler.handleRequest(Map.of(), context);
    assertEquals(
        List.of(
            "{\"latencies\":{\"orders_api\":0.000},\"untracked\":0.000,\"metrics\":{},\"aws_request_id\":\"req-2\"}\n"),
        Contexts.byteEvents(context));
  }

  @Test
  void allIdentifiersCanBeOmitted() {
    List<String> lines = new ArrayList<>();
    new OrderHandler(config().omitAllIdentifiers().output(lines::add).build(), input -> "ok")
        .handleRequest(Map.of(), Contexts.of("r"));
    assertEquals(
        List.of("{\"latencies\":{\"OrderHandler\":0.000},\"untracked\":0.000,\"metrics\":{}}"),
        lines);
  }

  @Test
  void outputConsumerReplacesTheLogger() {
    List<String> lines = new ArrayList<>();
    TestContext context = Contexts.of("req-3");
    new OrderHandler(config().output(lines::add).build(), input -> "ok")
        .handleRequest(Map.of(), context);
    assertEquals(
        List.of(
            "{\"latencies\":{\"OrderHandler\":0.000},\"untracked\":0.000,\"metrics\":{},\"request_id\":\"req-3\","
                + "\"function_name\":\"orders\",\"function_version\":\"$LATEST\","
                + "\"cold_start\":true}"),
        lines);
    assertTrue(Contexts.byteEvents(context).isEmpty());
  }

  @Test
  void theHandlersExceptionReachesTheRuntimeUnchangedAndTheLineRecordsIt() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad order");
    OrderHandler handler =
        new OrderHandler(
            config().omitAllIdentifiers().build(),
            input -> {
              ticker.advanceMicros(3);
              throw thrown;
            });
    TestContext context = Contexts.of("req-4");
    assertSame(
        thrown,
        assertThrows(
            IllegalArgumentException.class, () -> handler.handleRequest(Map.of(), context)));
    assertEquals(
        List.of(
            "{\"latencies\":{\"OrderHandler\":0.003},\"untracked\":0.003,\"metrics\":{\"failed\":1,"
                + "\"exception_type\":\"java.lang.IllegalArgumentException\"}}\n"),
        Contexts.byteEvents(context));
  }

  @Test
  void theHandlersResultIsTheSameObject() {
    String result = new String("result");
    OrderHandler handler = new OrderHandler(config().build(), input -> result);
    assertSame(result, handler.handleRequest(Map.of(), Contexts.of("r")));
  }

  @Test
  void aContextWhoseLoggerIsNullFallsBackToTheRuntimeLogger() {
    Context context = mock(Context.class);
    when(context.getLogger()).thenReturn(null);
    when(context.getAwsRequestId()).thenReturn("req-5");
    String out =
        captureStandardOutput(
            () ->
                new OrderHandler(config().build(), input -> "ok").handleRequest(Map.of(), context));
    assertEquals(
        "{\"latencies\":{\"OrderHandler\":0.000},\"untracked\":0.000,\"metrics\":{},\"request_id\":\"req-5\","
            + "\"cold_start\":true}\n",
        out);
  }

  @Test
  void aNullContextStillWorks() {
    String out =
        captureStandardOutput(
            () ->
                assertEquals(
                    "ok",
                    new OrderHandler(config().build(), input -> "ok")
                        .handleRequest(Map.of(), null)));
    assertEquals(
        "{\"latencies\":{\"OrderHandler\":0.000},\"untracked\":0.000,\"metrics\":{},\"cold_start\":true}\n",
        out);
  }

  @Test
  void aContextWhoseGettersThrowLosesOnlyThoseIdentifiers() {
    Context context = mock(Context.class);
    when(context.getAwsRequestId()).thenThrow(new UnsupportedOperationException());
    when(context.getFunctionName()).thenReturn("orders");
    when(context.getLogger()).thenThrow(new UnsupportedOperationException());
    String out =
        captureStandardOutput(
            () ->
                new OrderHandler(config().build(), input -> "ok").handleRequest(Map.of(), context));
    assertEquals(
        "{\"latencies\":{\"OrderHandler\":0.000},\"untracked\":0.000,\"metrics\":{},\"function_name\":\"orders\","
            + "\"cold_start\":true}\n",
        out);
  }

  @Test
  void aLoggerThatThrowsDoesNotChangeTheResult() {
    Context context = mock(Context.class);
    when(context.getLogger())
        .thenReturn(
            new com.amazonaws.services.lambda.runtime.LambdaLogger() {
              @Override
              public void log(String message) {
                throw new IllegalStateException("closed");
              }

              @Override
              public void log(byte[] message) {
                throw new IllegalStateException("closed");
              }
            });
    String[] result = new String[1];
    String err =
        captureStandardError(
            () ->
                result[0] =
                    new OrderHandler(config().omitAllIdentifiers().build(), input -> "ok")
                        .handleRequest(Map.of(), context));
    assertEquals("ok", result[0]);
    assertEquals(
        "tracker-lambda: the output function threw: java.lang.IllegalStateException: closed;"
            + " the line was: {\"latencies\":{\"OrderHandler\":0.000},\"untracked\":0.000,\"metrics\":{}}"
            + System.lineSeparator(),
        err);
  }

  @Test
  void trackerOutsideAnInvocationIsDetached() {
    OrderHandler handler = new OrderHandler(config().build(), input -> "ok");
    assertFalse(handler.exposedTracker().isRecording());
  }

  @Test
  void traceRootIsTakenFromTheHeaderOrTheBareId() {
    assertEquals("1-abc-def", XrayTrace.root(Contexts.of("r", "Root=1-abc-def;Sampled=0")));
    assertEquals("1-abc-def", XrayTrace.root(Contexts.of("r", "Sampled=0; Root=1-abc-def")));
    assertEquals("1-abc-def", XrayTrace.root(Contexts.of("r", "1-abc-def")));
    assertEquals(null, XrayTrace.root(Contexts.of("r", "Parent=1;Sampled=0")));
    assertEquals(null, XrayTrace.root(Contexts.of("r", " ")));
  }

  @Test
  void configRejectsBadNamesWithTheTrackersOwnMessages() {
    ProcessTracker tracker = ProcessTracker.builder().output(line -> {}).build();
    for (String bad : new String[] {null, " ", "", "metrics", "latencies"}) {
      String fromTheTracker =
          assertThrows(RuntimeException.class, () -> tracker.setIdentifier(bad, "v")).getMessage();
      RuntimeException fromTheConfig =
          assertThrows(
              RuntimeException.class,
              () -> HandlerConfig.builder().identifierName(LambdaIdentifier.REQUEST_ID, bad));
      assertEquals(fromTheTracker, fromTheConfig.getMessage(), String.valueOf(bad));
      assertEquals(bad == null, fromTheConfig instanceof NullPointerException);
    }
    assertEquals(
        "identifier name 'metrics' is reserved for the line's own keys "
            + ProcessTracker.RESERVED_NAMES,
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    HandlerConfig.builder().identifierName(LambdaIdentifier.REQUEST_ID, "metrics"))
            .getMessage());
    assertEquals(
        "name must not be null",
        assertThrows(NullPointerException.class, () -> HandlerConfig.builder().entryName(null))
            .getMessage());
    assertEquals(
        "name must not be blank",
        assertThrows(IllegalArgumentException.class, () -> HandlerConfig.builder().entryName(" "))
            .getMessage());
  }

  @Test
  void wrappedHandlerIsTrackedByComposition() {
    List<String> lines = new ArrayList<>();
    com.amazonaws.services.lambda.runtime.RequestHandler<String, Integer> tracked =
        TrackedHandlers.wrap(
            new LengthHandler(ticker), config().omitAllIdentifiers().output(lines::add).build());
    assertEquals(5, tracked.handleRequest("hello", Contexts.of("r")));
    assertEquals(
        List.of(
            "{\"latencies\":{\"LengthHandler\":0.010,\"count\":0.010},\"untracked\":0.000,\"metrics\":{\"length\":5}}"),
        lines);
  }

  @Test
  void wrappedStreamHandlerIsTrackedAndItsIOExceptionPassesThrough() {
    List<String> lines = new ArrayList<>();
    IOException thrown = new IOException("broken pipe");
    com.amazonaws.services.lambda.runtime.RequestStreamHandler tracked =
        TrackedHandlers.wrap(
            (in, out, context) -> {
              throw thrown;
            },
            config().entryName("stream").omitAllIdentifiers().output(lines::add).build());
    assertSame(
        thrown,
        assertThrows(
            IOException.class,
            () ->
                tracked.handleRequest(
                    new java.io.ByteArrayInputStream(new byte[0]),
                    new ByteArrayOutputStream(),
                    Contexts.of("r"))));
    assertEquals(
        List.of(
            "{\"latencies\":{\"stream\":0.000},\"untracked\":0.000,"
                + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.io.IOException\"}}"),
        lines);
  }

  static final class LengthHandler
      implements com.amazonaws.services.lambda.runtime.RequestHandler<String, Integer> {
    private final FakeTicker ticker;

    LengthHandler(FakeTicker ticker) {
      this.ticker = ticker;
    }

    @Override
    public Integer handleRequest(String input, Context context) {
      ProcessTracker tracker = ProcessTracker.current();
      int length =
          tracker.track(
              "count",
              () -> {
                ticker.advanceMicros(10);
                return input.length();
              });
      tracker.setMetric("length", length);
      return length;
    }
  }

  @Test
  void streamHandlerTracksAndWritesItsResponse() throws IOException {
    List<String> lines = new ArrayList<>();
    TrackedRequestStreamHandler handler =
        new TrackedRequestStreamHandler(config().omitAllIdentifiers().output(lines::add).build()) {
          @Override
          protected void handleTracked(
              java.io.InputStream input, java.io.OutputStream output, Context context)
              throws IOException {
            byte[] event = tracker().track("read_event", () -> input.readAllBytes());
            tracker().setMetric("event_bytes", event.length);
            output.write(event);
          }
        };
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handleRequest(
        new java.io.ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
        response,
        Contexts.of("r"));
    assertEquals("{\"a\":1}", response.toString(StandardCharsets.UTF_8));
    assertEquals(1, lines.size());
    assertTrue(
        lines
            .get(0)
            .matches(
                "\\{\"latencies\":\\{\"[^\"]+\":0\\.000,\"read_event\":0\\.000},"
                    + "\"untracked\":0\\.000,\"metrics\":\\{\"event_bytes\":7}}"),
        lines.get(0));
  }

  static String captureStandardOutput(Runnable action) {
    return StandardStreams.captureOut(action);
  }

  static String captureStandardError(Runnable action) {
    return StandardStreams.captureErr(action);
  }

  // --- wrapping without a configuration, and the X-Ray header of older runtime clients -----------

  private static final String XRAY_PROPERTY = "com.amazonaws.xray.traceHeader";

  /** Counts the characters of its event into the current run. */
  static final class Measure implements RequestHandler<String, Integer> {
    @Override
    public Integer handleRequest(String input, Context context) {
      ProcessTracker.current().setMetric("chars", input.length());
      return input.length();
    }
  }

  /** Echoes its event, counting the bytes into the current run. */
  static final class Echo implements RequestStreamHandler {
    @Override
    public void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context context)
        throws IOException {
      byte[] event = in.readAllBytes();
      ProcessTracker.current().setMetric("bytes", event.length);
      out.write(event);
    }
  }

  private static JsonObject onlyByteLine(TestContext context) {
    assertEquals(List.of(), Contexts.textEvents(context));
    assertEquals(1, Contexts.byteEvents(context).size());
    String event = Contexts.byteEvents(context).get(0);
    assertTrue(event.endsWith("}\n"), event);
    return LineJson.parseLine(event.substring(0, event.length() - 1));
  }

  @Test
  void wrappingARequestHandlerWithoutAConfigurationUsesTheDefaultsAndTheInvocationsLogger() {
    RequestHandler<String, Integer> tracked = TrackedHandlers.wrap(new Measure());
    TestContext context = Contexts.of("req-w");
    assertEquals(5, tracked.handleRequest("hello", context));
    JsonObject line = onlyByteLine(context);
    assertEquals(
        List.of(
            "latencies",
            "untracked",
            "metrics",
            "request_id",
            "function_name",
            "function_version",
            "cold_start"),
        new ArrayList<>(line.keySet()));
    assertEquals(List.of("Measure"), new ArrayList<>(line.getAsJsonObject("latencies").keySet()));
    assertEquals("{\"chars\":5}", line.get("metrics").toString());
    assertEquals("req-w", line.get("request_id").getAsString());
    assertTrue(line.get("cold_start").getAsBoolean());
  }

  @Test
  void wrappingAStreamHandlerWithoutAConfigurationUsesTheDefaultsAndTheInvocationsLogger()
      throws IOException {
    RequestStreamHandler tracked = TrackedHandlers.wrap(new Echo());
    TestContext context = Contexts.of("req-s");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tracked.handleRequest(
        new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), out, context);
    assertEquals("{\"a\":1}", out.toString(StandardCharsets.UTF_8));
    JsonObject line = onlyByteLine(context);
    assertEquals(List.of("Echo"), new ArrayList<>(line.getAsJsonObject("latencies").keySet()));
    assertEquals("{\"bytes\":7}", line.get("metrics").toString());
    assertEquals("req-s", line.get("request_id").getAsString());
  }

  @Test
  void withoutAHeaderInTheContextTheTraceRootComesFromTheOlderClientsSystemProperty() {
    String before = System.getProperty(XRAY_PROPERTY);
    System.setProperty(XRAY_PROPERTY, "Root=1-fallback-0001;Parent=53995c3f42cd8ad8;Sampled=1");
    try {
      assertEquals("1-fallback-0001", XrayTrace.root(Contexts.of("r", null)));
      assertEquals(
          "1-from-context",
          XrayTrace.root(Contexts.of("r", "Root=1-from-context")),
          "the Context's own header wins");
    } finally {
      if (before == null) {
        System.clearProperty(XRAY_PROPERTY);
      } else {
        System.setProperty(XRAY_PROPERTY, before);
      }
    }
    if (before == null) {
      assertEquals(null, XrayTrace.root(Contexts.of("r", null)));
    }
  }
}
