package io.github.goblinfish.examples.docs.javadoc;

import com.google.gson.JsonObject;
import io.github.goblinfish.metrics.trackers.lines.LineReader;
import io.github.goblinfish.metrics.trackers.lines.ParsedLine;
import io.github.goblinfish.metrics.trackers.lines.StrictJson;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The usage examples of the Javadoc of {@code io.github.goblinfish.metrics.trackers.lines},
 * compiled.
 */
@SuppressWarnings("unused")
final class LinesExamples {
  private LinesExamples() {}

  static void packageInfo(String text) {
    ParsedLine line = LineReader.parse(text);
    line.identifiers().get("order_id");
  }

  static void lineReader(String text) {
    LineReader.Reading reading = LineReader.read(text);
    if (reading.line() != null) {
      Map<String, BigDecimal> latencies = reading.line().latencies();
    } else {
      System.err.println("not a tracker line: " + reading.refusal());
    }

    ParsedLine line = LineReader.parse(text); // or an IllegalArgumentException saying why not
  }

  static void lineReaderParse() {
    ParsedLine line = LineReader.parse("{\"latencies\":{\"main\":1.250},\"metrics\":{}}");
  }

  static void parsedLine(String text) {
    ParsedLine line = LineReader.parse(text);
    BigDecimal loadOrder = line.latencies().get("load_order");   // 7.000
    long calls = line.latencyCounts().getOrDefault("process_line", 1L);
    Object orderId = line.identifiers().get("order_id");         // "ord-1001"
  }

  static void strictJson() {
    JsonObject object = StrictJson.object("{\"latencies\":{\"main\":1.250},\"metrics\":{}}");
    StrictJson.object("{\"a\":1,\"a\":2}"); // IllegalArgumentException: the key "a" appears twice
  }
}
