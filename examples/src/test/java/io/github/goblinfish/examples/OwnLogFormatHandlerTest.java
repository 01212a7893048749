package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OwnLogFormatHandlerTest {
  private static final Pattern COLD_START = Pattern.compile(" cold_start=(true|false) ");

  private final FakeTicker ticker = new FakeTicker();
  private final TestContext context = TrackerLines.context("OwnLogFormatFunction");
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final OwnLogFormatHandler handler = new OwnLogFormatHandler(logLines::add, ticker);

  @Test
  void quoteIsPricedAndTheLineIsWrittenAsKeyValueText() {
    Map<String, Object> event = Repository.mapEvent("own-log-format.json");

    Map<String, Object> quote = handler.handleRequest(event, context);

    assertEquals(
        Map.of(
            "sku", "SKU-KEYBOARD", "quantity", 3L, "unitPriceCents", 8_999L, "totalCents", 26_997L),
        quote);
    assertEquals(List.of(), context.logged(), "the JSON line went to the custom output only");
    assertEquals(1, logLines.size());
    String line = COLD_START.matcher(logLines.get(0)).replaceFirst(" cold_start=<bool> ");
    assertEquals(
        "metrics latency.quote_handler=0.000 latency.price_lookup=0.000"
            + " metric.quantity=3 metric.total_cents=26997"
            + " request_id="
            + TrackerLines.REQUEST_ID
            + " function_name=OwnLogFormatFunction function_version=$LATEST cold_start=<bool>"
            + " xray_trace_id="
            + TrackerLines.TRACE_ROOT
            + " sku=SKU-KEYBOARD",
        line);
  }

  @Test
  void unknownProductFailsAndTheFailureIsInTheKeyValueLine() {
    assertThrows(
        IllegalArgumentException.class,
        () -> handler.handleRequest(Map.of("sku", "SKU-TEAPOT", "quantity", 1), context));

    assertEquals(1, logLines.size());
    assertTrue(
        logLines
            .get(0)
            .contains(" metric.failed=1 metric.exception_type=java.lang.IllegalArgumentException "),
        logLines.get(0));
  }

  @Test
  void productionHandlerWritesItsFormatThroughTheInvocationsLoggerAsOneEvent() {
    new OwnLogFormatHandler().handleRequest(Map.of("sku", "SKU-MOUSE-PAD", "quantity", 2), context);
    assertEquals(1, context.logged().size(), "one log call: one CloudWatch event");
    String logged = context.logged().get(0).text();
    assertTrue(logged.startsWith("metrics latency.quote_handler="), logged);
    assertTrue(logged.endsWith(" sku=SKU-MOUSE-PAD\n"), logged);
    assertEquals(1, logged.split("\n", -1).length - 1, "exactly one line break, at the end");
  }
}
