package io.github.goblinfish.metrics.trackers.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One tracker line as the summaries read it: its entry (the first latency, the whole invocation;
 * {@value #NO_LATENCIES} for a line with none), the milliseconds of each step including the entry,
 * how many times each was timed, its identifiers, whether a caller waited for init, and what the
 * invocation's REPORT says when it is known.
 *
 * <pre>{@code
 * Observation o = Observation.from(line, Observation.Phase.UNMARKED, ReportFigures.NONE);
 * o.entry();               // "ApiGatewayHandler"
 * o.stepsMs().get("load_order");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
record Observation(
    String entry,
    Map<String, Double> stepsMs,
    Map<String, Long> calls,
    Map<String, String> identifiers,
    Phase phase,
    ReportFigures report,
    ColdStartSplit.Parts start) {

  /** Whether the invocation's caller waited for the execution environment's init. */
  enum Phase {
    COLD("cold"),
    WARM("warm"),
    /** The line has no {@code cold_start} identifier, and nothing else tells. */
    UNMARKED("no cold_start");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /**
   * The entry of a line with no latency (its ticker failed, or a cut left none): it has no steps,
   * and its invocations are counted in a group of their own.
   */
  static final String NO_LATENCIES = "(no latencies)";

  /** Why a line that looks like a tracker line cannot be summarised. */
  static final class NotSummarisable extends Exception {
    private static final long serialVersionUID = 1L;

    NotSummarisable(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * @param line a tracker line
   * @param unmarked the phase to use when the line has no {@code cold_start} identifier
   * @param report what the REPORT line of the invocation that wrote the line says, when known
   * @return the line as an observation
   * @throws NotSummarisable when it has a latency that is not a number
   */
  static Observation from(TrackerLine line, Phase unmarked, ReportFigures report)
      throws NotSummarisable {
    Map<String, Double> steps = new LinkedHashMap<>();
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String name : line.latencies().keySet()) {
      Double ms = line.latenciesMs().get(name);
      if (ms == null || !Double.isFinite(ms)) {
        throw new NotSummarisable("latency " + TerminalText.oneLine(name) + " is not a number");
      }
      steps.put(name, ms);
      calls.put(name, Math.max(1, line.latencyCounts().getOrDefault(name, 1L)));
    }
    String entry = steps.isEmpty() ? NO_LATENCIES : steps.keySet().iterator().next();
    Phase phase =
        switch (Optional.ofNullable(line.identifiers().get("cold_start")).orElse("")) {
          case "true" -> Phase.COLD;
          case "false" -> Phase.WARM;
          default -> unmarked;
        };
    return new Observation(
        entry,
        Collections.unmodifiableMap(steps),
        Collections.unmodifiableMap(calls),
        line.identifiers(),
        phase,
        report,
        ColdStartSplit.Parts.of(line));
  }

  /**
   * @param figures what the invocation's REPORT line says
   * @return this observation with them
   */
  Observation withReport(ReportFigures figures) {
    return new Observation(entry, stepsMs, calls, identifiers, phase, figures, start);
  }
}
