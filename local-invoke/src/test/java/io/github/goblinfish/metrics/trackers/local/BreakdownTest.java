package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakdownTest {
  private static final String B = "\u2588";

  private static TrackerLine line(String text) {
    return TrackerLine.parse(text).orElseThrow();
  }

  @Test
  void barsScaleToTheLargestLatencyInKeyOrder() {
    String text =
        "{\"latencies\":{\"load_order\":100,\"validate\":0.5,\"charge_card\":25.25,\"zero\":0},"
            + "\"metrics\":{\"items\":3,\"total\":42.5},\"order_id\":\"o-1\",\"cold_start\":true}";
    assertEquals(
        """
        Tracker line
        latencies (ms)
          load_order   100.000  %s
          validate       0.500  %s
          charge_card   25.250  %s
          zero           0.000
        metrics
          items = 3
          total = 42.5
        identifiers
          order_id = o-1
          cold_start = true
        """
            .formatted(B.repeat(40), B, B.repeat(10)),
        Breakdown.render(line(text)));
  }

  @Test
  void aFirstLineShowsItsUntrackedTimeTheStartsPartsAndItsInitSteps() {
    String text =
        "{\"latencies\":{\"Handler\":12.5,\"load\":2.5},\"untracked\":10.000,\"metrics\":{},"
            + "\"init\":{\"runtime_start\":150.25,\"tracker_setup\":3.5,"
            + "\"to_first_invocation\":286.048},\"init_steps\":{\"orders_client\":42.85},"
            + "\"cold_start\":true}";
    assertEquals(
        """
        Tracker line
        latencies (ms)
          Handler  12.500  %s
          load      2.500  %s
        untracked (ms): the entry's time that no step covered
          10.000
        init (ms): the parts of the process's start
          runtime_start        150.250
          tracker_setup          3.500
          to_first_invocation  286.048
        init steps (ms)
          orders_client  42.850
        metrics
          (none)
        identifiers
          cold_start = true
        """
            .formatted(B.repeat(40), B.repeat(8)),
        Breakdown.render(line(text)));
  }

  @Test
  void emfLinesAndEmptySections() {
    String text =
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[]],"
            + "\"Metrics\":[]}]},\"latencies\":{\"a\":0.000,\"b\":2.000},\"metrics\":{}}";
    assertEquals(
        """
        Tracker line (EMF)
        latencies (ms)
          a  0.000
          b  2.000  %s
        metrics
          (none)
        identifiers
          (none)
        """
            .formatted(B.repeat(40)),
        Breakdown.render(line(text)));
  }

  @Test
  void onlyTheLinesIdentifiersAreShownAsIdentifiers() {
    String text =
        "{\"latencies\":{\"SqsBatchHandler\":9.000,\"process_record\":6.000},"
            + "\"latency_counts\":{\"process_record\":3},\"metrics\":{\"records\":3},"
            + "\"tracker_warnings\":[\"metric 'size' could not be read; written as null\"],"
            + "\"request_id\":\"r-1\",\"cold_start\":false}";
    assertEquals(
        """
        Tracker line
        latencies (ms)
          SqsBatchHandler  9.000  %s
          process_record   6.000  %s  (timed 3 times)
        metrics
          records = 3
        identifiers
          request_id = r-1
          cold_start = false
        tracker warnings
          metric 'size' could not be read; written as null
        """
            .formatted(B.repeat(40), B.repeat(27)),
        Breakdown.render(line(text)));
  }

  @Test
  void anEmfLinesMetadataAndMetricValuesAreNotIdentifiers() {
    String text =
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
            + "\"Dimensions\":[[\"service\"]],\"Metrics\":[{\"Name\":\"latency_ms:load\","
            + "\"Unit\":\"Milliseconds\"},{\"Name\":\"metric:items\"}]}]},"
            + "\"service\":\"orders\",\"latency_ms:load\":2.000,\"metric:items\":3,"
            + "\"latencies\":{\"load\":2.000},\"latency_counts\":{\"load\":2},"
            + "\"metrics\":{\"items\":3},\"tracker_warnings\":[\"w\"],\"order_id\":\"o-1\"}";
    assertEquals(
        """
        Tracker line (EMF)
        latencies (ms)
          load  2.000  %s  (timed 2 times)
        metrics
          items = 3
        identifiers
          service = orders
          order_id = o-1
        tracker warnings
          w
        """
            .formatted(B.repeat(40)),
        Breakdown.render(line(text)));
  }

  @Test
  void foundInsideTheJsonLogWrapperAndAfterALevelPrefix() {
    String wrapped =
        "{\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"message\":\"{\\\"latencies\\\":{\\\"x\\\":1},\\\"metrics\\\":{}}\",\"level\":\"INFO\",\"AWSRequestId\":\"r\"}\n";
    TrackerLine inner = line(wrapped);
    assertTrue(inner.wrapped());
    assertEquals(Map.of("x", 1.0), inner.latenciesMs());
    assertTrue(
        Breakdown.render(inner)
            .startsWith("Tracker line (inside the JSON log wrapper's message)\n"));

    TrackerLine prefixed = line("[INFO] {\"latencies\":{},\"metrics\":{\"m\":1},\"id\":\"7\"}");
    assertEquals(Map.of("m", "1"), prefixed.metrics());
    assertEquals(Map.of("id", "7"), prefixed.identifiers());
  }

  @Test
  void otherEventsAreNotTrackerLines() {
    assertFalse(TrackerLine.parse("hello").isPresent());
    assertFalse(TrackerLine.parse("{\"latencies\":{}}").isPresent());
    assertFalse(TrackerLine.parse("{\"latencies\":[],\"metrics\":{}}").isPresent());
    assertFalse(TrackerLine.parse("{\"message\":\"not json\"}").isPresent());
    assertFalse(TrackerLine.parse("{broken").isPresent());
  }

  @Test
  void barLengths() {
    assertEquals(40, Breakdown.bar(10, 10));
    assertEquals(20, Breakdown.bar(5, 10));
    assertEquals(1, Breakdown.bar(0.0001, 10));
    assertEquals(0, Breakdown.bar(0, 10));
    assertEquals(0, Breakdown.bar(-1, 10));
    assertEquals(0, Breakdown.bar(1, 0));
  }
}
