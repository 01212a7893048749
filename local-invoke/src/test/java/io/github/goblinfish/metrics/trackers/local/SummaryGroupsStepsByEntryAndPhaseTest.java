package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** How a summary groups lines and what each row says. */
class SummaryGroupsStepsByEntryAndPhaseTest {
  private static Observation observation(String json, Observation.Phase unmarked, double init)
      throws Observation.NotSummarisable {
    TrackerLine line = TrackerLine.parse(json).orElseThrow();
    return Observation.from(
        line,
        unmarked,
        new ReportFigures(
            OptionalDouble.empty(),
            Double.isNaN(init) ? OptionalDouble.empty() : OptionalDouble.of(init)));
  }

  @Test
  void theLinesColdStartDecidesAndTheRunnerOnlyFillsIn() throws Exception {
    List<Observation> lines = new ArrayList<>();
    // provisioned concurrency: the runner saw the init, the line says no caller waited for it
    lines.add(
        observation(
            "{\"latencies\":{\"H\":5.000},\"metrics\":{},\"cold_start\":false}",
            Observation.Phase.COLD,
            400.25));
    lines.add(
        observation("{\"latencies\":{\"H\":1.000},\"metrics\":{}}", Observation.Phase.COLD, 300));
    lines.add(
        observation(
            "{\"latencies\":{\"H\":2.000},\"metrics\":{}}",
            Observation.Phase.UNMARKED,
            Double.NaN));
    Summary summary = Summary.of(lines, null);
    assertEquals(
        """
        Steps across 3 invocations: 1 cold, 1 warm, 1 no cold_start (milliseconds; percentiles by \
        nearest rank)

        H, cold: 1 invocation
          step                  n      p50      p90       p99       max   share
          REPORT Init Duration  1  300.000  300.000*  300.000*  300.000
          H                     1    1.000    1.000*    1.000*    1.000  100.0%  ████████████████████
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else

        H, warm: 1 invocation
          step                  n      p50      p90       p99       max   share
          REPORT Init Duration  1  400.250  400.250*  400.250*  400.250
          H                     1    5.000    5.000*    5.000*    5.000  100.0%  ████████████████████
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else

        H, no cold_start: 1 invocation
          step  n    p50    p90     p99     max   share
          H     1  2.000  2.000*  2.000*  2.000  100.0%  ████████████████████
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else
        """,
        SummaryText.render(summary));
  }

  @Test
  void stepsSeenInSomeInvocationsCountOnlyThoseAndSharesUseTheWholeEntry() throws Exception {
    List<Observation> lines = new ArrayList<>();
    for (String json :
        List.of(
            "{\"latencies\":{\"H\":10.000,\"a\":5.000},\"metrics\":{},\"cold_start\":false}",
            "{\"latencies\":{\"H\":10.000,\"b\":2.000},\"metrics\":{},\"cold_start\":false}",
            "{\"latencies\":{\"H\":20.000,\"a\":5.000,\"b\":20.000},\"latency_counts\":{\"b\":4},"
                + "\"metrics\":{},\"cold_start\":false}")) {
      lines.add(observation(json, Observation.Phase.UNMARKED, Double.NaN));
    }
    assertEquals(
        """
        Steps across 3 invocations: 3 warm (milliseconds; percentiles by nearest rank)

        H, warm: 3 invocations
          step  n  calls     p50     p90      p99      max   share
          H     3      3  10.000  20.000*  20.000*  20.000  100.0%  ████████████████████
          a     2      2   5.000   5.000*   5.000*   5.000   25.0%  █████
          b     2      5   2.000  20.000*  20.000*  20.000   55.0%  ███████████
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else
        """,
        SummaryText.render(Summary.of(lines, null)));
  }

  @Test
  void anEntryThatTookNoTimeHasNoShareAndSeveralInitsShowTheirSpread() throws Exception {
    List<Observation> lines = new ArrayList<>();
    lines.add(
        observation(
            "{\"latencies\":{\"Z\":0.000,\"s\":0.000},\"metrics\":{},\"cold_start\":true}",
            Observation.Phase.UNMARKED,
            100));
    lines.add(
        observation(
            "{\"latencies\":{\"Z\":0.000},\"metrics\":{},\"cold_start\":true}",
            Observation.Phase.UNMARKED,
            300));
    assertEquals(
        """
        Steps across 2 invocations: 2 cold (milliseconds; percentiles by nearest rank)

        Z, cold: 2 invocations
          step                  n      p50      p90       p99       max  share
          REPORT Init Duration  2  100.000  300.000*  300.000*  300.000
          Z                     2    0.000    0.000*    0.000*    0.000      -
          s                     1    0.000    0.000*    0.000*    0.000      -
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else
        """,
        SummaryText.render(Summary.of(lines, null)));
  }

  @Test
  void groupingByAnIdentifierKeepsEachValueApartAndNamesMissingOnes() throws Exception {
    List<Observation> lines = new ArrayList<>();
    for (String json :
        List.of(
            "{\"latencies\":{\"H\":1.000},\"metrics\":{},\"cold_start\":false,\"tenant_id\":\"t1\"}",
            "{\"latencies\":{\"H\":2.000},\"metrics\":{},\"cold_start\":false}",
            "{\"latencies\":{\"H\":3.000},\"metrics\":{},\"cold_start\":false,\"tenant_id\":\"t1\"}")) {
      lines.add(observation(json, Observation.Phase.UNMARKED, Double.NaN));
    }
    Summary summary = Summary.of(lines, "tenant_id");
    assertEquals(2, summary.groups().size());
    assertEquals("t1", summary.groups().get(0).byValue());
    assertEquals(2, summary.groups().get(0).invocations());
    assertEquals("(none)", summary.groups().get(1).byValue());
    assertEquals(
        "H, tenant_id=(none), warm: 1 invocation",
        SummaryText.heading(summary, summary.groups().get(1)));
  }

  @Test
  void namesFromTheFunctionCannotMoveTheTerminal() throws Exception {
    Observation o =
        observation(
            "{\"latencies\":{\"H\\u001b[2J\":1.000},\"metrics\":{},\"cold_start\":false}",
            Observation.Phase.UNMARKED,
            Double.NaN);
    String text = SummaryText.render(Summary.of(List.of(o), null));
    assertEquals("H\\u001b[2J, warm: 1 invocation", text.lines().skip(2).findFirst().orElseThrow());
  }

  @Test
  void aLineWithNoLatencyIsObservedUnderAnEntryOfItsOwn() throws Exception {
    Observation o =
        observation("{\"latencies\":{},\"metrics\":{}}", Observation.Phase.WARM, Double.NaN);
    assertEquals("(no latencies)", o.entry());
    assertEquals(Map.of(), o.stepsMs());
    assertEquals(Observation.Phase.WARM, o.phase());
  }

  @Test
  void barsAreEighthsOfTwentyCellsAndAnyPositiveShareShows() {
    assertEquals("", SummaryText.bar(0));
    assertEquals("", SummaryText.bar(Double.NaN));
    assertEquals("\u258F", SummaryText.bar(1e-9));
    assertEquals("\u2588".repeat(10), SummaryText.bar(0.5));
    assertEquals("\u2588".repeat(20), SummaryText.bar(1));
    assertEquals("\u2588".repeat(20), SummaryText.bar(3));
    assertEquals("\u2588\u258C", SummaryText.bar(1.5 / 20));
  }
}
