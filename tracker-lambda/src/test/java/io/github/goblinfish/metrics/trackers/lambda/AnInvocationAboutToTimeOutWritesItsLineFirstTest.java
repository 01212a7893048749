package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /**
   * A handler's configuration with no variables set, no automatic identifiers, lines to {@link
   * #lines}.
   */
  private HandlerConfig.Builder toLines(Duration margin) {
    return HandlerConfig.builder()
        .environment(name -> null)
        .output(lines::add)
        .omitAllIdentifiers()
        .timeoutMargin(margin);
  }

  /** Keeps running until its line was written, then records more, which must be ignored. */
  private final class SlowHandler extends TrackedRequestHandler<String, String> {
    SlowHandler(Duration margin) {
      super(toLines(margin).build());
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
    int watchedBefore = TimeoutWatch.watchedCount();
    List<Integer> watchedWhileRunning = new CopyOnWriteArrayList<>();
    TrackedRequestHandler<String, String> quick =
        new TrackedRequestHandler<>(toLines(Duration.ofMillis(100)).ticker(() -> 0L).build()) {
          @Override
          protected String handleTracked(String input, Context context) {
            watchedWhileRunning.add(TimeoutWatch.watchedCount());
            return input;
          }
        };
    // The watch would write this invocation's line 500 ms from now, had it stayed armed.
    assertEquals(
        "x",
        quick.handleRequest("x", TestContext.builder().timeout(Duration.ofMillis(600)).build()));
    assertEquals(List.of(watchedBefore + 1), watchedWhileRunning, "watched while it ran");
    assertEquals(watchedBefore, TimeoutWatch.watchedCount(), "its watch node is unlinked");
    Thread.sleep(800); // past the moment the watch would have fired, had it stayed armed
    assertEquals(
        List.of(
            "{\"latencies\":{\"AnInvocationAboutToTimeOutWritesItsLineFirstTest\":0.000},"
                + "\"untracked\":0.000,\"metrics\":{}}"),
        lines);
    assertEquals(watchedBefore, TimeoutWatch.watchedCount());
  }

  @Test
  void invocationsWatchedTogetherEndInAnyOrderAndOnlyTheOneStillRunningIsWrittenEarly()
      throws Exception {
    Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
    Map<String, CountDownLatch> released = new ConcurrentHashMap<>();
    for (String input : new String[] {"slow", "middle", "head", "top"}) {
      entered.put(input, new CountDownLatch(1));
      released.put(input, new CountDownLatch(1));
    }
    TrackedRequestHandler<String, String> held =
        new TrackedRequestHandler<>(toLines(Duration.ofMillis(100)).build()) {
          @Override
          protected String handleTracked(String input, Context context) {
            tracker().setIdentifier("input", input);
            // The watch is armed before the handler runs: entering means watched.
            entered.get(input).countDown();
            try {
              released.get(input).await(20, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
            return input;
          }
        };
    int watchedBefore = TimeoutWatch.watchedCount();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      // Armed in this order, the watch holds top, head, middle, slow. The first of the list ends
      // first, then one from its middle; slow's deadline comes at 2 s, while it and the head still
      // run; the head ends after that.
      Future<String> slow = start(threads, held, "slow", Duration.ofMillis(2100), entered);
      Future<String> middle = start(threads, held, "middle", Duration.ofSeconds(60), entered);
      Future<String> head = start(threads, held, "head", Duration.ofSeconds(60), entered);
      Future<String> top = start(threads, held, "top", Duration.ofSeconds(60), entered);
      assertEquals(watchedBefore + 4, TimeoutWatch.watchedCount());
      released.get("top").countDown();
      assertEquals("top", top.get(20, TimeUnit.SECONDS));
      assertEquals(
          watchedBefore + 3, TimeoutWatch.watchedCount(), "head, middle and slow are left");
      released.get("middle").countDown();
      assertEquals("middle", middle.get(20, TimeUnit.SECONDS));
      assertEquals(watchedBefore + 2, TimeoutWatch.watchedCount(), "head and slow are left");
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (lines.size() < 3 && System.nanoTime() - giveUp < 0) {
        Thread.sleep(10);
      }
      assertEquals(watchedBefore + 1, TimeoutWatch.watchedCount(), "slow was taken out, head left");
      released.get("head").countDown();
      assertEquals("head", head.get(20, TimeUnit.SECONDS));
      assertEquals(watchedBefore, TimeoutWatch.watchedCount(), "nothing is left");
      released.get("slow").countDown();
      assertEquals("slow", slow.get(20, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
    assertEquals(4, lines.size(), "one line per invocation: " + lines);
    Map<Object, TrackerLine> byInput = new HashMap<>();
    for (String line : lines) {
      TrackerLine parsed = TrackerLine.parse(line);
      byInput.put(parsed.identifier("input"), parsed);
    }
    assertEquals(Set.of("slow", "middle", "head", "top"), byInput.keySet());
    assertEquals(1.0, byInput.get("slow").metric("timed_out"));
    assertEquals(Set.of(), byInput.get("middle").metricNames());
    assertEquals(Set.of(), byInput.get("head").metricNames());
    assertEquals(Set.of(), byInput.get("top").metricNames());
  }

  private static Future<String> start(
      ExecutorService threads,
      TrackedRequestHandler<String, String> handler,
      String input,
      Duration timeout,
      Map<String, CountDownLatch> entered)
      throws InterruptedException {
    Future<String> result =
        threads.submit(
            () -> handler.handleRequest(input, TestContext.builder().timeout(timeout).build()));
    assertTrue(entered.get(input).await(20, TimeUnit.SECONDS), input + " started");
    return result;
  }

  @Test
  void aMarginOfZeroTurnsItOffAndAnInvocationWithLessTimeLeftThanTheMarginIsNotWatched() {
    TimeoutWatch.Watch watch = new TimeoutWatch.Watch();
    assertFalse(TimeoutWatch.arm(watch, 10_000, 0));
    assertFalse(TimeoutWatch.arm(watch, 100, 100));
    assertFalse(TimeoutWatch.arm(watch, 0, 100));
    assertNull(watch.run);
    assertNull(watch.next);
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
    assertEquals(
        900_000,
        HandlerConfig.builder()
            .environment(Map.of("TRACKER_TIMEOUT_MARGIN_MS", "900000")::get)
            .build()
            .timeoutMarginMillis(),
        "Lambda's longest timeout is the largest margin");
    for (String bad :
        new String[] {
          "-1", "1.5", "soon", "99999999999999999999", "900001", "9223372036854775807"
        }) {
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
              + "' is not accepted: use a whole number of milliseconds from 0 to 900000 (0"
              + " turns the line before the timeout off)",
          rejected.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> HandlerConfig.builder().timeoutMargin(Duration.ofMillis(-1)));
    assertTrue(HandlerConfig.ENVIRONMENT_VARIABLES.contains("TRACKER_TIMEOUT_MARGIN_MS"));
  }

  private static long marginMillis(Duration margin) {
    return HandlerConfig.builder()
        .environment(name -> null)
        .timeoutMargin(margin)
        .build()
        .timeoutMarginMillis();
  }

  @Test
  void aPositiveMarginIsRoundedUpToWholeMillisecondsSoItNeverTurnsTheWatchOff() {
    assertEquals(1, marginMillis(Duration.ofNanos(1)));
    assertEquals(1, marginMillis(Duration.ofNanos(999_999)));
    assertEquals(1, marginMillis(Duration.ofMillis(1)));
    assertEquals(2, marginMillis(Duration.ofNanos(1_000_001)));
    assertEquals(0, marginMillis(Duration.ZERO), "zero, and only zero, turns it off");
    assertEquals(900_000, marginMillis(Duration.ofSeconds(900)));
  }

  @Test
  void aMarginLongerThanLambdasLongestTimeoutIsRefusedWithTheRange() {
    for (Duration bad :
        new Duration[] {
          Duration.ofSeconds(900).plusNanos(1),
          Duration.ofMillis(Long.MAX_VALUE),
          Duration.ofSeconds(Long.MAX_VALUE),
          Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
          Duration.ofNanos(-1),
          Duration.ofSeconds(Long.MIN_VALUE)
        }) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class, () -> HandlerConfig.builder().timeoutMargin(bad));
      assertEquals(
          "the timeout margin must be from 0 to 900 s (Lambda's longest timeout), not " + bad,
          refused.getMessage());
    }
  }
}
