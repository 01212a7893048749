package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeyValueLogFormatTest {

  @Test
  void everySectionBecomesPrefixedPairs() {
    String line =
        "{\"latencies\":{\"main\":12.500,\"load\":3.000},\"latency_counts\":{\"load\":2},"
            + "\"metrics\":{\"rows\":7,\"ratio\":0.25,\"mode\":\"fast\"},"
            + "\"tracker_warnings\":[\"timer 'x' was still open\"],"
            + "\"run_id\":\"r-1\",\"cold_start\":false,\"tenant\":null}";

    assertEquals(
        "metrics latency.main=12.500 latency.load=3.000 latency_count.load=2"
            + " metric.rows=7 metric.ratio=0.25 metric.mode=fast"
            + " warning=\"timer 'x' was still open\""
            + " run_id=r-1 cold_start=false tenant=null",
        KeyValueLogFormat.format(line));
  }

  @Test
  void textThatCouldBreakThePairsIsQuotedAndNamesAreMadeSafe() {
    String line =
        "{\"latencies\":{\"load order\":1.000},\"metrics\":{\"error=name\":\"bad \\\"input\\\"\\n"
            + "here\"},\"user\":\"a b\"}";

    assertEquals(
        "metrics latency.load_order=1.000 metric.error_name=\"bad \\\"input\\\"\\n"
            + "here\" user=\"a b\"",
        KeyValueLogFormat.format(line));
  }
}
