package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class SqsBatchHandlerTest {
  private final FakeTicker ticker = new FakeTicker();
  private final TestContext context = TrackerLines.context("SqsBatchFunction");
  private final List<StockUpdate> applied = new CopyOnWriteArrayList<>();

  /** Applying an update takes 2 ms of the fake clock. */
  private final SqsBatchHandler handler =
      new SqsBatchHandler(
          ticker,
          update -> {
            ticker.advance(Duration.ofMillis(2));
            applied.add(update);
          });

  @Test
  void badRecordIsReportedAsABatchItemFailureAndTheOthersAreApplied() {
    SQSEvent event = Repository.event("sqs-batch.json", SQSEvent.class);

    SQSBatchResponse response = handler.handleRequest(event, context);

    assertEquals(
        List.of("2e1424d4-f796-459a-8184-9c92662be6da"),
        response.getBatchItemFailures().stream()
            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
            .collect(Collectors.toList()));
    assertEquals(
        List.of(
            new StockUpdate("SKU-KEYBOARD", -2, "DUB-1"),
            new StockUpdate("SKU-USB-C-CABLE", 10, "DUB-1")),
        applied);
  }

  @Test
  void lineTotalsTheRecordTimerAndCountsRecordsAndFailures() {
    handler.handleRequest(Repository.event("sqs-batch.json", SQSEvent.class), context);

    // Three records timed under one name: 2 ms for each applied one, 0 for the one that failed.
    TrackerLines.assertLine(
        context,
        "{\"latencies\":{\"SqsBatchHandler\":4.000,\"process_record\":4.000},"
            + "\"latency_counts\":{\"process_record\":3},"
            + "\"untracked\":0.000,\"metrics\":{\"records\":3,\"records_failed\":1},"
            + TrackerLines.AUTOMATIC_IDENTIFIERS
            + ",\"queue\":\"tracker-examples-StockUpdatesQueue-5Ez3kJ7Qw1Pa\"}");
  }

  @Test
  void cleanBatchStillReportsZeroFailures() {
    SQSEvent event = Repository.event("sqs-batch.json", SQSEvent.class);
    event.setRecords(List.of(event.getRecords().get(0)));

    SQSBatchResponse response = handler.handleRequest(event, context);

    assertEquals(List.of(), response.getBatchItemFailures());
    TrackerLines.assertLine(
        context,
        "{\"latencies\":{\"SqsBatchHandler\":2.000,\"process_record\":2.000},"
            + "\"untracked\":0.000,\"metrics\":{\"records\":1,\"records_failed\":0},"
            + TrackerLines.AUTOMATIC_IDENTIFIERS
            + ",\"queue\":\"tracker-examples-StockUpdatesQueue-5Ez3kJ7Qw1Pa\"}");
  }

  @ParameterizedTest
  @Events(events = @Event("../events/sqs-batch.json"), type = SQSEvent.class)
  void eventFieldsArriveAsTheRuntimeDeserializesThem(SQSEvent event) {
    SQSEvent.SQSMessage first = event.getRecords().get(0);

    assertEquals("aws:sqs", first.getEventSource());
    assertEquals("us-east-1", first.getAwsRegion());
    assertEquals("1", first.getAttributes().get("ApproximateReceiveCount"));
    assertEquals("warehouse-scanner", first.getMessageAttributes().get("source").getStringValue());
    assertEquals("String", first.getMessageAttributes().get("source").getDataType());
  }
}
