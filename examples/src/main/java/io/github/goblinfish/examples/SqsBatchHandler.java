package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Applies a batch of {@link StockUpdate} messages from SQS, reporting the bad ones as partial batch
 * failures so that SQS retries (and eventually dead-letters) only those.
 *
 * <p>What it shows:
 *
 * <ul>
 *   <li>one timer name, {@code process_record}, used once per record: the line holds the total time
 *       and, under {@code latency_counts}, how many records it covers, so Logs Insights can compute
 *       the mean per record;
 *   <li>{@code incrementMetric} for {@code records_failed}, started at zero so that every line has
 *       it and averages over invocations count the clean batches too;
 *   <li>the queue's name as the identifier {@code queue}.
 * </ul>
 *
 * <p>The function needs {@code FunctionResponseTypes: [ReportBatchItemFailures]} on its SQS event
 * source, as in {@code template.yaml}; without it Lambda ignores the returned failures and retries
 * the whole batch. Invoke it with {@code events/sqs-batch.json}, whose second record is not a stock
 * update: {@code sam local invoke SqsBatchFunction -e events/sqs-batch.json}.
 */
public final class SqsBatchHandler extends TrackedRequestHandler<SQSEvent, SQSBatchResponse> {

  /** Stands in for the inventory table; shared by the invocations of this process. */
  private static final Map<String, Integer> STOCK = new ConcurrentHashMap<>();

  private static final Gson GSON = new Gson();

  private final Consumer<StockUpdate> inventory;

  /** The constructor the Lambda runtime calls. */
  public SqsBatchHandler() {
    this(
        Ticker.system(), update -> STOCK.merge(update.sku(), update.quantityDelta(), Integer::sum));
  }

  /** Lets tests fix the clock and see what was applied, with the production configuration. */
  SqsBatchHandler(Ticker ticker, Consumer<StockUpdate> inventory) {
    super(HandlerConfig.builder().ticker(ticker).build());
    this.inventory = inventory;
  }

  @Override
  protected SQSBatchResponse handleTracked(SQSEvent event, Context context) {
    List<SQSEvent.SQSMessage> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    tracker().setMetric("records", records.size());
    tracker().setMetric("records_failed", 0);
    if (!records.isEmpty()) {
      tracker().setIdentifier("queue", queueName(records.get(0).getEventSourceArn()));
    }

    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : records) {
      try (Timer timer = tracker().timer("process_record")) {
        inventory.accept(parse(message.getBody()));
      } catch (JsonParseException | IllegalArgumentException invalid) {
        tracker().incrementMetric("records_failed");
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  private static StockUpdate parse(String body) {
    StockUpdate update = body == null ? null : GSON.fromJson(body, StockUpdate.class);
    if (update == null || update.sku() == null || update.sku().isBlank()) {
      throw new IllegalArgumentException("not a stock update: " + body);
    }
    return update;
  }

  /** The last part of {@code arn:aws:sqs:region:account:name}: what the console calls the queue. */
  private static String queueName(String eventSourceArn) {
    if (eventSourceArn == null) {
      return null;
    }
    return eventSourceArn.substring(eventSourceArn.lastIndexOf(':') + 1);
  }
}
