package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.github.goblinfish.metrics.trackers.test.CapturedLines;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import io.github.goblinfish.metrics.trackers.test.TrackerLinesExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TrackerLinesExtension.class)
class QueueHandlerTest {
  @Test
  void timesEachMessageAndCountsThem(CapturedLines lines) {
    SQSEvent event = EventLoader.loadSQSEvent("events/event.json");

    SQSBatchResponse response =
        new QueueHandler().handleRequest(event, TestContext.builder().build());

    assertEquals(List.of(), response.getBatchItemFailures());
    TrackerLine line = lines.only();
    assertEquals(List.of("QueueHandler", "process_message"), line.latencyNames());
    assertEquals(2, line.latencyCount("process_message"));
    assertEquals(2, line.metric("messages"));
    assertEquals(0, line.metric("messages_failed"));
    assertEquals("dev", line.identifier("stage"));
  }
}
