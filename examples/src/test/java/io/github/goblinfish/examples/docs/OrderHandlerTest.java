package io.github.goblinfish.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.goblinfish.metrics.trackers.test.CapturedLines;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import io.github.goblinfish.metrics.trackers.test.TrackerLinesExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's handler writes the line the README says it writes. */
@ExtendWith(TrackerLinesExtension.class)
class OrderHandlerTest {
  @Test
  void theReadmesHandlerTimesLoadOrderAndSetsOrderLines(CapturedLines lines) {
    APIGatewayProxyRequestEvent request =
        new APIGatewayProxyRequestEvent().withPathParameters(Map.of("id", "ord-1"));

    assertEquals(
        "order ord-1",
        new OrderHandler().handleRequest(request, TestContext.builder().build()).getBody());

    TrackerLine line = lines.only();
    assertEquals(List.of("OrderHandler", "load_order"), line.latencyNames());
    assertEquals(3, line.metric("order_lines"));
  }
}
