package io.github.goblinfish.metrics.trackers.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrackerLineTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  /** One run of a real tracker in {@code format}: two steps, one of them twice, and values. */
  private String lineIn(LineFormat format) {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder().output(lines::add).ticker(nanos::get).format(format).build();
    tracker.trackProcess(
        "handler",
        () -> {
          try (Timer timer = tracker.timer("load_order")) {
            nanos.addAndGet(7_000_000L);
          }
          for (int i = 0; i < 3; i++) {
            try (Timer timer = tracker.timer("process_line")) {
              nanos.addAndGet(1_250_000L);
            }
          }
          tracker.setMetric("order_lines", 3);
          tracker.setMetric("ratio", Double.NaN);
          tracker.setMetric("big", 9_007_199_254_740_993L);
          tracker.setMetric("kind", "express");
          tracker.setIdentifier("order_id", "ord-1001");
          tracker.setIdentifier("cold_start", true);
          tracker.setIdentifier("note", null);
        });
    assertEquals(1, lines.size());
    return lines.get(0);
  }

  @Test
  void readsEveryPartOfTheDefaultLine() {
    TrackerLine line = TrackerLine.parse(lineIn(LineFormat.json()));

    assertEquals("handler", line.processName());
    assertEquals(List.of("handler", "load_order", "process_line"), line.latencyNames());
    assertEquals(10.75, line.latencyMillis("handler"));
    assertEquals(7.0, line.latencyMillis("load_order"));
    assertEquals(3.75, line.latencyMillis("process_line"));
    assertEquals(1, line.latencyCount("load_order"));
    assertEquals(3, line.latencyCount("process_line"));
    assertTrue(line.hasLatency("load_order"));
    assertFalse(line.hasLatency("bill"));
    assertEquals(Set.of("order_lines", "ratio", "big", "kind"), line.metricNames());
    assertEquals(List.of("order_lines", "ratio", "big", "kind"), List.copyOf(line.metricNames()));
    assertEquals(3, line.metric("order_lines"));
    assertTrue(Double.isNaN(line.metric("ratio")));
    assertEquals(new BigDecimal("9007199254740993"), line.metricDecimal("big"));
    assertEquals("express", line.metricText("kind"));
    assertTrue(line.hasMetric("kind"));
    assertFalse(line.hasMetric("failed"));
    Map<String, Object> identifiers = new LinkedHashMap<>();
    identifiers.put("order_id", "ord-1001");
    identifiers.put("cold_start", true);
    identifiers.put("note", null);
    assertEquals(identifiers, line.identifiers());
    assertEquals(List.copyOf(identifiers.keySet()), List.copyOf(line.identifiers().keySet()));
    assertEquals("ord-1001", line.identifier("order_id"));
    assertEquals(true, line.identifier("cold_start"));
    assertNull(line.identifier("note"));
    assertEquals(List.of(), line.warnings());
    assertFalse(line.isEmf());
    assertEquals(List.of(), line.emfMetricNames());
  }

  @Test
  void tellsTheEmfMembersApartFromTheIdentifiers() {
    // CloudWatch takes a Timestamp of up to 14 days back: the line's clock is fixed at now.
    long now = System.currentTimeMillis();
    String text =
        lineIn(
            LineFormat.emf()
                .namespace("orders")
                .service("order-api")
                // A set this line can fill: with none, no metric would be declared.
                .dimensions(List.of(List.of("service")))
                .clock(
                    java.time.Clock.fixed(
                        java.time.Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC))
                .build());
    TrackerLine line = TrackerLine.parse(text);

    assertTrue(line.isEmf());
    assertEquals(
        List.of(
            "latency_ms:handler",
            "latency_ms:load_order",
            "latency_ms:process_line",
            "metric:cold_start",
            "metric:order_lines",
            "metric:big"),
        line.emfMetricNames());
    assertEquals(7.0, line.emfValue("latency_ms:load_order"));
    assertEquals(3, line.emfValue("metric:order_lines"));
    assertEquals(
        List.of("order_id", "cold_start", "note", "service"),
        List.copyOf(line.identifiers().keySet()));
    assertEquals("order-api", line.identifier("service"));
    assertEquals(7.0, line.latencyMillis("load_order"));
    assertTrue(
        line.emfMetadata()
            .startsWith(
                "{\"Timestamp\":" + now + ",\"CloudWatchMetrics\":[{\"Namespace\":\"orders\""),
        line.emfMetadata());
  }

  @Test
  void readsTheWarningsAndTheFailureMetrics() {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker = ProcessTracker.builder().output(lines::add).ticker(nanos::get).build();
    assertThrows(
        IllegalStateException.class,
        () ->
            tracker.trackProcess(
                "handler",
                () -> {
                  tracker.timer("left_open");
                  throw new IllegalStateException("boom");
                }));
    TrackerLine line = TrackerLine.parse(lines.get(0) + "\n");

    assertEquals(1, line.metric(ProcessTracker.FAILED_METRIC));
    assertEquals("java.lang.IllegalStateException", line.metricText("exception_type"));
    assertEquals(1, line.warnings().size());
    assertTrue(line.warnings().get(0).contains("left_open"), line.warnings().toString());
    assertEquals(lines.get(0), line.text());
    assertEquals(lines.get(0), line.toString());
  }

  @Test
  void askingForWhatTheLineDoesNotHoldSaysWhatItHolds() {
    TrackerLine line = TrackerLine.parse(lineIn(LineFormat.json()));

    assertEquals(
        "the line has no latency \"bill\"; it has: [handler, load_order, process_line] in: "
            + line.text(),
        assertThrows(NoSuchElementException.class, () -> line.latencyMillis("bill")).getMessage());
    assertThrows(NoSuchElementException.class, () -> line.latencyCount("bill"));
    assertThrows(NoSuchElementException.class, () -> line.metric("bill"));
    assertThrows(NoSuchElementException.class, () -> line.emfValue("latency_ms:handler"));
    assertEquals(
        "the line has no identifier \"request_id\"; its identifiers: [order_id, cold_start, note]"
            + " in: "
            + line.text(),
        assertThrows(NoSuchElementException.class, () -> line.identifier("request_id"))
            .getMessage());
    assertThrows(IllegalStateException.class, () -> line.metric("kind"));
    assertThrows(IllegalStateException.class, () -> line.metricText("order_lines"));
    assertThrows(IllegalStateException.class, line::emfMetadata);
  }

  @Test
  void rejectsWhatIsNotOneTrackerLine() {
    assertEquals(
        "not a tracker line (not a JSON object): process=main latency=1.0",
        refusal("process=main latency=1.0"));
    assertEquals(
        "not a tracker line (the key \"latencies\" appears twice in one object):"
            + " {\"latencies\":{\"a\":1.000},\"latencies\":{\"b\":2.000},\"metrics\":{}}",
        refusal("{\"latencies\":{\"a\":1.000},\"latencies\":{\"b\":2.000},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (more after the JSON object): {\"latencies\":{},\"metrics\":{}}{}",
        refusal("{\"latencies\":{},\"metrics\":{}}{}"));
    assertEquals(
        "not a tracker line (no latencies object): {\"metrics\":{}}", refusal("{\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (malformed JSON: Expected name at line 1 column 26 path $.latencies.a):"
            + " {\"latencies\":{\"a\":1.000,}}",
        refusal("{\"latencies\":{\"a\":1.000,}}"));
    for (String bad :
        List.of(
            "",
            "[]",
            "{\"latencies\":{}}",
            "{'latencies':{},\"metrics\":{}}",
            "{\"latencies\":{\"a\":NaN},\"metrics\":{}}",
            "{\"latencies\":{},\"metrics\":{\"m\":1,\"m\":2}}",
            "{\"latencies\":{},\"metrics\":{},\"tracker_warnings\":\"one\"}",
            "{\"latencies\":{},\"metrics\":{},\"_aws\":{\"Timestamp\":0}}")) {
      assertThrows(IllegalArgumentException.class, () -> TrackerLine.parse(bad), bad);
    }
    assertThrows(NullPointerException.class, () -> TrackerLine.parse(null));
  }

  /** Finding 10 of issue 21: each of these was parsed as a tracker line. */
  @Test
  void refusesWhatTheLibraryNeverWritesSayingWhichRuleItBreaks() {
    assertEquals(
        "not a tracker line (metrics is not an object: [1,2]):"
            + " {\"latencies\":{\"main\":1.000},\"metrics\":[1,2]}",
        refusal("{\"latencies\":{\"main\":1.000},\"metrics\":[1,2]}"));
    assertEquals(
        "not a tracker line (latency \"main\" is not a number: \"1.000\"):"
            + " {\"latencies\":{\"main\":\"1.000\"},\"metrics\":{}}",
        refusal("{\"latencies\":{\"main\":\"1.000\"},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (latency \"main\" is negative: -180.000):"
            + " {\"latencies\":{\"main\":-180.000},\"metrics\":{}}",
        refusal("{\"latencies\":{\"main\":-180.000},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (latency \"main\" is negative: -0.000):"
            + " {\"latencies\":{\"main\":-0.000},\"metrics\":{}}",
        refusal("{\"latencies\":{\"main\":-0.000},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (latency_counts is not an object: 7):"
            + " {\"latencies\":{\"main\":1.000},\"latency_counts\":7,\"metrics\":{}}",
        refusal("{\"latencies\":{\"main\":1.000},\"latency_counts\":7,\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (latency count \"main\" is not a whole number from 2 to 2^63-1: 1):"
            + " {\"latencies\":{\"main\":1.000},\"latency_counts\":{\"main\":1},\"metrics\":{}}",
        refusal("{\"latencies\":{\"main\":1.000},\"latency_counts\":{\"main\":1},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (latency count \"step\" is for no latency of the line):"
            + " {\"latencies\":{\"main\":1.000},\"latency_counts\":{\"step\":2},\"metrics\":{}}",
        refusal("{\"latencies\":{\"main\":1.000},\"latency_counts\":{\"step\":2},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (latency \"main\" is beyond 9223372036854.776 ms: 9223372036854.777):"
            + " {\"latencies\":{\"main\":9223372036854.777},\"metrics\":{}}",
        refusal("{\"latencies\":{\"main\":9223372036854.777},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (metric \"m\" is not a number, text or null: true):"
            + " {\"latencies\":{},\"metrics\":{\"m\":true}}",
        refusal("{\"latencies\":{},\"metrics\":{\"m\":true}}"));
    assertEquals(
        "not a tracker line (identifier \"order_id\" is not text, true, false or null: 7):"
            + " {\"latencies\":{},\"metrics\":{},\"order_id\":7}",
        refusal("{\"latencies\":{},\"metrics\":{},\"order_id\":7}"));
    assertEquals(
        "not a tracker line (identifier \"order_id\" comes before metrics):"
            + " {\"latencies\":{},\"order_id\":\"o\",\"metrics\":{}}",
        refusal("{\"latencies\":{},\"order_id\":\"o\",\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (tracker_warnings is not a list of 1 to 21 strings):"
            + " {\"latencies\":{},\"metrics\":{},\"tracker_warnings\":[]}",
        refusal("{\"latencies\":{},\"metrics\":{},\"tracker_warnings\":[]}"));
    assertEquals(
        "not a tracker line (EMF metric \"latency_ms:main\" has no number at the root: none):"
            + " {\"_aws\":{\"Timestamp\":0,\"CloudWatchMetrics\":[{\"Metrics\":[{\"Name\":"
            + "\"latency_ms:main\"}]}]},\"latencies\":{},\"metrics\":{}}",
        refusal(
            "{\"_aws\":{\"Timestamp\":0,\"CloudWatchMetrics\":[{\"Metrics\":[{\"Name\":"
                + "\"latency_ms:main\"}]}]},\"latencies\":{},\"metrics\":{}}"));
    assertEquals(
        "not a tracker line (malformed JSON: not strict JSON at line 1 column 3 path $.):"
            + " {latencies:{},\"metrics\":{}}",
        refusal("{latencies:{},\"metrics\":{}}"));
  }

  /** Finding 7 of issue 21: a ticker that throws makes the library write {@code "latencies":{}}. */
  @Test
  void aLineWithNoLatencyBecauseTheTickerThrewIsReadWithItsWarning() {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder()
            .output(lines::add)
            .ticker(
                () -> {
                  throw new IllegalStateException("clock gone");
                })
            .build();
    tracker.trackProcess("handler", () -> tracker.setMetric("order_lines", 3));

    TrackerLine line = TrackerLine.parse(lines.get(0));

    assertEquals(List.of(), line.latencyNames());
    assertEquals(3, line.metric("order_lines"));
    assertEquals(
        List.of(
            "the ticker threw java.lang.IllegalStateException: clock gone;"
                + " spans it could not time are left out"),
        line.warnings());
    assertTrue(
        assertThrows(NoSuchElementException.class, line::processName)
            .getMessage()
            .startsWith("the line has no latency, so no process name; its warnings: [the ticker"));
  }

  private static String refusal(String line) {
    return assertThrows(IllegalArgumentException.class, () -> TrackerLine.parse(line)).getMessage();
  }
}
