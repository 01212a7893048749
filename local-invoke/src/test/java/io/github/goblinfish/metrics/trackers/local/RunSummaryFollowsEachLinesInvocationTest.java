package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * A local run's lines become a summary's observations: each line takes its invocation's REPORT
 * figures (once per invocation), even when it was logged while several invocations were in flight
 * and so is tied to none.
 */
class RunSummaryFollowsEachLinesInvocationTest {
  private static LogEvent telemetry(String text) {
    return new LogEvent(
        LogEvent.Source.TELEMETRY,
        text.getBytes(StandardCharsets.UTF_8),
        Instant.EPOCH,
        "INFO",
        "TEXT");
  }

  private static String line(String requestId, String coldStart) {
    return "{\"latencies\":{\"H\":1.000},\"metrics\":{},\"request_id\":\""
        + requestId
        + "\""
        + (coldStart == null ? "" : ",\"cold_start\":" + coldStart)
        + "}";
  }

  private static Invocation invocation(
      String requestId, Duration duration, Duration init, List<LogEvent> logs) {
    return new Invocation(
        requestId,
        new byte[0],
        "{}".getBytes(StandardCharsets.UTF_8),
        null,
        null,
        false,
        duration,
        init != null,
        init,
        null,
        0,
        "",
        List.of(),
        logs);
  }

  @Test
  void aLineTiedToNoInvocationFindsItsInvocationThroughItsRequestId() {
    Invocation first =
        invocation("r-1", Duration.ofNanos(12_345_678), Duration.ofNanos(456_789_000), List.of());
    Invocation second = invocation("r-2", Duration.ofMillis(3), null, List.of());
    RunResult run =
        new RunResult(
            List.of(first, second),
            List.of(telemetry(line("r-2", null)), telemetry(line("r-1", null))),
            List.of());
    List<Observation> observations = RunObservations.of(run).observations();
    assertEquals(2, observations.size());
    Observation r2 = observations.get(0);
    assertEquals(Observation.Phase.WARM, r2.phase());
    assertEquals(3.0, r2.report().durationMs().getAsDouble());
    assertEquals(false, r2.report().initDurationMs().isPresent());
    Observation r1 = observations.get(1);
    assertEquals(Observation.Phase.COLD, r1.phase());
    assertEquals(12.35, r1.report().durationMs().getAsDouble());
    assertEquals(456.79, r1.report().initDurationMs().getAsDouble());
  }

  @Test
  void anInvocationsFiguresGoWithItsFirstLineOnlyAndTheLinesColdStartWins() {
    Invocation cold =
        invocation(
            "r-1",
            Duration.ofMillis(20),
            Duration.ofMillis(500),
            List.of(telemetry(line("r-1", "false")), telemetry(line("r-1", "false"))));
    RunResult run = new RunResult(List.of(cold), List.of(telemetry(line("r-9", null))), List.of());
    List<Observation> observations = RunObservations.of(run).observations();
    assertEquals(3, observations.size());
    assertEquals(Observation.Phase.WARM, observations.get(0).phase());
    assertEquals(500.0, observations.get(0).report().initDurationMs().getAsDouble());
    assertEquals(ReportFigures.NONE, observations.get(1).report());
    // A request id no invocation has: nothing tells whether it was cold.
    assertEquals(Observation.Phase.UNMARKED, observations.get(2).phase());
    assertEquals(ReportFigures.NONE, observations.get(2).report());
  }

  @Test
  void aLineWithNoLatencyIsObservedWithItsInvocationsFigures() {
    Invocation inv =
        invocation(
            "r-1",
            Duration.ofMillis(1),
            null,
            List.of(telemetry("{\"latencies\":{},\"metrics\":{}}")));
    RunObservations read = RunObservations.of(new RunResult(List.of(inv), List.of(), List.of()));
    assertEquals(1, read.observations().size());
    Observation o = read.observations().get(0);
    assertEquals("(no latencies)", o.entry());
    assertEquals(Observation.Phase.WARM, o.phase());
    assertEquals(OptionalDouble.of(1.0), o.report().durationMs());
    assertEquals(List.of(), read.unreadable());
  }
}
