package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The tracker lines of a local run as observations for a {@link Summary}. The runner knows which
 * invocation ran the environment's init, so a line without {@code cold_start} is cold when its
 * invocation's REPORT has an Init Duration; its REPORT's Duration and Init Duration go with the
 * invocation's first line, to the hundredth of a millisecond its REPORT line shows, so that {@code
 * ./invoke report} on the printed output gives the same summary. Lines logged while several
 * invocations were in flight, and so tied to none, count too.
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
    for (Invocation inv : run.invocations()) {
      ReportFigures report =
          new ReportFigures(
              OptionalDouble.of(Double.parseDouble(Report.millis(inv.duration()))),
              inv.initDuration()
                  .map(d -> OptionalDouble.of(Double.parseDouble(Report.millis(d))))
                  .orElse(OptionalDouble.empty()));
      Observation.Phase unmarked =
          inv.initDuration().isPresent() ? Observation.Phase.COLD : Observation.Phase.WARM;
      for (TrackerLine line : inv.trackerLines()) {
        add(line, unmarked, report, "request " + inv.requestId(), observations, unreadable);
        report = ReportFigures.NONE;
      }
    }
    for (LogEvent event : run.unattributedLogs()) {
      Optional<TrackerLine> line = TrackerLine.parse(event.text());
      if (line.isPresent()) {
        add(
            line.get(),
            Observation.Phase.UNMARKED,
            ReportFigures.NONE,
            "a line tied to no invocation",
            observations,
            unreadable);
      }
    }
    return new RunObservations(List.copyOf(observations), List.copyOf(unreadable));
  }

  private static void add(
      TrackerLine line,
      Observation.Phase unmarked,
      ReportFigures report,
      String where,
      List<Observation> observations,
      List<TrackerLog.Problem> unreadable) {
    try {
      observations.add(Observation.from(line, unmarked, report));
    } catch (Observation.NotSummarisable e) {
      unreadable.add(new TrackerLog.Problem(where, e.getMessage()));
    }
  }
}
