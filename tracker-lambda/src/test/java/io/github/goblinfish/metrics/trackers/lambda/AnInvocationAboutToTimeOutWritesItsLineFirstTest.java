package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lambda stops a timed-out invocation at once: a line written when the handler ends would be lost.
 * The line is written {@code TRACKER_TIMEOUT_MARGIN_MS} before the deadline instead, from the run
 * as it is, and no second line follows. The real runtime client's proof is in local-invoke's tests;
 * the waits here are bounded generously and never asserted as durations.
 */
class AnInvocationAboutToTimeOutWritesItsLineFirstTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  /** Keeps running until its line was written, then records more, which must be ignored. */
  private final class SlowHandler extends TrackedRequestHandler<String, String> {
    SlowHandler(Duration margin) {
      super(
          HandlerConfig.builder()
              .environment(name -> null)
              .output(lines::add)
              .omitAllIdentifiers()
              .timeoutMargin(margin)
              .build());
    }

    @Override
    protected String handleTracked(String input, Context context) {
      tracker().setMetric("before", 1);
      Timer slow = tracker().timer("slow_step");
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (lines.isEmpty() && System.nanoTime() - giveUp < 0) {
        Thread.onSpinWait();
      }
      slow.close();
      tracker().setMetric("after", 1);
      return "finished:" + input;
    }
  }

  @Test
  void theLineIsWrittenBeforeTheDeadlineWithTimedOutAndTheOpenTimersAndNoSecondLineFollows() {
    TestContext context = TestContext.builder().timeout(Duration.ofMillis(700)).build();
    assertEquals("finished:x", new SlowHandler(Duration.ofMillis(300)).handleRequest("x", context));
    assertEquals(1, lines.size(), "exactly one line");
    TrackerLine line = TrackerLine.parse(lines.get(0));
    assertEquals(List.of("SlowHandler", "slow_step"), line.latencyNames());
    assertEquals(1.0, line.metric("timed_out"));
    assertEquals(1.0, line.metric("before"));
    assertThrows(java.util.NoSuchElementException.class, () -> line.metric("after"));
    assertEquals(
        List.of(
            "the invocation was about to time out: its line was written 300 ms before the"
                + " deadline, while the handler was still running",
            "timer 'SlowHandler' was still open when the line was written; measured until then",
            "timer 'slow_step' was still open when the line was written; measured until then"),
        line.warnings());
  }

  @Test
  void anInvocationThatEndsInTimeWritesItsOrdinaryLineAndTheWatchIsGone() throws Exception {
    TrackedRequestHandler<String, String> quick =
        new TrackedRequestHandler<>(
            HandlerConfig.builder()
                .environment(name -> null)
                .output(lines::add)
                .omitAllIdentifiers()
                .ticker(() -> 0L)
                .timeoutMargin(Duration.ofMillis(100))
                .build()) {
          @Override
          protected String handleTracked(String input, Context context) {
            return input;
          }
        };
    assertEquals(
        "x",
        quick.handleRequest("x", TestContext.builder().timeout(Duration.ofMillis(150)).build()));
    Thread.sleep(300); // past the moment the watch would have fired, had it stayed armed
    assertEquals(
        List.of(
            "{\"latencies\":{\"AnInvocationAboutToTimeOutWritesItsLineFirstTest\":0.000},"
                + "\"metrics\":{}}"),
        lines);
  }

  @Test
  void aMarginOfZeroTurnsItOffAndAnInvocationWithLessTimeLeftThanTheMarginIsNotWatched() {
    assertEquals(null, TimeoutWatch.arm(10_000, 0));
    assertEquals(null, TimeoutWatch.arm(100, 100));
    assertEquals(null, TimeoutWatch.arm(0, 100));
  }

  @Test
  void theMarginComesFromTheVariableAndIsCheckedAtInit() {
    assertEquals(
        HandlerConfig.DEFAULT_TIMEOUT_MARGIN_MS,
        HandlerConfig.builder().environment(name -> null).build().timeoutMarginMillis());
    assertEquals(
        0,
        HandlerConfig.builder()
            .environment(Map.of("TRACKER_TIMEOUT_MARGIN_MS", "0")::get)
            .build()
            .timeoutMarginMillis());
    assertEquals(
        750,
        HandlerConfig.builder()
            .environment(Map.of("TRACKER_TIMEOUT_MARGIN_MS", " 750 ")::get)
            .build()
            .timeoutMarginMillis());
    assertEquals(
        50,
        HandlerConfig.builder()
            .environment(Map.of("TRACKER_TIMEOUT_MARGIN_MS", "750")::get)
            .timeoutMargin(Duration.ofMillis(50))
            .build()
            .timeoutMarginMillis(),
        "code wins");
    for (String bad : new String[] {"-1", "1.5", "soon", "99999999999999999999"}) {
      IllegalArgumentException rejected =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  HandlerConfig.builder()
                      .environment(Map.of("TRACKER_TIMEOUT_MARGIN_MS", bad)::get)
                      .build());
      assertEquals(
          "TRACKER_TIMEOUT_MARGIN_MS='"
              + bad
              + "' is not accepted: use a whole number of milliseconds, 0 or more (0 turns the"
              + " line before the timeout off)",
          rejected.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> HandlerConfig.builder().timeoutMargin(Duration.ofMillis(-1)));
    assertTrue(HandlerConfig.ENVIRONMENT_VARIABLES.contains("TRACKER_TIMEOUT_MARGIN_MS"));
  }
}
