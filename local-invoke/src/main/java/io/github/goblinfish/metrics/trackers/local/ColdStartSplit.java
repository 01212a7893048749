package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one cold invocation's time went: its REPORT's Init Duration (or Restore Duration) and
 * Duration, split into the parts its tracker line names and the rest. The rows, in order, after
 * {@code total} (their sum):
 *
 * <ul>
 *   <li>{@code start}: the Init Duration (SnapStart: the Restore Duration), split into the line's
 *       {@code init} parts that fall inside it ({@code runtime_start}, {@code before_handler},
 *       {@code tracker_setup}, {@code to_first_invocation}; after a restore only {@code
 *       restore_to_first_invocation}), its {@code init_steps} nested under the part they ran in
 *       (they are inside that part, not added to it), and {@code start.rest}, what no part covers.
 *   <li>{@code duration}: the Duration, split into {@code duration.outside_handler} (Duration minus
 *       the entry: the runtime reading the event and writing the response) and the entry, itself
 *       split into {@code duration.entry.steps} (the union of its steps, the entry minus {@code
 *       untracked}, with each step nested under it) and {@code duration.entry.untracked}.
 * </ul>
 *
 * <p>The parts tile the time from the process's start to the first invocation's start, which runs
 * past the end of init: the runtime fetches and reads the first event inside the Duration. So the
 * last part is cut where the parts reach the Init Duration, and what lies beyond is counted in
 * {@code duration.outside_handler} as {@code duration.outside_handler.to_first_invocation}. What is
 * named is everything but {@code start.rest}.
 *
 * <pre>{@code
 * Optional<ColdStartSplit> split = ColdStartSplit.of(observation.start(), observation.report(),
 *     observation.entry(), observation.stepsMs());
 * split.get().namedShare(); // 0.97
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows the rows, parents before their children
 * @param totalMs the Init (or Restore) Duration plus the Duration
 * @param restMs the time of the start that no part covers
 */
record ColdStartSplit(List<Row> rows, double totalMs, double restMs) {

  /**
   * One row of the split.
   *
   * @param key a stable name: {@code start}, {@code start.runtime_start}, {@code
   *     start.init_steps.orders_client}, {@code duration.entry.steps.load_order}, ...
   * @param label what the text output shows
   * @param depth 0 for the total, 1 for REPORT's figures, one more per level of nesting
   * @param ms its milliseconds
   */
  record Row(String key, String label, int depth, double ms) {}

  /**
   * What a tracker line says about the start, kept from the line for when its REPORT is read.
   *
   * @param init the {@code init} parts, in order
   * @param initSteps the {@code init_steps}, in order
   * @param untrackedMs {@code untracked}, if written
   */
  record Parts(
      Map<String, Double> init, Map<String, Double> initSteps, Optional<Double> untrackedMs) {
    static Parts of(TrackerLine line) {
      return new Parts(line.initMs(), line.initStepsMs(), line.untrackedMs());
    }
  }

  private static final String TO_FIRST = "to_first_invocation";
  private static final String RESTORE_TO_FIRST = "restore_to_first_invocation";

  /** The percentage of the total that the parts name. */
  double namedShare() {
    return totalMs > 0 ? 1 - restMs / totalMs : Double.NaN;
  }

  /**
   * @param parts what the line says of the start
   * @param report what its REPORT says
   * @param entry the line's entry
   * @param stepsMs the line's latencies, the entry first
   * @return the split, when the line has {@code init} parts and the REPORT an Init or Restore
   *     Duration and a Duration, not both 0
   */
  static Optional<ColdStartSplit> of(
      Parts parts, ReportFigures report, String entry, Map<String, Double> stepsMs) {
    boolean restored = report.restoreDurationMs().isPresent();
    if (parts == null
        || parts.init().isEmpty()
        || report.durationMs().isEmpty()
        || !(restored || report.initDurationMs().isPresent())) {
      return Optional.empty();
    }
    double start =
        restored ? report.restoreDurationMs().getAsDouble() : report.initDurationMs().getAsDouble();
    double duration = report.durationMs().getAsDouble();
    if (!(start + duration > 0)) {
      // Nothing to split, and no share of it to name.
      return Optional.empty();
    }
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "total",
            restored ? "Restore Duration + Duration" : "Init Duration + Duration",
            0,
            start + duration));
    rows.add(new Row("start", restored ? "Restore Duration" : "Init Duration", 1, start));
    // Before a restore, the parts measured before the snapshot lie outside the Restore Duration.
    List<Map.Entry<String, Double>> inside = new ArrayList<>();
    parts.init().entrySet().stream()
        .filter(e -> !restored || e.getKey().equals(RESTORE_TO_FIRST))
        .forEach(inside::add);
    double used = 0;
    double beyond = 0;
    String stepsParent = stepsParent(parts.init(), restored);
    for (Map.Entry<String, Double> part : inside) {
      double ms = Math.max(0, Math.min(part.getValue(), start - used));
      beyond += part.getValue() - ms;
      used += ms;
      rows.add(new Row("start." + part.getKey(), part.getKey(), 2, ms));
      if (part.getKey().equals(stepsParent)) {
        parts
            .initSteps()
            .forEach(
                (name, stepMs) -> rows.add(new Row("start.init_steps." + name, name, 3, stepMs)));
      }
    }
    if (stepsParent == null) {
      parts
          .initSteps()
          .forEach(
              (name, stepMs) ->
                  rows.add(
                      new Row(
                          "start.init_steps." + name,
                          name
                              + (restored
                                  ? " (init step, before the snapshot or after the restore)"
                                  : " (init step, inside the parts)"),
                          2,
                          stepMs)));
    }
    double rest = Math.max(0, start - used);
    rows.add(new Row("start.rest", "rest of init", 2, rest));
    double entryMs = stepsMs.getOrDefault(entry, 0.0);
    rows.add(new Row("duration", "Duration", 1, duration));
    double outside = Math.max(0, duration - entryMs);
    rows.add(new Row("duration.outside_handler", "outside the handler", 2, outside));
    if (beyond > 0) {
      rows.add(
          new Row(
              "duration.outside_handler." + (restored ? RESTORE_TO_FIRST : TO_FIRST),
              (restored ? RESTORE_TO_FIRST : TO_FIRST) + " after init",
              3,
              Math.min(beyond, outside)));
    }
    rows.add(new Row("duration.entry", entry, 2, entryMs));
    Optional<Double> untracked = parts.untrackedMs();
    if (untracked.isPresent()) {
      rows.add(new Row("duration.entry.steps", "steps", 3, Math.max(0, entryMs - untracked.get())));
    }
    int stepDepth = untracked.isPresent() ? 4 : 3;
    stepsMs.forEach(
        (name, ms) -> {
          if (!name.equals(entry)) {
            rows.add(new Row("duration.entry.steps." + name, name, stepDepth, ms));
          }
        });
    untracked.ifPresent(ms -> rows.add(new Row("duration.entry.untracked", "untracked", 3, ms)));
    return Optional.of(
        new ColdStartSplit(Collections.unmodifiableList(rows), start + duration, rest));
  }

  /**
   * The part the init steps ran in, when only one can hold them: with no {@code before_handler} (no
   * step ran before the handler's construction) they ran in the handler's construction, in {@code
   * to_first_invocation}; after a restore the steps of the restore hooks are in {@code
   * restore_to_first_invocation} but those before the snapshot are not, so no single part holds
   * them all. Null when none does.
   */
  private static String stepsParent(Map<String, Double> init, boolean restored) {
    if (restored || init.containsKey("before_handler") || !init.containsKey(TO_FIRST)) {
      return null;
    }
    return TO_FIRST;
  }
}
