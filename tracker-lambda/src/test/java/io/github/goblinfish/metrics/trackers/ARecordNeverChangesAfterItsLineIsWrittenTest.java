package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A {@link RunRecord} is immutable once made: a format that keeps the record it was given and
 * renders it again later gets the same line, whatever the run's tracker is asked afterwards, even
 * calls that would add a warning (a number that cannot be read, a ticker that throws).
 */
class ARecordNeverChangesAfterItsLineIsWrittenTest {

  /** Renders the default line and keeps every record it was given. */
  static final class KeepingFormat implements LineFormat {
    final List<RunRecord> kept = new ArrayList<>();

    @Override
    public String render(RunRecord record) {
      kept.add(record);
      return LineFormat.json().render(record);
    }
  }

  @Test
  void aFormatThatKeepsTheRecordRendersTheSameLineAfterLateCallsOnTheRunsTracker() {
    KeepingFormat format = new KeepingFormat();
    List<String> lines = new ArrayList<>();
    FakeTicker fake = new FakeTicker();
    AtomicBoolean tickerBroken = new AtomicBoolean();
    Ticker ticker =
        () -> {
          if (tickerBroken.get()) {
            throw new IllegalStateException("clock gone");
          }
          return fake.read();
        };
    ProcessTracker tracker =
        ProcessTracker.builder().output(lines::add).ticker(ticker).format(format).build();
    ProcessTracker[] leaked = new ProcessTracker[1];
    tracker.trackProcess(
        "main",
        () -> {
          leaked[0] = ProcessTracker.current();
          leaked[0].setMetric("unreadable_in_time", new UnreadableNumber());
        });
    assertEquals(1, format.kept.size());
    RunRecord record = format.kept.get(0);
    String line = lines.get(0);
    String described = record.toString();
    List<String> warnings = List.copyOf(record.warnings());

    ProcessTracker late = leaked[0];
    assertFalse(late.isRecording());
    late.setMetric("unreadable_late", new UnreadableNumber());
    tickerBroken.set(true);
    late.timer("late_timer").close();
    late.track("late_step", () -> 1);
    late.setIdentifier("late", "x");

    assertEquals(line, format.render(record), "rendered again, the record gives the same line");
    assertEquals(warnings, record.warnings());
    assertEquals(described, record.toString());
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"unreadable_in_time\":null},"
            + "\"tracker_warnings\":[\"metric 'unreadable_in_time': a value of class "
            + UnreadableNumber.class.getName()
            + " could not be read (java.lang.IllegalStateException: unreadable); written as"
            + " null\"]}",
        line);
    assertThrows(UnsupportedOperationException.class, () -> record.warnings().add("more"));
    assertEquals(List.of(line), lines, "no second line");
  }
}
