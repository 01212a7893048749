package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** What most tests of a tracker start from: a tracker on a fake clock, writing to a list. */
abstract class OneTrackerWritingToAList {
  final FakeTicker ticker = new FakeTicker();
  final List<String> lines = new ArrayList<>();
  final ProcessTracker tracker = ProcessTracker.builder().ticker(ticker).output(lines::add).build();

  String onlyLine() {
    assertEquals(1, lines.size(), () -> "lines: " + lines);
    return lines.get(0);
  }
}
