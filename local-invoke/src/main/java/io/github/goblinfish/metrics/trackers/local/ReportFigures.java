package io.github.goblinfish.metrics.trackers.local;

import java.util.OptionalDouble;

/**
 * What Lambda's REPORT line says about one invocation, to the hundredth of a millisecond as it
 * shows it: its Duration, and the Init Duration when the invocation ran the environment's init.
 * Beside the tracker's own entry, the Duration shows the time spent outside the handler (the
 * runtime reading the event and writing the response), and the Init Duration what the static
 * initialisation cost.
 *
 * <pre>{@code
 * ReportFigures figures = new ReportFigures(OptionalDouble.of(119.46), OptionalDouble.of(577.24));
 * figures.initDurationMs().isPresent(); // true: this invocation ran the init
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param durationMs the REPORT's Duration, if known
 * @param initDurationMs the REPORT's Init Duration, if it has one
 * @param restoreDurationMs the REPORT's Restore Duration (SnapStart), if it has one
 */
record ReportFigures(
    OptionalDouble durationMs, OptionalDouble initDurationMs, OptionalDouble restoreDurationMs) {
  /** Nothing known: no REPORT was found for the invocation. */
  static final ReportFigures NONE =
      new ReportFigures(OptionalDouble.empty(), OptionalDouble.empty());

  /** A REPORT without a Restore Duration. */
  ReportFigures(OptionalDouble durationMs, OptionalDouble initDurationMs) {
    this(durationMs, initDurationMs, OptionalDouble.empty());
  }
}
