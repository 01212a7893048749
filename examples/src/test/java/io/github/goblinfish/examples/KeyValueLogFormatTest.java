package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.RunRecord;
import org.junit.jupiter.api.Test;

class KeyValueLogFormatTest {

  @Test
  void everySectionOfTheRecordBecomesPrefixedPairs() {
    RunRecord record =
        RunRecord.builder("main")
            .latency("main", 12_500_000L, 1)
            .latency("load", 3_000_000L, 2)
            .metric("rows", 7)
            .metric("ratio", 0.25)
            .metric("mode", "fast")
            .warning("timer 'x' was still open")
            .identifier("run_id", "r-1")
            .identifier("cold_start", false)
            .identifier("tenant", (String) null)
            .build();

    assertEquals(
        "metrics latency.main=12.500 latency.load=3.000 latency_count.load=2"
            + " metric.rows=7 metric.ratio=0.25 metric.mode=fast"
            + " warning=\"timer 'x' was still open\""
            + " run_id=r-1 cold_start=false tenant=null",
        KeyValueLogFormat.INSTANCE.render(record));
  }

  @Test
  void textThatCouldBreakThePairsIsQuotedAndNamesAreMadeSafe() {
    RunRecord record =
        RunRecord.builder("load order")
            .latency("load order", 1_000_000L, 1)
            .metric("error=name", "bad \"input\"\nhere")
            .identifier("user", "a b")
            .build();

    assertEquals(
        "metrics latency.load_order=1.000 metric.error_name=\"bad \\\"input\\\"\\nhere\""
            + " user=\"a b\"",
        KeyValueLogFormat.INSTANCE.render(record));
  }

  @Test
  void latenciesAreRoundedHalfUpToTheMicrosecondLikeTheJsonLine() {
    RunRecord record =
        RunRecord.builder("main").latency("main", 1_234_500L, 1).latency("b", 999L, 1).build();
    assertEquals(
        "metrics latency.main=1.235 latency.b=0.001", KeyValueLogFormat.INSTANCE.render(record));
  }
}
