package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * {@code trackAsync} times a stage until it completes, records its failure and lets it through, and
 * stops its timer when starting the stage throws or returns null.
 */
class AsyncStagesAreTimedUntilTheyCompleteTest extends OneTrackerWritingToAList {
  @Test
  void trackAsyncTimesUntilTheStageCompletes() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    tracker.trackProcess(
        "main",
        () -> {
          CompletableFuture<String> timed = tracker.trackAsync("lookup", () -> pending);
          ticker.advanceMicros(300);
          assertFalse(timed.isDone());
          pending.complete("found");
          assertEquals("found", Waits.get(timed));
        });
    assertEquals("{\"latencies\":{\"main\":0.300,\"lookup\":0.300},\"metrics\":{}}", onlyLine());
  }

  @Test
  void trackAsyncPassesFailuresThroughAndStillRecords() {
    IllegalStateException failure = new IllegalStateException("down");
    tracker.trackProcess(
        "main",
        () -> {
          CompletableFuture<String> pending = new CompletableFuture<>();
          CompletableFuture<String> timed = tracker.trackAsync("lookup", () -> pending);
          ticker.advanceMicros(5);
          pending.completeExceptionally(failure);
          ExecutionException thrown = assertThrows(ExecutionException.class, timed::get);
          assertSame(failure, thrown.getCause());
        });
    assertEquals("{\"latencies\":{\"main\":0.005,\"lookup\":0.005},\"metrics\":{}}", onlyLine());
  }

  @Test
  void trackAsyncStopsTheTimerWhenStartingThrowsOrReturnsNull() {
    IllegalArgumentException failure = new IllegalArgumentException("bad id");
    tracker.trackProcess(
        "main",
        () -> {
          assertSame(
              failure,
              assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      tracker.trackAsync(
                          "a",
                          () -> {
                            throw failure;
                          })));
          assertEquals(
              "start returned null instead of a stage",
              assertThrows(NullPointerException.class, () -> tracker.trackAsync("b", () -> null))
                  .getMessage());
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000,\"a\":0.000,\"b\":0.000},\"metrics\":{}}", onlyLine());
  }
}
