package io.github.goblinfish.examples.docs.javadoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.test.CapturedLines;
import io.github.goblinfish.metrics.trackers.test.LoggedEvent;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The usage examples of the test kit's Javadoc ({@code io.github.goblinfish.metrics.trackers.test}),
 * compiled; the one of TrackerLinesExtension is {@code extension/OrderLookupHandlerTest}.
 */
@SuppressWarnings("unused")
abstract class TestKitExamples {
  interface Blackhole {
    void consume(Object value);
  }

  Blackhole blackhole;
  RequestHandler<String, String> handler;
  String event;

  void trackerLine(TestContext context) {
    TrackerLine line = TrackerLine.parse(context.lines().get(0));
    assertEquals(List.of("OrderHandler", "load_order"), line.latencyNames());
    assertEquals(3, line.metric("order_lines"));
    assertEquals("ord-1001", line.identifier("order_id"));
    assertEquals(List.of(), line.warnings());
  }

  void trackerLineParse() {
    TrackerLine line = TrackerLine.parse("{\"latencies\":{\"main\":1.250},\"metrics\":{}}");
  }

  void testContext() {
    TestContext context = TestContext.builder().functionName("orders").build();
    handler.handleRequest(event, context);
    assertEquals(1, context.lines().size());
  }

  void testContextCreate() {
    String response = handler.handleRequest(event, TestContext.create());
  }

  void testContextBuilder() {
    TestContext context = TestContext.builder().requestId("r-1").functionName("orders").build();
  }

  void testContextLines(TestContext context) {
    TrackerLine line = TrackerLine.parse(context.lines().get(0));
  }

  void testContextSettings() {
    TestContext context = TestContext.builder()
        .requestId("5e0c2a1f-8b7d-4c3e-9a6f-1d2e3f4a5b6c")
        .functionName("orders")
        .memoryLimitInMB(512)
        .timeout(Duration.ofSeconds(10))
        .xrayTraceId("Root=1-6745a3c2-0e1d2c3b4a5968778695a4b3;Sampled=1")
        .build();
  }

  void testContextLogTo() {
    Context context = TestContext.builder().logTo(blackhole::consume).build();
  }

  @Test
  void timesTheLookup(CapturedLines lines) {
    handler.handleRequest(event, TestContext.create());
    assertTrue(lines.only().hasLatency("load_order"));
  }

  void loggedEvent(TestContext context) {
    LoggedEvent event = context.logged().get(0);
    assertTrue(event.viaBytes()); // a tracker line comes through log(byte[])
  }
}
