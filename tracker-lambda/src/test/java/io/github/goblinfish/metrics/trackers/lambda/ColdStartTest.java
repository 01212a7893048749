package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ColdStartTest {
  private static final String COLD =
      "{\"latencies\":{\"h\":0.000},\"metrics\":{},\"cold_start\":true}";
  private static final String WARM =
      "{\"latencies\":{\"h\":0.000},\"metrics\":{},\"cold_start\":false}";

  @Test
  void resetForTestsMakesTheNextInvocationTheColdStartAgain() {
    List<String> lines = new CopyOnWriteArrayList<>();
    RequestHandler<String, String> handler =
        TrackedHandlers.wrap(
            (input, context) -> input,
            HandlerConfig.builder()
                .output(lines::add)
                .ticker(new FakeTicker())
                .omitAllIdentifiers()
                .identifierName(LambdaIdentifier.COLD_START, "cold_start")
                .entryName("h")
                .build());
    TestContext context = TestContext.create();

    ColdStart.resetForTests();
    handler.handleRequest("a", context);
    handler.handleRequest("b", context);
    ColdStart.resetForTests();
    handler.handleRequest("c", context);

    assertEquals(List.of(COLD, WARM, COLD), lines);
  }
}
