package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.ProcessStartForTests;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lines.LineReader;
import io.github.goblinfish.metrics.trackers.lines.ParsedLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under a Lambda runtime, the first line of the process names the parts of its start that the
 * library saw ({@code init}) and the steps the handler timed at init ({@code init_steps}); no later
 * line has them, also when the first invocation fails.
 */
class TheFirstLineNamesTheColdStartsPartsTest {
  private static final List<String> LINES = new CopyOnWriteArrayList<>();

  @BeforeEach
  void aFreshProcessUnderALambdaRuntime() {
    LINES.clear();
    ProcessStartForTests.reset(true);
    ColdStart.reset();
  }

  @AfterEach
  void nothingLeftForOtherTests() {
    ProcessStartForTests.reset(false);
    ColdStart.reset();
  }

  /** Builds a client at construction, timed as an init step, then fails or answers. */
  static final class OrdersHandler extends TrackedRequestHandler<String, String> {
    private final String client;

    OrdersHandler() {
      super(HandlerConfig.builder().output(LINES::add).omitAllIdentifiers().build());
      try (Timer timer = ProcessTracker.initTimer("orders_client")) {
        sleep(3);
        client = "client";
      }
    }

    @Override
    protected String handleTracked(String input, Context context) {
      if (input.equals("fail")) {
        throw new IllegalStateException("first invocation fails");
      }
      return client;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theFirstLineNamesEachPartAndTheInitStepsAndNoLaterLineDoes() {
    OrdersHandler handler = new OrdersHandler();
    sleep(2); // the runtime's work between the construction and the first invocation
    assertEquals("client", handler.handleRequest("a", null));
    assertEquals("client", handler.handleRequest("b", null));

    ParsedLine first = LineReader.parse(LINES.get(0));
    assertEquals(
        List.of("runtime_start", "tracker_setup", "to_first_invocation"),
        List.copyOf(first.init().keySet()),
        LINES.get(0));
    assertTrue(
        first.init().get("to_first_invocation").compareTo(BigDecimal.valueOf(5)) >= 0,
        "the rest of the construction (3 ms) and the wait before the first invocation (2 ms): "
            + LINES.get(0));
    assertEquals(List.of("orders_client"), List.copyOf(first.initSteps().keySet()));
    ParsedLine second = LineReader.parse(LINES.get(1));
    assertEquals(Map.of(), second.init());
    assertEquals(Map.of(), second.initSteps());
  }

  @Test
  void aFirstInvocationThatFailsStillCarriesTheInitOnce() {
    OrdersHandler handler = new OrdersHandler();
    assertThrows(IllegalStateException.class, () -> handler.handleRequest("fail", null));
    handler.handleRequest("b", null);

    ParsedLine first = LineReader.parse(LINES.get(0));
    assertEquals(BigDecimal.ONE, first.metrics().get("failed"));
    assertEquals(List.of("orders_client"), List.copyOf(first.initSteps().keySet()));
    assertTrue(first.init().containsKey("tracker_setup"), LINES.get(0));
    assertEquals(Map.of(), LineReader.parse(LINES.get(1)).initSteps());
  }

  @Test
  void anInitStepTimedBeforeTheHandlerIsConstructedShowsTheTimeBeforeTheHandler() {
    try (Timer timer = ProcessTracker.initTimer("static_config")) {
      sleep(2);
    }
    RequestHandler<String, String> handler = new OrdersHandler();
    handler.handleRequest("a", null);

    ParsedLine first = LineReader.parse(LINES.get(0));
    assertEquals(
        List.of("runtime_start", "before_handler", "tracker_setup", "to_first_invocation"),
        List.copyOf(first.init().keySet()),
        LINES.get(0));
    assertEquals(
        List.of("static_config", "orders_client"), List.copyOf(first.initSteps().keySet()));
  }

  @Test
  void afterASnapStartRestoreTheFirstLineCarriesTheInitAgainWithTheTimeSinceTheRestore() {
    OrdersHandler handler = new OrdersHandler();
    handler.handleRequest("priming, before the snapshot", null);
    ColdStart.restored(); // what the runtime's after-restore hook calls
    try (Timer timer = ProcessTracker.initTimer("refresh_credentials")) {
      sleep(1); // a restore step of the function's own
    }
    handler.handleRequest("a", null);
    handler.handleRequest("b", null);

    ParsedLine priming = LineReader.parse(LINES.get(0));
    assertEquals(
        List.of("runtime_start", "tracker_setup", "to_first_invocation"),
        List.copyOf(priming.init().keySet()),
        LINES.get(0));
    ParsedLine restored = LineReader.parse(LINES.get(1));
    assertEquals(
        List.of("runtime_start", "tracker_setup", "restore_to_first_invocation"),
        List.copyOf(restored.init().keySet()),
        LINES.get(1));
    assertEquals(
        List.of("orders_client", "refresh_credentials"),
        List.copyOf(restored.initSteps().keySet()),
        LINES.get(1));
    assertEquals(Map.of(), LineReader.parse(LINES.get(2)).init());
    assertEquals(Map.of(), LineReader.parse(LINES.get(2)).initSteps());
  }

  @Test
  void outsideALambdaRuntimeAHandlerMarksNoPartOfItsOwn() {
    ProcessStartForTests.reset(false);
    new OrdersHandler().handleRequest("a", null);
    ParsedLine first = LineReader.parse(LINES.get(0));
    // Only the process's age when its init step started: the library's first code.
    assertEquals(List.of("runtime_start"), List.copyOf(first.init().keySet()), LINES.get(0));
    // The steps it timed are still the first line's.
    assertEquals(List.of("orders_client"), List.copyOf(first.initSteps().keySet()));
  }
}
