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
        assertThrows(
                IllegalArgumentException.class, () -> TrackerLine.parse("process=main latency=1.0"))
            .getMessage());
    assertEquals(
        "not a tracker line (the key \"latencies\" appears twice in one object):"
            + " {\"latencies\":{\"a\":1},\"latencies\":{\"b\":2}}",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrackerLine.parse("{\"latencies\":{\"a\":1},\"latencies\":{\"b\":2}}"))
            .getMessage());
    assertEquals(
        "not a tracker line (more after the JSON object): {\"latencies\":{\"a\":1}}{}",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrackerLine.parse("{\"latencies\":{\"a\":1}}{}"))
            .getMessage());
    assertEquals(
        "not a tracker line (it has no latencies object with the process in it): {\"metrics\":{}}",
        assertThrows(IllegalArgumentException.class, () -> TrackerLine.parse("{\"metrics\":{}}"))
            .getMessage());
    assertEquals(
        "not a tracker line (malformed JSON: Expected name at line 1 column 23 path $.latencies):"
            + " {\"latencies\":{\"a\":1},}",
        assertThrows(
                IllegalArgumentException.class,
                () -> TrackerLine.parse("{\"latencies\":{\"a\":1},}"))
            .getMessage());
    for (String bad :
        List.of(
            "",
            "[]",
            "{\"latencies\":{}}",
            "{\"latencies\":{\"a\":1},}",
            "{'latencies':{\"a\":1}}",
            "{\"latencies\":{\"a\":NaN}}",
            "{\"latencies\":{\"a\":1},\"metrics\":{\"m\":1,\"m\":2}}",
            "{\"latencies\":{\"a\":1},\"tracker_warnings\":\"one\"}",
            "{\"latencies\":{\"a\":1},\"_aws\":{\"Timestamp\":0}}")) {
      assertThrows(IllegalArgumentException.class, () -> TrackerLine.parse(bad), bad);
    }
    assertThrows(NullPointerException.class, () -> TrackerLine.parse(null));
  }

  @Test
  void aLatencyNotANumberIsNamedAsSuch() {
    TrackerLine line = TrackerLine.parse("{\"latencies\":{\"a\":\"fast\"}}");
    assertEquals(
        "the latency \"a\" is not a number but \"fast\" in: {\"latencies\":{\"a\":\"fast\"}}",
        assertThrows(IllegalStateException.class, () -> line.latencyMillis("a")).getMessage());
  }
}
