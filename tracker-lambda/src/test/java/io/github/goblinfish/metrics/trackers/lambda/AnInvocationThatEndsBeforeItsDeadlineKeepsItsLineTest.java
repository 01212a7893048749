package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near-deadline rule, on a fake clock that the handler's context, its tracker and the timeout
 * watch all read: whichever comes first writes the one line, the invocation's end or the watch at
 * the deadline less the margin. With the default margin, a handler that works while more than 100
 * ms remain (the usual batch loop) or that throws in its last 200 ms ends first, so its line is its
 * own: no {@code timed_out}, and everything it recorded last. The watch looks at every instant the
 * clock moves ({@link TimeoutWatch#checkNowForTests()}), so the tests see exactly when it acts.
 */
class AnInvocationThatEndsBeforeItsDeadlineKeepsItsLineTest {
  private final FakeTicker clock = new FakeTicker();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @BeforeEach
  void watchOnTheFakeClock() {
    TimeoutWatch.useClockForTests(clock);
  }

  @AfterEach
  void watchOnTheSystemClockAgain() {
    TimeoutWatch.useClockForTests(null);
  }

  /** The default margin (no variable set), lines to {@link #lines}, the fake clock. */
  private HandlerConfig.Builder defaults() {
    return HandlerConfig.builder()
        .environment(name -> null)
        .output(lines::add)
        .omitAllIdentifiers()
        .ticker(clock);
  }

  private TestContext contextWithTimeout(Duration timeout) {
    return TestContext.builder().timeout(timeout).ticker(clock).build();
  }

  /** One record's work: the clock moves on, and the watch looks at the new instant. */
  private void workMillis(long millis) {
    clock.advanceMicros(millis * 1000);
    TimeoutWatch.checkNowForTests();
  }

  /** Processes 10 ms records while more than 100 ms remain, then says how many it processed. */
  final class BatchHandler extends TrackedRequestHandler<String, String> {
    BatchHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected String handleTracked(String input, Context context) {
      int processed = 0;
      while (context.getRemainingTimeInMillis() > 100) {
        workMillis(10);
        processed++;
      }
      tracker().setMetric("records_processed", processed);
      return "processed " + processed;
    }
  }

  /** Processes 10 ms records while more than 200 ms remain, then fails. */
  final class GivingUpHandler extends TrackedRequestHandler<String, String> {
    final IllegalStateException failure = new IllegalStateException("batch cut short");

    GivingUpHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected String handleTracked(String input, Context context) {
      while (context.getRemainingTimeInMillis() > 200) {
        workMillis(10);
      }
      throw failure;
    }
  }

  @Test
  void aBatchHandlerThatStopsWith100MsLeftIsNotReportedAsTimedOutAndKeepsWhatItRecordedLast() {
    String err =
        EveryInvocationWritesOneLineTest.captureStandardError(
            () ->
                assertEquals(
                    "processed 190",
                    new BatchHandler(defaults().build())
                        .handleRequest("batch", contextWithTimeout(Duration.ofSeconds(2)))));
    assertEquals(
        List.of(
            "{\"latencies\":{\"BatchHandler\":1900.000},\"untracked\":1900.000,\"metrics\":{\"records_processed\":190}}"),
        lines);
    assertEquals("", err);
  }

  @Test
  void aHandlerThatThrowsInItsLast200MsKeepsFailedAndExceptionTypeAndIsNotTimedOut() {
    GivingUpHandler handler = new GivingUpHandler(defaults().build());
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> handler.handleRequest("batch", contextWithTimeout(Duration.ofSeconds(2))));
    assertSame(handler.failure, thrown);
    assertEquals(
        List.of(
            "{\"latencies\":{\"GivingUpHandler\":1800.000},\"untracked\":1800.000,\"metrics\":{\"failed\":1,"
                + "\"exception_type\":\"java.lang.IllegalStateException\"}}"),
        lines);
  }

  /** Runs until the watch wrote its line, records more, and ends 20 ms before its deadline. */
  final class LateHandler extends TrackedRequestHandler<String, String> {
    LateHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected String handleTracked(String input, Context context) {
      tracker().setMetric("before", 1);
      clock.advanceNanos(Duration.ofMillis(950).toNanos() - 1);
      TimeoutWatch.checkNowForTests();
      lines.add("checked 1 ns before the deadline less the margin");
      clock.advanceNanos(1);
      TimeoutWatch.checkNowForTests();
      tracker().setMetric("after", 1);
      workMillis(30);
      return "done with " + context.getRemainingTimeInMillis() + " ms left";
    }
  }

  @Test
  void theWatchWritesAtTheDeadlineLessTheMarginAndAnInvocationEndingAfterThatSaysSo() {
    String[] result = new String[1];
    String err =
        EveryInvocationWritesOneLineTest.captureStandardError(
            () ->
                result[0] =
                    new LateHandler(defaults().build())
                        .handleRequest("x", contextWithTimeout(Duration.ofSeconds(1))));
    assertEquals("done with 20 ms left", result[0], "the handler's result is unchanged");
    assertEquals(
        List.of(
            "checked 1 ns before the deadline less the margin",
            "{\"latencies\":{\"LateHandler\":950.000},\"untracked\":950.000,\"metrics\":{\"before\":1,\"timed_out\":1},"
                + "\"tracker_warnings\":[\"the invocation was about to time out: its line was"
                + " written 50 ms before the deadline, while the handler was still running\","
                + "\"timer 'LateHandler' was still open when the line was written; measured until"
                + " then\"]}"),
        lines);
    assertEquals(
        "tracker-lambda: the invocation ended 20 ms before its deadline, after its line had been"
            + " written 50 ms before the deadline with timed_out: 1; what it recorded since is not"
            + " in the line (a smaller TRACKER_TIMEOUT_MARGIN_MS narrows this window)"
            + System.lineSeparator(),
        err);
  }

  @Test
  void anInvocationEndingWhileTheWatchWritesItsLineWaitsForThatLineSoTheTwoNeverRace()
      throws Exception {
    CountDownLatch due = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HandlerConfig config =
        defaults()
            .output(
                line -> {
                  writing.countDown();
                  try {
                    release.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                  }
                  lines.add(line);
                })
            .build();
    TrackedRequestHandler<String, String> handler =
        new TrackedRequestHandler<>(config) {
          @Override
          protected String handleTracked(String input, Context context) {
            clock.advanceMicros(960_000);
            due.countDown();
            try {
              writing.await(20, TimeUnit.SECONDS); // the watch is writing the line now
            } catch (InterruptedException interrupted) {
              throw new AssertionError(interrupted);
            }
            tracker().setMetric("after", 1);
            return "done";
          }
        };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      String err =
          EveryInvocationWritesOneLineTest.captureStandardError(
              () -> {
                try {
                  Future<String> invocation =
                      threads.submit(
                          () ->
                              handler.handleRequest(
                                  "x", contextWithTimeout(Duration.ofSeconds(1))));
                  assertTrue(due.await(20, TimeUnit.SECONDS));
                  Future<?> watch = threads.submit(TimeoutWatch::checkNowForTests);
                  assertTrue(writing.await(20, TimeUnit.SECONDS));
                  assertThrows(
                      TimeoutException.class,
                      () -> invocation.get(300, TimeUnit.MILLISECONDS),
                      "the invocation's end waits while the watch's line is being written");
                  release.countDown();
                  assertEquals("done", invocation.get(20, TimeUnit.SECONDS));
                  watch.get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
      assertEquals(
          List.of(
              "{\"latencies\":{\"AnInvocationThatEndsBeforeItsDeadlineKeepsItsLineTest\":960.000},"
                  + "\"untracked\":960.000,\"metrics\":{\"timed_out\":1},\"tracker_warnings\":[\"the invocation was"
                  + " about to time out: its line was written 50 ms before the deadline, while the"
                  + " handler was still running\",\"timer"
                  + " 'AnInvocationThatEndsBeforeItsDeadlineKeepsItsLineTest' was still open when the"
                  + " line was written; measured until then\"]}"),
          lines);
      assertEquals(
          "tracker-lambda: the invocation ended 40 ms before its deadline, after its line had been"
              + " written 50 ms before the deadline with timed_out: 1; what it recorded since is not"
              + " in the line (a smaller TRACKER_TIMEOUT_MARGIN_MS narrows this window)"
              + System.lineSeparator(),
          err);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theDefaultMarginLeavesTheUsualLoopItsLast100MsAndRoomForItsLastRecord() {
    assertEquals(50, HandlerConfig.DEFAULT_TIMEOUT_MARGIN_MS);
    assertEquals(
        50, HandlerConfig.builder().environment(name -> null).build().timeoutMarginMillis());
  }
}
