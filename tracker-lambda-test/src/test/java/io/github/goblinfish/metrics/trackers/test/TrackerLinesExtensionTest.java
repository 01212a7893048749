package io.github.goblinfish.metrics.trackers.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

@ExtendWith(TrackerLinesExtension.class)
class TrackerLinesExtensionTest {

  /** Times one step and counts the order's lines, as a user's handler would. */
  static final class OrderHandler extends TrackedRequestHandler<Map<String, Integer>, String> {
    OrderHandler() {}

    OrderHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected String handleTracked(Map<String, Integer> order, Context context) {
      try (Timer timer = tracker().timer("load_order")) {
        tracker().setMetric("order_lines", order.get("lines"));
      }
      return "ok";
    }
  }

  @Test
  void theInvocationsLineIsCapturedAndStillReachesTheContextsLogger(CapturedLines lines) {
    TestContext context = TestContext.builder().requestId("req-1").functionName("orders").build();

    assertEquals("ok", new OrderHandler().handleRequest(Map.of("lines", 3), context));

    TrackerLine line = lines.only();
    assertEquals(List.of("OrderHandler", "load_order"), line.latencyNames());
    assertEquals(3, line.metric("order_lines"));
    assertEquals("req-1", line.identifier("request_id"));
    assertEquals("orders", line.identifier("function_name"));
    assertEquals(context.lines(), lines.texts());
  }

  @Test
  void eachTestStartsAsAColdProcess(CapturedLines lines) {
    OrderHandler handler = new OrderHandler();
    handler.handleRequest(Map.of("lines", 1), TestContext.create());
    handler.handleRequest(Map.of("lines", 2), TestContext.create());

    List<TrackerLine> all = lines.all();
    assertEquals(2, all.size());
    assertEquals(true, all.get(0).identifier("cold_start"));
    assertEquals(false, all.get(1).identifier("cold_start"));
  }

  @Test
  void eachTestStartsAsAColdProcessAgain(CapturedLines lines) {
    new OrderHandler().handleRequest(Map.of("lines", 1), TestContext.create());

    assertEquals(true, lines.only().identifier("cold_start"));
  }

  @Test
  void linesOfAnyTrackerOutputAndFormatAreCaptured(CapturedLines lines) {
    List<String> ownOutput = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder()
            .output(ownOutput::add)
            .format(record -> "process=" + record.processName())
            .build();
    tracker.trackProcess("batch", () -> {});

    assertEquals(List.of("process=batch"), ownOutput);
    assertEquals(List.of("process=batch"), lines.texts());
    assertThrows(IllegalArgumentException.class, lines::all);
  }

  /** Finding 7 of issue 21: the line of a handler whose ticker throws has no latency. */
  @Test
  void theLineOfAHandlerWhoseTickerThrowsIsReadWithNoLatency(CapturedLines lines) {
    HandlerConfig config =
        HandlerConfig.builder()
            .ticker(
                () -> {
                  throw new IllegalStateException("clock gone");
                })
            .build();
    OrderHandler handler = new OrderHandler(config);

    assertEquals("ok", handler.handleRequest(Map.of("lines", 2), TestContext.create()));

    TrackerLine line = lines.only();
    assertEquals(List.of(), line.latencyNames());
    assertEquals(2, line.metric("order_lines"));
    assertEquals(true, line.identifier("cold_start"));
    assertEquals(1, line.warnings().size(), line.warnings().toString());
  }

  @Test
  void onlyFailsWhenThereIsNoLineOrMoreThanOne(CapturedLines lines) {
    assertEquals(
        "expected exactly one tracker line, but 0 were written: []",
        assertThrows(AssertionError.class, lines::only).getMessage());
    ProcessTracker tracker = ProcessTracker.builder().output(line -> {}).build();
    tracker.trackProcess("a", () -> {});
    tracker.trackProcess("b", () -> {});
    AssertionError two = assertThrows(AssertionError.class, lines::only);
    assertTrue(
        two.getMessage().startsWith("expected exactly one tracker line, but 2 were"),
        two.getMessage());
  }

  // --- around each test, run through the JUnit engine -------------------------------------------

  /** What {@link Captures} saw, read after its run. */
  static final List<CapturedLines> seen = new CopyOnWriteArrayList<>();

  /** Run by {@link #captureEndsWithItsTestAndBeforeEachMethodsGetTheSameLines()} only. */
  static class Captures {
    @RegisterExtension final TrackerLinesExtension extension = new TrackerLinesExtension();

    private CapturedLines fromBeforeEach;

    @BeforeEach
    void writeALine(CapturedLines lines) {
      fromBeforeEach = lines;
      ProcessTracker.builder().output(line -> {}).build().trackProcess("before", () -> {});
    }

    @Test
    void one(CapturedLines lines) {
      assertTrue(lines == fromBeforeEach, "one CapturedLines per test");
      seen.add(lines);
    }

    @Test
    void two(CapturedLines lines) {
      seen.add(lines);
    }
  }

  @Test
  void captureEndsWithItsTestAndBeforeEachMethodsGetTheSameLines() {
    seen.clear();
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Captures.class))
        .execute()
        .testEvents()
        .assertStatistics(statistics -> statistics.succeeded(2).failed(0));
    assertEquals(2, seen.size());
    assertTrue(seen.get(0) != seen.get(1), "a fresh CapturedLines per test");

    ProcessTracker.builder().output(line -> {}).build().trackProcess("after", () -> {});

    for (CapturedLines lines : seen) {
      assertEquals(1, lines.texts().size(), lines.toString());
      assertEquals(List.of("before"), lines.all().get(0).latencyNames());
    }
  }

  /** Run by {@link #registeredTwiceForATestItCapturesOnceAndLeavesNoObserverBehind()} only. */
  @ExtendWith(TrackerLinesExtension.class)
  static class RegisteredTwice {
    @RegisterExtension final TrackerLinesExtension again = new TrackerLinesExtension();

    @Test
    void one(CapturedLines lines) {
      ProcessTracker.builder().output(line -> {}).build().trackProcess("one", () -> {});
      assertEquals(List.of("one"), lines.only().latencyNames());
      seen.add(lines);
    }

    @Test
    void two(CapturedLines lines) {
      ProcessTracker.builder().output(line -> {}).build().trackProcess("two", () -> {});
      assertEquals(List.of("two"), lines.only().latencyNames());
      seen.add(lines);
    }
  }

  @Test
  void registeredTwiceForATestItCapturesOnceAndLeavesNoObserverBehind() throws Exception {
    int observersBefore = registeredObservers();
    seen.clear();
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(RegisteredTwice.class))
        .execute()
        .testEvents()
        .assertStatistics(statistics -> statistics.succeeded(2).failed(0));

    assertEquals(observersBefore, registeredObservers());
    assertEquals(2, seen.size());
    ProcessTracker.builder().output(line -> {}).build().trackProcess("after", () -> {});
    for (CapturedLines lines : seen) {
      assertEquals(1, lines.texts().size(), lines.toString());
    }
  }

  /**
   * How many line observers are registered in this JVM now: the library keeps the count to itself,
   * and a leaked observer shows nowhere else.
   */
  private static int registeredObservers() throws Exception {
    Class<?> observers =
        Class.forName("io.github.goblinfish.metrics.trackers.internal.LineObservers");
    Method current = observers.getDeclaredMethod("current");
    current.setAccessible(true);
    return ((Object[]) current.invoke(null)).length;
  }
}
