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
          assertSame(ProcessTracker.current(), seen[0]);
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void aBoundCallableLeavesItsThreadWithNoCurrentRunWhileTheRunGoesOn() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          Callable<ProcessTracker> task = ProcessTracker::current;
          assertSame(ProcessTracker.current(), single.submit(tracker.bind(task)).get());
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void aBoundSupplierReturnsItsValueAndLeavesItsThreadWithNoCurrentRun() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          Supplier<ProcessTracker> bound = tracker.bindSupplier(ProcessTracker::current);
          assertSame(ProcessTracker.current(), single.submit(bound::get).get());
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
          assertSame(ProcessTracker.current(), seen[0]);
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void aBoundTaskRestoresTheRunThatWasCurrentOnItsThreadBefore() throws Exception {
    ProcessTracker other = ProcessTracker.builder().output(lines::add).build();
    tracker.trackProcess(
        "main",
        () -> {
          ProcessTracker mainRun = ProcessTracker.current();
          other.trackProcess(
              "other",
              () -> {
                ProcessTracker otherRun = ProcessTracker.current();
                mainRun.bind(() -> assertSame(mainRun, ProcessTracker.current())).run();
                assertSame(otherRun, ProcessTracker.current());
              });
        });
    assertSame(detached, ProcessTracker.current());
  }

  @Test
  void aTimerKnowsTheNameItRecordsUnderCleanedOfLoneSurrogates() {
    assertEquals("step", tracker.timer("step").name());
    assertEquals("step\uFFFD", tracker.timer("step\uD800").name());
    assertEquals("outside", detached.timer("outside").name());
  }

  // --- a line format that fails --------------------------------------------------------------

  /** A format of the caller's that fails, as a named class so the reports name it exactly. */
  static final class FailingFormat implements LineFormat {
    private final RuntimeException runtime;
    private final Error error;

    FailingFormat(RuntimeException runtime, Error error) {
      this.runtime = runtime;
      this.error = error;
    }

    @Override
    public String render(RunRecord record) {
      if (runtime != null) {
        throw runtime;
      }
      throw error;
    }
  }

  @Test
  void aLineFormatThatThrowsIsReportedAndTheLineIsWrittenInTheDefaultFormat() {
    LineFormat[] formats = {
      new FailingFormat(new IllegalStateException("format broke"), null),
      new FailingFormat(null, new NoClassDefFoundError("com/google/gson/stream/JsonWriter")),
      new FailingFormat(null, new OutOfMemoryError("format ran out")),
    };
    String[] reports = {
      "java.lang.IllegalStateException: format broke",
      "java.lang.NoClassDefFoundError: com/google/gson/stream/JsonWriter",
      "java.lang.OutOfMemoryError: format ran out",
    };
    String name = FailingFormat.class.getName();
    for (int i = 0; i < formats.length; i++) {
      lines.clear();
      ProcessTracker failing =
          ProcessTracker.builder().ticker(ticker).output(lines::add).format(formats[i]).build();
      String err =
          ProcessTrackerTest.captureStandardError(
              () -> assertEquals("ok", failing.trackProcess("main", () -> "ok")));
      assertEquals(
          "tracker-lambda: the line format " + name + " threw: " + reports[i] + "\n", err);
      assertEquals(
          List.of(
              "{\"latencies\":{\"main\":0.000},\"metrics\":{},\"tracker_warnings\":"
                  + "[\"the line format "
                  + name
                  + " failed (see standard error); written in the default format\"]}"),
          lines,
          "the run's line is written in the default format");
      assertEquals("ProcessTracker[no run]", failing.toString());
    }
  }
}
