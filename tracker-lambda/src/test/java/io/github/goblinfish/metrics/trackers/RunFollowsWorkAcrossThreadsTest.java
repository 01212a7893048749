package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
class RunFollowsWorkAcrossThreadsTest {
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
    return Waits.get(single.submit(ProcessTracker::current));
  }

  @Test
  void aBoundRunnableLeavesItsThreadWithNoCurrentRunWhileTheRunGoesOn() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          ProcessTracker[] seen = new ProcessTracker[1];
          Waits.get(single.submit(tracker.bind(() -> seen[0] = ProcessTracker.current())));
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
          assertSame(ProcessTracker.current(), Waits.get(single.submit(tracker.bind(task))));
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void aBoundSupplierReturnsItsValueAndLeavesItsThreadWithNoCurrentRun() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          Supplier<ProcessTracker> bound = tracker.bindSupplier(ProcessTracker::current);
          assertSame(ProcessTracker.current(), Waits.get(single.submit(bound::get)));
          assertSame(detached, currentOnTheThread());
        });
  }

  @Test
  void anExecutorsTasksLeaveTheirThreadWithNoCurrentRunWhileTheRunGoesOn() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          ProcessTracker[] seen = new ProcessTracker[1];
          Waits.get(
              java.util.concurrent.CompletableFuture.runAsync(
                  () -> seen[0] = ProcessTracker.current(), tracker.executor(single)));
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

  // --- the current run, scopes and bound work
  // -------------------------------------------------------

  @Test
  void outsideAnyRunCurrentIsADetachedTrackerThatRecordsNothing() {
    ProcessTracker detached = ProcessTracker.current();
    assertFalse(detached.isRecording());
    assertSame(detached, ProcessTracker.current());
    detached.setMetric("x", 1);
    detached.incrementMetric("x");
    detached.setIdentifier("id", "v");
    try (Timer timer = detached.timer("t")) {
      assertEquals("t", timer.name());
    }
    assertEquals(42, detached.track("t", () -> 42));
    assertEquals(
        "the detached tracker of ProcessTracker.current() cannot run a process;"
            + " create a ProcessTracker",
        assertThrows(IllegalStateException.class, () -> detached.trackProcess("main", () -> {}))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> detached.timer(" "));
  }

  @Test
  void trackProcessMakesTheTrackerCurrentAndRestoresTheThreadAfter() {
    ProcessTracker before = ProcessTracker.current();
    tracker.trackProcess(
        "main",
        () -> {
          assertEquals("ProcessTracker[main, running]", ProcessTracker.current().toString());
          ProcessTracker.current().setMetric("from_helper", 1);
        });
    assertSame(before, ProcessTracker.current());
    assertEquals("{\"latencies\":{\"main\":0.000},\"metrics\":{\"from_helper\":1}}", onlyLine());
  }

  @Test
  void nestedProcessesRestoreTheOuterRun() {
    List<String> inner = new ArrayList<>();
    ProcessTracker innerTracker =
        ProcessTracker.builder().ticker(ticker).output(inner::add).build();
    tracker.trackProcess(
        "outer",
        () -> {
          innerTracker.trackProcess("inner", () -> ProcessTracker.current().setMetric("in", 1));
          ProcessTracker.current().setMetric("out", 1);
        });
    assertEquals("{\"latencies\":{\"inner\":0.000},\"metrics\":{\"in\":1}}", inner.get(0));
    assertEquals("{\"latencies\":{\"outer\":0.000},\"metrics\":{\"out\":1}}", onlyLine());
  }

  @Test
  void bindAndExecutorCarryTheRunToOtherThreads() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      tracker.trackProcess(
          "main",
          () -> {
            Waits.get(
                pool.submit(
                    tracker.bind(() -> ProcessTracker.current().incrementMetric("runnable"))));
            assertEquals(
                "callable",
                Waits.get(
                    pool.submit(
                        tracker.bind(
                            () -> {
                              ProcessTracker.current().incrementMetric("callable");
                              return "callable";
                            }))));
            Waits.get(
                CompletableFuture.supplyAsync(
                        tracker.bindSupplier(
                            () -> {
                              ProcessTracker.current().incrementMetric("supplier");
                              return 1;
                            }),
                        pool)
                    .thenAcceptAsync(
                        v -> ProcessTracker.current().incrementMetric("stage"),
                        tracker.executor(pool)));
          });
      assertEquals(
          "{\"latencies\":{\"main\":0.000},"
              + "\"metrics\":{\"runnable\":1,\"callable\":1,\"supplier\":1,\"stage\":1}}",
          onlyLine());
      // The pool's threads are left with no current run.
      assertFalse(Waits.get(pool.submit(() -> ProcessTracker.current().isRecording())));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scopeRestoresThePreviousRunAndIsIdempotent() {
    ProcessTracker other = ProcessTracker.builder().ticker(ticker).output(lines::add).build();
    tracker.trackProcess(
        "outer",
        () -> {
          ProcessTracker outerRun = ProcessTracker.current();
          other.trackProcess(
              "inner",
              () -> {
                ProcessTracker innerRun = ProcessTracker.current();
                Scope outer = outerRun.makeCurrent();
                assertEquals("ProcessTracker[outer, running]", ProcessTracker.current().toString());
                Scope inner = innerRun.makeCurrent();
                assertEquals("ProcessTracker[inner, running]", ProcessTracker.current().toString());
                inner.close();
                inner.close();
                assertEquals("ProcessTracker[outer, running]", ProcessTracker.current().toString());
                outer.close();
                assertEquals("ProcessTracker[inner, running]", ProcessTracker.current().toString());
              });
        });
    assertFalse(ProcessTracker.current().isRecording());
    assertEquals(2, lines.size());
  }

  @Test
  void scopeClosedOnAnotherThreadDoesNothingThere() throws Exception {
    ProcessTracker[] run = new ProcessTracker[1];
    tracker.trackProcess("main", () -> run[0] = ProcessTracker.current());
    ProcessTracker other = ProcessTracker.builder().ticker(ticker).output(lines::add).build();
    other.trackProcess(
        "other",
        () -> {
          Scope scope = run[0].makeCurrent();
          Thread elsewhere = new Thread(scope::close);
          elsewhere.start();
          Waits.join(elsewhere);
          assertEquals("ProcessTracker[main, written]", ProcessTracker.current().toString());
          scope.close();
          assertEquals("ProcessTracker[other, running]", ProcessTracker.current().toString());
        });
    assertFalse(ProcessTracker.current().isRecording());
  }

  private String onlyLine() {
    assertEquals(1, lines.size(), () -> "lines: " + lines);
    return lines.get(0);
  }
}
