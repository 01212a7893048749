package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the other tests left loose about the current run and about a line that cannot be built:
 * bound tasks must leave their thread with no current run while the run is still recording (not
 * only after it ended), bound suppliers must return their value, and a failing line format is
 * reported without touching the result.
 */
class CurrentRunMutationGapTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();
  private final ProcessTracker tracker =
      ProcessTracker.builder().ticker(ticker).output(lines::add).build();
  private final ExecutorService single = Executors.newSingleThreadExecutor();
  private final ProcessTracker detached = ProcessTracker.current();

  @AfterEach
  void stop() {
    single.shutdownNow();
  }

  private ProcessTracker currentOnTheThread() throws Exception {
    return single.submit(ProcessTracker::current).get();
  }

  @Test
  void aBoundRunnableLeavesItsThreadWithNoCurrentRunWhileTheRunGoesOn() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          ProcessTracker[] seen = new ProcessTracker[1];
          single.submit(tracker.bind(() -> seen[0] = ProcessTracker.current())).get();
          assertSame(tracker, seen[0]);
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void aBoundCallableLeavesItsThreadWithNoCurrentRunWhileTheRunGoesOn() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          Callable<ProcessTracker> task = ProcessTracker::current;
          assertSame(tracker, single.submit(tracker.bind(task)).get());
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void aBoundSupplierReturnsItsValueAndLeavesItsThreadWithNoCurrentRun() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          Supplier<ProcessTracker> bound = tracker.bindSupplier(ProcessTracker::current);
          assertSame(tracker, single.submit(bound::get).get());
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void anExecutorsTasksLeaveTheirThreadWithNoCurrentRunWhileTheRunGoesOn() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          ProcessTracker[] seen = new ProcessTracker[1];
          java.util.concurrent.CompletableFuture.runAsync(
                  () -> seen[0] = ProcessTracker.current(), tracker.executor(single))
              .get();
          assertSame(tracker, seen[0]);
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void aBoundTaskRestoresTheRunThatWasCurrentOnItsThreadBefore() throws Exception {
    ProcessTracker other = ProcessTracker.builder().output(lines::add).build();
    try (Scope outer = other.makeCurrent()) {
      tracker.bind(() -> assertSame(tracker, ProcessTracker.current())).run();
      assertSame(other, ProcessTracker.current());
    }
    assertSame(detached, ProcessTracker.current());
  }

  @Test
  void aTimerKnowsTheNameItRecordsUnderCleanedOfLoneSurrogates() {
    assertEquals("step", tracker.timer("step").name());
    assertEquals("step\uFFFD", tracker.timer("step\uD800").name());
    assertEquals("outside", detached.timer("outside").name());
  }

  // --- a line format that fails --------------------------------------------------------------

  private static LineFormat failingWith(RuntimeException runtime, LinkageError linkage) {
    return new LineFormat() {
      @Override
      String render(ProcessTracker tracker) {
        if (runtime != null) {
          throw runtime;
        }
        throw linkage;
      }
    };
  }

  @Test
  void aLineFormatThatThrowsIsReportedOnStandardErrorAndTheResultStands() {
    LineFormat[] formats = {
      failingWith(new IllegalStateException("format broke"), null),
      failingWith(null, new NoClassDefFoundError("com/google/gson/stream/JsonWriter")),
    };
    String[] reports = {
      "java.lang.IllegalStateException: format broke",
      "java.lang.NoClassDefFoundError: com/google/gson/stream/JsonWriter",
    };
    for (int i = 0; i < formats.length; i++) {
      ProcessTracker failing =
          ProcessTracker.builder().ticker(ticker).output(lines::add).format(formats[i]).build();
      String err =
          ProcessTrackerTest.captureStandardError(
              () -> assertEquals("ok", failing.trackProcess("main", () -> "ok")));
      assertEquals(
          "tracker-lambda: could not build the metrics line: " + reports[i] + System.lineSeparator(),
          err);
      assertEquals(List.of(), lines, "nothing reaches the output");
      assertEquals("ProcessTracker[main, written]", failing.toString(), "and nothing is retried");
    }
  }
}
