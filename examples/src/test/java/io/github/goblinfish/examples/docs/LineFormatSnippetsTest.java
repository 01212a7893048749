package io.github.goblinfish.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.EmfUnit;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.RunRecord;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import org.junit.jupiter.api.Test;

/** The examples of docs/line-formats.md, compiled and run. */
class LineFormatSnippetsTest {
  @Test
  void theKeyValueFormatOfTheDocsRendersWhatTheDocsSay() {
    LineFormat keyValue = record -> {
      StringBuilder line = new StringBuilder("metrics");
      record.latenciesMillis().forEach((name, ms) -> line.append(" latency.").append(name).append('=').append(ms));
      record.metrics().forEach((name, value) -> line.append(" metric.").append(name).append('=').append(value));
      record.identifiers().forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
      return line.toString();
    };

    ProcessTracker tracker = ProcessTracker.builder().format(keyValue).build();   // plain Java
    HandlerConfig config = HandlerConfig.builder().format(keyValue).build();      // Lambda handlers

    // Test it without running anything:
    RunRecord record = RunRecord.builder("main").latency("main", 1_500_000L, 1).metric("rows", 3).build();
    assertEquals("metrics latency.main=1.5 metric.rows=3", keyValue.render(record));
  }

  static ProcessTracker emfTracker() {
    ProcessTracker tracker = ProcessTracker.builder()
        .format(LineFormat.emf()
            .namespace("orders")                       // default: tracker-lambda
            .service("order-api")                      // optional: root member "service"
            .dimensions(EmfLineFormat.parseDimensions("function_name;service"))
            .unit("records_failed", EmfUnit.COUNT)     // default unit: None
            .highResolution("load_order")              // StorageResolution 1
            .build())
        .build();
    return tracker;
  }
}
