package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs of one tracker stay apart: on two threads, nested on one, or started by the output while it
 * writes a line; once a run's line is written, calls into it are ignored.
 */
class RunsOfOneTrackerNeverMixTest extends OneTrackerWritingToAList {
  @Test
  void twoThreadsRunningOneTrackerGetTwoRunsThatNeverMix() throws Exception {
    List<String> shared = java.util.Collections.synchronizedList(new ArrayList<>());
    ProcessTracker one = ProcessTracker.builder().ticker(ticker).output(shared::add).build();
    java.util.concurrent.CyclicBarrier bothInside = new java.util.concurrent.CyclicBarrier(2);
    Runnable[] bodies = new Runnable[2];
    for (int i = 0; i < 2; i++) {
      String id = "t" + i;
      bodies[i] =
          () -> {
            try {
              one.trackProcess(
                  "run_" + id,
                  () -> {
                    one.setIdentifier("thread", id);
                    Waits.await(bothInside);
                    try (Timer timer = one.timer("step_" + id)) {
                      one.incrementMetric("count_" + id);
                    }
                    Waits.await(bothInside);
                  });
            } catch (Exception failed) {
              throw new IllegalStateException(failed);
            }
          };
    }
    Thread first = new Thread(bodies[0]);
    Thread second = new Thread(bodies[1]);
    first.start();
    second.start();
    Waits.join(first);
    Waits.join(second);
    assertEquals(2, shared.size());
    List<String> sorted = new ArrayList<>(shared);
    java.util.Collections.sort(sorted);
    assertEquals(
        List.of(
            "{\"latencies\":{\"run_t0\":0.000,\"step_t0\":0.000},\"metrics\":{\"count_t0\":1},\"thread\":\"t0\"}",
            "{\"latencies\":{\"run_t1\":0.000,\"step_t1\":0.000},\"metrics\":{\"count_t1\":1},\"thread\":\"t1\"}"),
        sorted);
  }

  @Test
  void nestedRunsOfOneTrackerWriteTheInnerLineFirstAndRestoreTheOuterRun() {
    tracker.trackProcess(
        "outer",
        () -> {
          tracker.setMetric("outer_metric", 1);
          tracker.trackProcess("inner", () -> tracker.setMetric("inner_metric", 2));
          tracker.setMetric("outer_again", 3);
        });
    assertEquals(
        List.of(
            "{\"latencies\":{\"inner\":0.000},\"metrics\":{\"inner_metric\":2}}",
            "{\"latencies\":{\"outer\":0.000},\"metrics\":{\"outer_metric\":1,\"outer_again\":3}}"),
        lines);
  }

  @Test
  void callsAfterTheLineWasWrittenAreIgnored() {
    tracker.trackProcess("main", () -> ticker.advanceMicros(1));
    tracker.setMetric("late", 1);
    tracker.setMetric("late_text", "x");
    tracker.incrementMetric("late_count");
    tracker.setIdentifier("late_id", "x");
    tracker.timer("late_timer").close();
    tracker.track("late_track", () -> 1);
    assertFalse(tracker.isRecording());
    assertEquals("{\"latencies\":{\"main\":0.001},\"metrics\":{}}", onlyLine());
  }

  @Test
  void anOutputThatTracksARunOfItsOwnWhileTheLineIsWrittenGetsBothLinesWhole() {
    List<String> inner = new ArrayList<>();
    ProcessTracker innerTracker =
        ProcessTracker.builder().ticker(ticker).output(inner::add).build();
    ProcessTracker outer =
        ProcessTracker.builder()
            .ticker(ticker)
            .output(
                line -> {
                  innerTracker.trackProcess(
                      "ship", () -> innerTracker.setMetric("bytes", line.length()));
                  lines.add(line);
                })
            .build();
    outer.trackProcess("main", () -> outer.setIdentifier("id", "x".repeat(20_000)));
    outer.trackProcess("main", () -> outer.setIdentifier("id", "y"));
    assertEquals(
        List.of(
            "{\"latencies\":{\"ship\":0.000},\"metrics\":{\"bytes\":20049}}",
            "{\"latencies\":{\"ship\":0.000},\"metrics\":{\"bytes\":50}}"),
        inner);
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{},\"id\":\"y\"}",
        lines.get(1),
        "a line after a big one, on the same thread's reused writer, is whole and alone");
    assertEquals(20049, lines.get(0).length());
  }
}
