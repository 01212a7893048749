package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each {@code trackProcess} writes one line: the entry's latency, the timers, metrics and
 * identifiers recorded inside, in the documented shape; the body's value comes back, and one
 * tracker serves run after run.
 */
class EachRunWritesOneLineTest extends OneTrackerWritingToAList {
  @Test
  void emptyProcessWritesItsOwnLatencyAndEmptyMetrics() {
    tracker.trackProcess("main", () -> ticker.advanceMicros(18));
    assertEquals("{\"latencies\":{\"main\":0.018},\"metrics\":{}}", onlyLine());
  }

  @Test
  void pythonQuickStartShapeWithTimersTrackedCodeMetricsAndIdentifiers() {
    tracker.trackProcess(
        "some_function",
        () -> {
          ticker.advanceMicros(1_000);
          try (Timer timer = tracker.timer("some_process_name")) {
            ticker.advanceMicros(2_500);
            tracker.track("some_other_function", () -> ticker.advanceMicros(250));
          }
          tracker.setMetric("some_function_errors", 1);
          tracker.setMetric("some_function_error_name", "ValueError");
          tracker.setIdentifier("correlation_id", "00000000-0000-0000-0000-000000000001");
        });
    assertEquals(
        "{\"latencies\":{\"some_function\":3.750,\"some_process_name\":2.750,"
            + "\"some_other_function\":0.250},"
            + "\"metrics\":{\"some_function_errors\":1,\"some_function_error_name\":\"ValueError\"},"
            + "\"correlation_id\":\"00000000-0000-0000-0000-000000000001\"}",
        onlyLine());
  }

  @Test
  void trackProcessReturnsTheBodysValue() {
    Object value = new Object();
    assertSame(value, tracker.trackProcess("main", () -> value));
  }

  @Test
  void trackReturnsTheCodesValue() {
    Object value = new Object();
    Object[] seen = new Object[1];
    tracker.trackProcess(
        "main",
        () -> {
          seen[0] = tracker.track("step", () -> value);
        });
    assertSame(value, seen[0]);
  }

  @Test
  void aTrackerIsReusableAndEachRunWritesItsOwnLine() {
    tracker.trackProcess(
        "main",
        () -> {
          ticker.advanceMicros(100);
          tracker.setMetric("first_only", 1);
          tracker.setIdentifier("run", "1");
        });
    tracker.trackProcess("again", () -> tracker.setIdentifier("run", "2"));
    assertEquals(
        List.of(
            "{\"latencies\":{\"main\":0.100},\"metrics\":{\"first_only\":1},\"run\":\"1\"}",
            "{\"latencies\":{\"again\":0.000},\"metrics\":{},\"run\":\"2\"}"),
        lines);
  }

  @Test
  void defaultOutputIsStandardOutputWithALineBreak() {
    String out =
        StandardStreams.captureOut(() -> new ProcessTracker().trackProcess("main", () -> {}));
    assertTrue(
        out.matches("\\{\"latencies\":\\{\"main\":\\d+\\.\\d{3}},\"metrics\":\\{}}\\R"), out);
  }

  @Test
  void consumerConstructorDeliversTheLine() {
    List<String> got = new ArrayList<>();
    new ProcessTracker(got::add).trackProcess("main", () -> {});
    assertEquals(1, got.size());
    assertTrue(got.get(0).startsWith("{\"latencies\":{\"main\":"), got.get(0));
  }

  @Test
  void toStringNamesTheProcessAndState() {
    assertEquals("ProcessTracker[no run]", tracker.toString());
    ProcessTracker[] run = new ProcessTracker[1];
    tracker.trackProcess(
        "main",
        () -> {
          assertEquals("ProcessTracker[main, running]", tracker.toString());
          run[0] = ProcessTracker.current();
        });
    assertEquals("ProcessTracker[no run]", tracker.toString());
    assertEquals("ProcessTracker[main, written]", run[0].toString());
    assertEquals("ProcessTracker[detached]", ProcessTracker.current().toString());
    assertEquals("Timer[x]", tracker.timer("x").toString());
  }
}
