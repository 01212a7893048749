package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Handles a batch of SQS messages. Each invocation writes one line: the handler's latency, the
 * step process_message (timed once per message), and the metrics messages and messages_failed.
 * The first line of each execution environment also carries the init step load_configuration.
 */
public final class QueueHandler extends TrackedRequestHandler<SQSEvent, SQSBatchResponse> {
  /** Made once per execution environment, before the first invocation: your SDK clients too. */
  private static final String STAGE = loadConfiguration();

  private static String loadConfiguration() {
    try (Timer timer = ProcessTracker.initTimer("load_configuration")) {
      String stage = System.getenv("STAGE");
      return stage == null ? "dev" : stage;
    }
  }

  @Override
  protected SQSBatchResponse handleTracked(SQSEvent event, Context context) {
    List<SQSEvent.SQSMessage> messages =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    tracker().setIdentifier("stage", STAGE);
    tracker().setMetric("messages", messages.size());
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : messages) {
      try (Timer timer = tracker().timer("process_message")) {
        process(message.getBody());
      } catch (IllegalArgumentException invalid) {
        // Reported as a partial batch failure: SQS retries only this message.
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    tracker().setMetric("messages_failed", failures.size());
    return new SQSBatchResponse(failures);
  }

  private static void process(String body) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("an empty message");
    }
    // Your work with the message goes here.
  }
}
