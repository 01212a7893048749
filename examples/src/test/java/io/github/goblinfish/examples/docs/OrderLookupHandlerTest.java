package io.github.goblinfish.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.test.CapturedLines;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import io.github.goblinfish.metrics.trackers.test.TrackerLinesExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TrackerLinesExtension.class)
class OrderLookupHandlerTest {
  @Test
  void timesTheLookupAndCountsTheLines(CapturedLines lines) {
    TestContext context = TestContext.builder().functionName("orders").build();

    assertEquals(
        "order ord-1", new OrderLookupHandler().handleRequest(Map.of("id", "ord-1"), context));

    TrackerLine line = lines.only();
    assertEquals(List.of("OrderLookupHandler", "load_order"), line.latencyNames());
    assertEquals(3, line.metric("order_lines"));
    assertEquals("ord-1", line.identifier("order_id"));
    assertEquals(true, line.identifier("cold_start"));
  }
}
