package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The tracker lines of a local run as observations for a {@link Summary}. The runner knows which
 * invocation ran the environment's init, so a line without {@code cold_start} is cold when its
 * invocation's REPORT has an Init Duration or a SnapStart Restore Duration; its REPORT's Duration
 * and Init Duration go with the invocation's first line, to the hundredth of a millisecond its
 * REPORT line shows, so that {@code ./invoke report} on the printed output gives the same summary.
 * Lines logged while several invocations were in flight, and so tied to none, count too: their
 * {@code request_id} finds their invocation.
 *
 * <pre>{@code
 * RunObservations read = RunObservations.of(LocalInvoke.invoke(fn, events, 20, 0));
 * Summary summary = Summary.of(read.observations(), null);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param observations one per readable tracker line
 * @param unreadable tracker lines that cannot be summarised, named by request id
 */
record RunObservations(List<Observation> observations, List<TrackerLog.Problem> unreadable) {

  static RunObservations of(RunResult run) {
    List<Observation> observations = new ArrayList<>();
    List<TrackerLog.Problem> unreadable = new ArrayList<>();
    Map<String, Invocation> byRequest = new HashMap<>();
    run.invocations().forEach(inv -> byRequest.put(inv.requestId(), inv));
    Set<String> reported = new HashSet<>();
    for (Invocation inv : run.invocations()) {
      for (TrackerLine line : inv.trackerLines()) {
        add(line, inv, reported, "request " + inv.requestId(), observations, unreadable);
      }
    }
    for (LogEvent event : run.unattributedLogs()) {
      Optional<TrackerLine> line = TrackerLine.parse(event.text());
      if (line.isPresent()) {
        // Several invocations were in flight; the line's own request_id says whose it is.
        Invocation inv = byRequest.get(line.get().identifiers().get("request_id"));
        add(line.get(), inv, reported, "a line tied to no invocation", observations, unreadable);
      }
    }
    return new RunObservations(List.copyOf(observations), List.copyOf(unreadable));
  }

  /** As the REPORT line shows it: to the hundredth of a millisecond. */
  private static OptionalDouble millis(Optional<java.time.Duration> d) {
    return d.map(v -> OptionalDouble.of(Double.parseDouble(Report.millis(v))))
        .orElse(OptionalDouble.empty());
  }

  /** The REPORT figures go with the first line of their invocation only. */
  private static void add(
      TrackerLine line,
      Invocation inv,
      Set<String> reported,
      String where,
      List<Observation> observations,
      List<TrackerLog.Problem> unreadable) {
    Observation.Phase unmarked = Observation.Phase.UNMARKED;
    ReportFigures report = ReportFigures.NONE;
    if (inv != null) {
      unmarked = inv.coldStart() ? Observation.Phase.COLD : Observation.Phase.WARM;
      if (reported.add(inv.requestId())) {
        report =
            new ReportFigures(
                OptionalDouble.of(Double.parseDouble(Report.millis(inv.duration()))),
                millis(inv.initDuration()),
                millis(inv.restoreDuration()));
      }
    }
    try {
      observations.add(Observation.from(line, unmarked, report));
    } catch (Observation.NotSummarisable e) {
      unreadable.add(new TrackerLog.Problem(where, e.getMessage()));
    }
  }
}
