package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
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

  /**
   * Timers t0..t5 start 1 µs apart, then the first {@code closed} of {@code closingOrder} close 1
   * µs apart, in any order: each records its own span, and those left open are measured until the
   * line and named in the order they were started.
   */
  @Property(tries = 300)
  void timersClosedInAnyOrderRecordTheirOwnSpansAndThoseLeftOpenAreNamedInStartingOrder(
      @ForAll("closingOrders") List<Integer> closingOrder,
      @ForAll @IntRange(min = 0, max = 6) int closed) {
    FakeTicker clock = new FakeTicker();
    List<String> written = new ArrayList<>();
    ProcessTracker tracker = ProcessTracker.builder().ticker(clock).output(written::add).build();
    int timers = closingOrder.size();
    long[] endMicros = new long[timers];
    tracker.trackProcess(
        "main",
        () -> {
          Timer[] started = new Timer[timers];
          for (int i = 0; i < timers; i++) {
            started[i] = tracker.timer("t" + i);
            clock.advanceMicros(1);
          }
          for (int k = 0; k < closed; k++) {
            clock.advanceMicros(1);
            int i = closingOrder.get(k);
            started[i].close();
            endMicros[i] = timers + k + 1;
          }
        });
    long lineMicros = timers + closed;
    StringBuilder expected =
        new StringBuilder("{\"latencies\":{\"main\":").append(millis(lineMicros));
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < timers; i++) {
      boolean leftOpen = endMicros[i] == 0;
      long span = (leftOpen ? lineMicros : endMicros[i]) - i;
      expected.append(",\"t").append(i).append("\":").append(millis(span));
      if (leftOpen) {
        warnings.add(
            "\"timer 't" + i + "' was still open when the line was written; measured until then\"");
      }
    }
    expected.append("},\"metrics\":{}");
    if (!warnings.isEmpty()) {
      expected.append(",\"tracker_warnings\":[").append(String.join(",", warnings)).append(']');
    }
    expected.append('}');
    assertEquals(List.of(expected.toString()), written);
  }

  @Provide
  Arbitrary<List<Integer>> closingOrders() {
    return Arbitraries.shuffle(0, 1, 2, 3, 4, 5);
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
  }
}
