package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@code untracked} is the entry's latency minus the union of every step's interval, nested,
 * overlapping, on other threads or left open: never negative, never more than the entry; it is
 * written only when asked for, and left out when the ticker failed.
 */
class UntrackedIsTheEntryMinusTheUnionOfItsStepsTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();
  private final List<RunRecord> records = new ArrayList<>();

  private ProcessTracker tracker(boolean untracked) {
    return ProcessTracker.builder().ticker(ticker).output(lines::add).untracked(untracked).build();
  }

  @Test
  void nestedAndOverlappingStepsCountOnceAndTheGapsAreUntracked() {
    ProcessTracker tracker = tracker(true);
    tracker.trackProcess(
        "entry",
        () -> {
          ticker.advanceMicros(1_000); // untracked
          Timer outer = tracker.timer("outer");
          ticker.advanceMicros(500);
          Timer inner = tracker.timer("inner"); // nested: no new coverage
          ticker.advanceMicros(500);
          inner.close();
          Timer overlapping = tracker.timer("overlapping");
          ticker.advanceMicros(250);
          outer.close(); // still covered by "overlapping"
          ticker.advanceMicros(250);
          overlapping.close();
          ticker.advanceMicros(2_000); // untracked
        });
    assertEquals(
        "{\"latencies\":{\"entry\":4.500,\"outer\":1.250,\"inner\":0.500,\"overlapping\":0.500},"
            + "\"untracked\":3.000,\"metrics\":{}}",
        lines.get(0));
  }

  @Test
  void aStepStillOpenWhenTheEntryEndsCoversTheEntryToItsEnd() {
    ProcessTracker tracker = tracker(true);
    tracker.trackProcess(
        "entry",
        () -> {
          ticker.advanceMicros(100);
          tracker.timer("forgotten");
          ticker.advanceMicros(900);
        });
    assertEquals(
        "{\"latencies\":{\"entry\":1.000,\"forgotten\":0.900},\"untracked\":0.100,"
            + "\"metrics\":{},\"tracker_warnings\":[\"timer 'forgotten' was still open when the"
            + " line was written; measured until then\"]}",
        lines.get(0));
  }

  @Test
  void stepsTimedOnOtherThreadsCoverTheEntryToo() throws Exception {
    ProcessTracker tracker = tracker(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      tracker.trackProcess(
          "entry",
          () -> {
            ProcessTracker run = ProcessTracker.current();
            Timer a = pool.submit(() -> run.timer("a")).get();
            ticker.advanceMicros(300);
            Timer b = pool.submit(() -> run.timer("b")).get();
            ticker.advanceMicros(300);
            pool.submit(a::close).get();
            ticker.advanceMicros(300);
            pool.submit(b::close).get();
            ticker.advanceMicros(100);
            return null;
          });
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        "{\"latencies\":{\"entry\":1.000,\"a\":0.600,\"b\":0.600},\"untracked\":0.100,"
            + "\"metrics\":{}}",
        lines.get(0));
  }

  @Test
  void aTickerThatThrowsLeavesUntrackedOut() {
    boolean[] failing = {false};
    ProcessTracker tracker =
        ProcessTracker.builder()
            .output(lines::add)
            .untracked(true)
            .ticker(
                () -> {
                  if (failing[0]) {
                    throw new IllegalStateException("clock");
                  }
                  return ticker.read();
                })
            .build();
    tracker.trackProcess(
        "entry",
        () -> {
          ticker.advanceMicros(100);
          Timer step = tracker.timer("step");
          failing[0] = true;
          step.close();
          failing[0] = false;
          ticker.advanceMicros(100);
        });
    assertEquals(
        "{\"latencies\":{\"entry\":0.200},\"metrics\":{},\"tracker_warnings\":[\"the ticker threw"
            + " java.lang.IllegalStateException: clock; spans it could not time are left out\"]}",
        lines.get(0));
  }

  @Test
  void aTickerThatGoesBackNeverMakesUntrackedNegativeOrMoreThanTheEntry() {
    ProcessTracker tracker = tracker(true);
    tracker.trackProcess(
        "entry",
        () -> {
          ticker.advanceMicros(500);
          Timer step = tracker.timer("step");
          ticker.advanceMicros(-1_000);
          step.close();
          ticker.advanceMicros(700);
        });
    assertEquals(
        "{\"latencies\":{\"entry\":0.200,\"step\":0.000},\"untracked\":0.200,\"metrics\":{},"
            + "\"tracker_warnings\":[\"the ticker went backwards while timing 'step'; recorded as"
            + " 0\"]}",
        lines.get(0));
  }

  @Test
  void untrackedIsLeftOutUnlessAsked() {
    tracker(false)
        .trackProcess(
            "entry",
            () -> {
              ticker.advanceMicros(500);
            });
    assertEquals("{\"latencies\":{\"entry\":0.500},\"metrics\":{}}", lines.get(0));
  }

  @Test
  void aSnapshotTellsTheUntrackedTimeSoFarAndTheLineTheWholeOfIt() {
    ProcessTracker tracker = tracker(true);
    List<String> snapshots = new ArrayList<>();
    tracker.trackProcess(
        "entry",
        () -> {
          ticker.advanceMicros(100);
          tracker.timer("open");
          ticker.advanceMicros(100);
          RunRecord soFar = tracker.snapshot().orElseThrow();
          snapshots.add(soFar.untrackedNanos + "");
          ticker.advanceMicros(100);
        });
    assertEquals(List.of("100000"), snapshots);
    assertEquals(true, lines.get(0).contains("\"untracked\":0.100,"), lines.get(0));
  }

  /** One step: where it starts and how long it lasts, in microseconds; -1 leaves it open. */
  record Step(int start, int length) {}

  @Property(tries = 500)
  void untrackedIsTheEntryMinusTheUnionOfArbitraryIntervals(
      @ForAll("entries") int entryMicros, @ForAll("steps") List<Step> steps) {
    ProcessTracker tracker =
        ProcessTracker.builder()
            .ticker(ticker)
            .untracked(true)
            .format(
                record -> {
                  records.add(record);
                  return "{}";
                })
            .output(lines::add)
            .build();
    long base = ticker.read();
    // Every start and end as an event in time order; an interval [start, end] clipped to the entry.
    List<long[]> events = new ArrayList<>(); // {time, +1 start / -1 end, step index}
    List<long[]> intervals = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      long start = Math.min(step.start(), entryMicros);
      long end = step.length() < 0 ? entryMicros : Math.min(start + step.length(), entryMicros);
      events.add(new long[] {start, 1, i});
      if (step.length() >= 0) {
        events.add(new long[] {end, -1, i});
      }
      intervals.add(new long[] {start, end});
    }
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> -e[1]));
    Timer[] timers = new Timer[steps.size()];
    tracker.trackProcess(
        "entry",
        () -> {
          for (long[] event : events) {
            ticker.advanceNanos(base + event[0] * 1_000 - ticker.read());
            if (event[1] > 0) {
              timers[(int) event[2]] = tracker.timer("s" + event[2] % 3);
            } else {
              timers[(int) event[2]].close();
            }
          }
          ticker.advanceNanos(base + entryMicros * 1_000L - ticker.read());
        });
    long expected = (entryMicros - union(intervals)) * 1_000L;
    long untracked = records.get(records.size() - 1).untrackedNanos;
    assertEquals(expected, untracked, steps + " in " + entryMicros);
    assertEquals(true, untracked >= 0 && untracked <= entryMicros * 1_000L);
  }

  /** The measure of the union of intervals, the plain way: sort, merge, add up. */
  private static long union(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(interval -> interval[0]));
    long total = 0;
    long start = Long.MIN_VALUE;
    long end = Long.MIN_VALUE;
    for (long[] interval : sorted) {
      if (interval[0] > end) {
        total += Math.max(0, end - start);
        start = interval[0];
        end = interval[1];
      } else {
        end = Math.max(end, interval[1]);
      }
    }
    return total + Math.max(0, end - start);
  }

  @Provide
  Arbitrary<Integer> entries() {
    return Arbitraries.integers().between(0, 2_000);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 2_000),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 1_000)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(-1))))
            .as(Step::new);
    return step.list().ofMaxSize(12);
  }
}
