package io.github.goblinfish.examples.docs.javadoc.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.examples.docs.OrderLookupHandler;
import io.github.goblinfish.metrics.trackers.test.CapturedLines;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import io.github.goblinfish.metrics.trackers.test.TrackerLinesExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The class example of TrackerLinesExtension's Javadoc, compiled and run. */
@ExtendWith(TrackerLinesExtension.class)
class OrderLookupHandlerTest {
  @Test
  void timesTheLookupAndCountsTheLines(CapturedLines lines) {
    new OrderLookupHandler().handleRequest(Map.of("id", "ord-1"), TestContext.create());
    TrackerLine line = lines.only();
    assertTrue(line.hasLatency("load_order"));
    assertEquals(3, line.metric("order_lines"));
    assertEquals(true, line.identifier("cold_start"));
  }
}
