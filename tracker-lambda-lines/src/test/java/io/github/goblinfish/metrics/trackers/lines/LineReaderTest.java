package io.github.goblinfish.metrics.trackers.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reader's model of a line, exactly; that it accepts every line the library writes and refuses
 * every other is checked against the library itself by local-invoke's {@code
 * TrackerLinesAreReadExactlyAsWrittenTest}.
 */
class LineReaderTest {
  private static Map<String, Object> map(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void aDefaultLineIsReadIntoItsPartsInTheLinesOrder() {
    String text =
        "{\"latencies\":{\"handler\":10.750,\"load_order\":7.000,\"process_line\":3.750},"
            + "\"latency_counts\":{\"process_line\":3},"
            + "\"metrics\":{\"order_lines\":3,\"big\":9007199254740993,\"ratio\":\"NaN\",\"gone\":null},"
            + "\"tracker_warnings\":[\"metric 'gone' could not be read\"],"
            + "\"order_id\":\"ord-1001\",\"cold_start\":true,\"note\":null}";

    ParsedLine line = LineReader.read(text).line();

    assertEquals(text, line.text());
    assertEquals(
        map(
            "handler",
            new BigDecimal("10.750"),
            "load_order",
            new BigDecimal("7.000"),
            "process_line",
            new BigDecimal("3.750")),
        line.latencies());
    assertEquals(
        List.of("handler", "load_order", "process_line"), List.copyOf(line.latencies().keySet()));
    assertEquals(Map.of("process_line", 3L), line.latencyCounts());
    assertEquals(
        map(
            "order_lines",
            new BigDecimal("3"),
            "big",
            new BigDecimal("9007199254740993"),
            "ratio",
            "NaN",
            "gone",
            null),
        line.metrics());
    assertEquals(List.of("metric 'gone' could not be read"), line.warnings());
    assertEquals(map("order_id", "ord-1001", "cold_start", true, "note", null), line.identifiers());
    assertEquals(
        List.of("order_id", "cold_start", "note"), List.copyOf(line.identifiers().keySet()));
    assertFalse(line.isEmf());
    assertEquals(Optional.empty(), line.emfMetadata());
    assertEquals(Map.of(), line.emfValues());
    assertEquals(text, line.toString());
  }

  @Test
  void anEmfLinesMetadataAndDeclaredMetricValuesAreNeitherMetricsNorIdentifiers() {
    String aws =
        "{\"Timestamp\":1764028800000,\"CloudWatchMetrics\":[{\"Namespace\":\"orders\","
            + "\"Dimensions\":[[\"service\"]],\"Metrics\":[{\"Name\":\"latency_ms:load_order\","
            + "\"Unit\":\"Milliseconds\"},{\"Name\":\"metric:order_lines\"}]}]}";
    String text =
        "{\"_aws\":"
            + aws
            + ",\"service\":\"checkout\",\"latency_ms:load_order\":7.000,\"metric:order_lines\":3,"
            + "\"latencies\":{\"handler\":7.500,\"load_order\":7.000},"
            + "\"metrics\":{\"order_lines\":3},\"order_id\":\"ord-1001\"}";

    ParsedLine line = LineReader.parse(text + "\n");

    assertTrue(line.isEmf());
    assertEquals(Optional.of(aws), line.emfMetadata());
    assertEquals(
        map(
            "latency_ms:load_order",
            new BigDecimal("7.000"),
            "metric:order_lines",
            new BigDecimal("3")),
        line.emfValues());
    assertEquals(map("service", "checkout", "order_id", "ord-1001"), line.identifiers());
    assertEquals(map("order_lines", new BigDecimal("3")), line.metrics());
    assertEquals(text, line.text());
  }

  @Test
  void whatIsNotALineIsRefusedWithTheRuleItBreaks() {
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("order 7 loaded", "not a JSON object");
    refusals.put(
        "{\"latencies\":{},\"metrics\":{},\"metrics\":{}}",
        "the key \"metrics\" appears twice in one object");
    refusals.put("{\"latencies\":{},\"metrics\":{}} {}", "more after the JSON object");
    refusals.put("{\"metrics\":{}}", "no latencies object");
    refusals.put(
        "{\"latencies\":{},\"metrics\":{},\"order_id\":7}",
        "identifier \"order_id\" is not text, true, false or null: 7");
    refusals.put(
        "{\"latencies\":{\"a\":1.000},\"metrics\":{},\"latency_counts\":{\"a\":2}}",
        "latency_counts comes after metrics");
    refusals.put(
        "{\"latencies\":{},\"metrics\":{},\"tracker_warnings\":[]}",
        "tracker_warnings is not a list of 1 to 21 strings");
    refusals.forEach(
        (text, why) -> {
          LineReader.Reading reading = LineReader.read(text);
          assertNull(reading.line(), text);
          assertEquals(why, reading.refusal(), text);
          IllegalArgumentException refused =
              assertThrows(IllegalArgumentException.class, () -> LineReader.parse(text));
          assertEquals("not a tracker line (" + why + "): " + text, refused.getMessage());
        });
  }

  @Test
  void aRefusedLongLineIsQuotedByItsFirst300Characters() {
    char[] filler = new char[400];
    Arrays.fill(filler, 'x');
    String text =
        "{\"latencies\":{},\"metrics\":{},\"note\":7,\"pad\":\"" + new String(filler) + "\"}";
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> LineReader.parse(text));
    assertEquals(
        "not a tracker line (identifier \"note\" is not text, true, false or null: 7): "
            + text.substring(0, 300)
            + "...",
        refused.getMessage());
  }

  @Test
  void aReadingIsEitherALineOrARefusal() {
    assertThrows(IllegalArgumentException.class, () -> new LineReader.Reading(null, null));
    ParsedLine line = LineReader.parse("{\"latencies\":{},\"metrics\":{}}");
    assertThrows(IllegalArgumentException.class, () -> new LineReader.Reading(line, "why"));
    assertThrows(NullPointerException.class, () -> LineReader.read(null));
    assertThrows(NullPointerException.class, () -> LineReader.parse(null));
  }

  @Test
  void whatTheModelHoldsCannotBeChanged() {
    ParsedLine line =
        LineReader.parse(
            "{\"latencies\":{\"a\":1.000},\"metrics\":{\"m\":1},"
                + "\"tracker_warnings\":[\"w\"],\"id\":\"x\"}");
    assertThrows(UnsupportedOperationException.class, () -> line.latencies().clear());
    assertThrows(UnsupportedOperationException.class, () -> line.latencyCounts().clear());
    assertThrows(UnsupportedOperationException.class, () -> line.metrics().clear());
    assertThrows(UnsupportedOperationException.class, () -> line.identifiers().clear());
    assertThrows(UnsupportedOperationException.class, () -> line.warnings().clear());
    assertThrows(UnsupportedOperationException.class, () -> line.emfValues().clear());
  }
}
