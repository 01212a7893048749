package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.Fixtures.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Output of any size reaches the report as CloudWatch would store it, through the real runtime
 * client: events of at most 262,118 bytes, and nothing after a huge one is lost.
 */
class LogEventSizeTest {
  private static final int MAX = Utf8Chunks.MAX_EVENT_BYTES;

  private static List<Integer> expectedSizes(int total) {
    List<Integer> sizes = new ArrayList<>();
    for (int left = total; left > 0; left -= MAX) {
      sizes.add(Math.min(MAX, left));
    }
    return sizes;
  }

  @Test
  void eightMegabytesOnStdoutWithoutANewlineAreCloudWatchSizedEventsAndNoTimeout()
      throws Exception {
    int bytes = 8 * 1024 * 1024;
    RunResult run =
        LocalInvoke.invoke(function("PrintUnbroken"), List.of("{\"bytes\":" + bytes + "}"), 1, 0);
    Invocation inv = run.invocations().get(0);
    assertEquals("\"printed\"", inv.response().orElse(inv.error().orElse("")));
    assertFalse(inv.timedOut());
    assertEquals(expectedSizes(bytes), inv.logs().stream().map(e -> e.message().length).toList());
    assertTrue(inv.logs().stream().allMatch(e -> e.source() == LogEvent.Source.STDOUT));
  }

  @Test
  void aSixtyFourMegabyteLogCallBecomesEventsAndLaterLogCallsStillArrive() throws Exception {
    int bytes = 64 * 1024 * 1024 + 1;
    RunResult run =
        LocalInvoke.invoke(function("LogHuge"), List.of("{\"bytes\":" + bytes + "}"), 1, 0);
    Invocation inv = run.invocations().get(0);
    assertEquals("\"logged\"", inv.response().orElse(inv.error().orElse("")));
    assertEquals(List.of(), run.problems());
    List<Integer> expected = expectedSizes(bytes);
    expected.add("after the huge one".length());
    assertEquals(expected, inv.logs().stream().map(e -> e.message().length).toList());
    assertEquals("after the huge one", inv.logs().get(inv.logs().size() - 1).text());
    assertTrue(inv.logs().stream().allMatch(e -> e.source() == LogEvent.Source.TELEMETRY));
  }

  @Test
  void aBrokenTelemetryStreamFailsTheRunWithAProblemInsteadOfSilence() throws Exception {
    RunResult run = LocalInvoke.invoke(function("BreakTelemetry"), List.of("{}"), 1, 0);
    assertEquals(1, run.exitCode());
    assertFalse(run.succeeded());
    assertEquals(1, run.problems().size(), run.problems()::toString);
    assertEquals(
        "local-invoke: the telemetry log stream is broken (not a telemetry frame: type 0x6e6f7420);"
            + " later log calls of that runtime were lost",
        run.problems().get(0));
  }
}
