package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import io.github.goblinfish.metrics.trackers.LineJson;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handler paths the other tests did not reach: wrapping without a configuration, and the X-Ray
 * header of runtime clients older than core 1.4.0.
 */
class HandlerMutationGapTest {
  private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

  @BeforeEach
  void freshProcess() {
    ColdStart.resetForTests();
  }

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

  private static JsonObject onlyLine(TestContext context) {
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
    JsonObject line = onlyLine(context);
    assertEquals(
        List.of(
            "latencies", "metrics", "request_id", "function_name", "function_version", "cold_start"),
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
    JsonObject line = onlyLine(context);
    assertEquals(List.of("Echo"), new ArrayList<>(line.getAsJsonObject("latencies").keySet()));
    assertEquals("{\"bytes\":7}", line.get("metrics").toString());
    assertEquals("req-s", line.get("request_id").getAsString());
  }

  @Test
  void theDefaultConfigurationNamesEveryAutomaticIdentifierByDefault() {
    assertEquals(
        Map.of(
            LambdaIdentifier.REQUEST_ID, "request_id",
            LambdaIdentifier.FUNCTION_NAME, "function_name",
            LambdaIdentifier.FUNCTION_VERSION, "function_version",
            LambdaIdentifier.COLD_START, "cold_start",
            LambdaIdentifier.INIT_TYPE, "init_type",
            LambdaIdentifier.XRAY_TRACE_ID, "xray_trace_id",
            LambdaIdentifier.TENANT_ID, "tenant_id"),
        HandlerConfig.defaults().identifierNames());
  }

  @Test
  void withoutAHeaderInTheContextTheTraceRootComesFromTheOlderClientsSystemProperty() {
    String before = System.getProperty(TRACE_PROPERTY);
    System.setProperty(TRACE_PROPERTY, "Root=1-fallback-0001;Parent=53995c3f42cd8ad8;Sampled=1");
    try {
      assertEquals("1-fallback-0001", XrayTrace.root(Contexts.of("r", null)));
      assertEquals(
          "1-from-context", XrayTrace.root(Contexts.of("r", "Root=1-from-context")),
          "the Context's own header wins");
    } finally {
      if (before == null) {
        System.clearProperty(TRACE_PROPERTY);
      } else {
        System.setProperty(TRACE_PROPERTY, before);
      }
    }
    if (before == null) {
      assertEquals(null, XrayTrace.root(Contexts.of("r", null)));
    }
  }
}
