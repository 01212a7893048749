package io.github.goblinfish.metrics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The load figure that decides whether a report warns that its times are blurred. */
class ReportTest {
  @Test
  void theOneMinuteLoadIsTheFirstFigure() {
    assertEquals(14.01, Report.firstLoad("14.01, 11.20, 8.91"));
    assertEquals(0.5, Report.firstLoad("0.5"));
  }

  @Test
  void anUnknownLoadCountsAsNone() {
    assertEquals(0, Report.firstLoad("?"));
    assertEquals(0, Report.firstLoad(""));
  }
}
