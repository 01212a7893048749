package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prices a quote for a quantity of one product, and logs its line in a format of its own: the
 * Python package's "bring your own log format".
 *
 * <p>What it shows: {@code HandlerConfig.builder().format(...)} takes any {@link
 * io.github.goblinfish.metrics.trackers.LineFormat}; {@link KeyValueLogFormat} renders the run's
 * record as {@code metrics latency.quote_handler=0.412 latency.price_lookup=0.020 metric.quantity=3
 * ... request_id=... sku=SKU-KEYBOARD}, and the line still goes out through the invocation's logger
 * as one log event. It also names the entry latency {@code quote_handler} with {@code entryName},
 * so renaming the class does not break saved queries.
 *
 * <p>The event is {@code {"sku":"SKU-KEYBOARD","quantity":3}}; the response is the quote. Invoke it
 * with {@code ./invoke OwnLogFormatFunction -e events/own-log-format.json}.
 */
public final class OwnLogFormatHandler
    extends TrackedRequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final Map<String, Long> UNIT_PRICE_CENTS =
      Map.of("SKU-KEYBOARD", 8_999L, "SKU-USB-C-CABLE", 1_299L, "SKU-MOUSE-PAD", 1_499L);

  /** The constructor the Lambda runtime calls: key=value lines go to the invocation's logger. */
  public OwnLogFormatHandler() {
    super(
        HandlerConfig.builder()
            .entryName("quote_handler")
            .format(KeyValueLogFormat.INSTANCE)
            .build());
  }

  /** Lets tests collect the formatted lines and fix the clock. */
  OwnLogFormatHandler(Consumer<String> logLines, Ticker ticker) {
    super(
        HandlerConfig.builder()
            .entryName("quote_handler")
            .format(KeyValueLogFormat.INSTANCE)
            .output(logLines)
            .ticker(ticker)
            .build());
  }

  @Override
  protected Map<String, Object> handleTracked(Map<String, Object> event, Context context) {
    String sku = String.valueOf(event.get("sku"));
    long quantity = ((Number) event.getOrDefault("quantity", 1)).longValue();
    tracker().setIdentifier("sku", sku);
    tracker().setMetric("quantity", quantity);

    Long unitPrice;
    try (Timer timer = tracker().timer("price_lookup")) {
      unitPrice = UNIT_PRICE_CENTS.get(sku);
    }
    if (unitPrice == null) {
      throw new IllegalArgumentException("unknown product " + sku);
    }

    Map<String, Object> quote = new LinkedHashMap<>();
    quote.put("sku", sku);
    quote.put("quantity", quantity);
    quote.put("unitPriceCents", unitPrice);
    quote.put("totalCents", unitPrice * quantity);
    tracker().setMetric("total_cents", unitPrice * quantity);
    return quote;
  }
}
