package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A timer's latency is in milliseconds rounded half up to the microsecond; timers of one name add
 * up with a count, a timer closed twice or on another thread records once, and one left open is
 * measured until the line and named in a warning (at most twenty).
 */
class TimersRecordTheirLatencyInMillisecondsTest extends OneTrackerWritingToAList {
  @Test
  void latenciesRoundToThreeDecimalsHalfUp() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.track("a", () -> ticker.advanceNanos(1_234_499L));
          tracker.track("b", () -> ticker.advanceNanos(1_234_500L));
          tracker.track("c", () -> ticker.advanceNanos(499L));
          tracker.track("d", () -> ticker.advanceNanos(2_215_262_000L));
        });
    assertEquals(
        "{\"latencies\":{\"main\":2217.731,\"a\":1.234,\"b\":1.235,\"c\":0.000,\"d\":2215.262},"
            + "\"metrics\":{}}",
        onlyLine());
  }

  @Test
  void repeatedTimerNameReportsTotalAndCount() {
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 1; i <= 3; i++) {
            try (Timer timer = tracker.timer("record")) {
              ticker.advanceMicros(1_000L * i);
            }
          }
        });
    assertEquals(
        "{\"latencies\":{\"main\":6.000,\"record\":6.000},\"latency_counts\":{\"record\":3},"
            + "\"metrics\":{}}",
        onlyLine());
  }

  @Test
  void timerNamedLikeTheProcessAddsToTheProcessEntry() {
    tracker.trackProcess(
        "main",
        () -> {
          try (Timer timer = tracker.timer("main")) {
            ticker.advanceMicros(1_000);
          }
        });
    assertEquals(
        "{\"latencies\":{\"main\":2.000},\"latency_counts\":{\"main\":2},\"metrics\":{}}",
        onlyLine());
  }

  @Test
  void aTimerStartedOutsideAnyRunRecordsNothingAndTheNextRunStartsClean() {
    Timer early = tracker.timer("warmup");
    ticker.advanceMicros(100);
    early.close();
    tracker.setMetric("early", 1);
    tracker.trackProcess("main", () -> ticker.advanceMicros(200));
    assertEquals("{\"latencies\":{\"main\":0.200},\"metrics\":{}}", onlyLine());
  }

  @Test
  void closingATimerTwiceRecordsOnce() {
    tracker.trackProcess(
        "main",
        () -> {
          Timer timer = tracker.timer("step");
          ticker.advanceMicros(10);
          timer.close();
          ticker.advanceMicros(10);
          timer.close();
        });
    assertEquals("{\"latencies\":{\"main\":0.020,\"step\":0.010},\"metrics\":{}}", onlyLine());
  }

  @Test
  void timerClosedOnAnotherThreadIsRecorded() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          Timer timer = tracker.timer("callback");
          ticker.advanceMicros(40);
          Thread other = new Thread(timer::close);
          other.start();
          Waits.join(other);
        });
    assertEquals("{\"latencies\":{\"main\":0.040,\"callback\":0.040},\"metrics\":{}}", onlyLine());
  }

  @Test
  void timersLeftOpenAreMeasuredUntilTheLineAndNamedInWarnings() {
    Timer[] leftOpen = new Timer[2];
    tracker.trackProcess(
        "main",
        () -> {
          leftOpen[0] = tracker.timer("first");
          ticker.advanceMicros(10);
          leftOpen[1] = tracker.timer("second");
          ticker.advanceMicros(10);
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.020,\"first\":0.020,\"second\":0.010},\"metrics\":{},"
            + "\"tracker_warnings\":["
            + "\"timer 'first' was still open when the line was written; measured until then\","
            + "\"timer 'second' was still open when the line was written; measured until then\"]}",
        onlyLine());
    ticker.advanceMicros(10);
    leftOpen[0].close();
    assertEquals(1, lines.size());
  }

  @Test
  void warningsStopAtTwentyAndCountTheRest() {
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 0; i < 23; i++) {
            tracker.timer("t" + i);
          }
        });
    String line = onlyLine();
    assertTrue(
        line.endsWith(
            "\"timer 't19' was still open when the line was written; measured until then\",\"and 3 more warnings\"]}"),
        line);
  }
}
