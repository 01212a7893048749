package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the time went across many invocations: the tracker lines grouped by entry (and, when asked,
 * by the value of one identifier), cold and warm apart, with each step's count, p50, p90, p99 and
 * max in milliseconds ({@link NearestRank}), and its share of the entry's total time.
 *
 * <p>A step's figures are over the invocations that timed it, each contributing the total it
 * recorded (a name timed several times counts once per invocation, with its total). Its share is
 * the sum of those totals over the sum of the entry's: nested steps overlap, so shares can add up
 * to more than 100%.
 *
 * <pre>{@code
 * Summary summary = Summary.of(log.observations(), "function_name");
 * for (Summary.Group group : summary.groups()) {
 *   group.steps().get(0).p99(); // the entry's p99
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class Summary {
  /**
   * Count, percentiles and max of some milliseconds, and the values themselves, which a {@link
   * Comparison} tests.
   *
   * @param values the milliseconds, by nearest rank
   */
  record Stats(NearestRank values) {
    static Stats of(double[] values) {
      return new Stats(NearestRank.of(values));
    }

    int count() {
      return values.count();
    }

    /** The median, by nearest rank. */
    double p50() {
      return values.percentile(50);
    }

    double p90() {
      return values.percentile(90);
    }

    double p99() {
      return values.percentile(99);
    }

    double max() {
      return values.max();
    }

    /**
     * @param percent 90 or 99
     * @return true when that percentile is the max only because there are too few values for it to
     *     be anything else (fewer than 10 for p90, fewer than 100 for p99)
     */
    boolean isOnlyTheMax(int percent) {
      return values.isTheMax(percent);
    }
  }

  /**
   * One row: a step (the entry first).
   *
   * @param name the latency name
   * @param stats over the invocations that timed it
   * @param calls how many times it was timed in all
   * @param share its total over the entry's total, NaN when the entry's total is 0
   */
  record Step(String name, Stats stats, long calls, double share) {}

  /**
   * The invocations of one entry, identifier value and phase.
   *
   * @param entry the entry name
   * @param byValue the identifier's value (null when not grouped by one; {@code (none)} when the
   *     line lacks it)
   * @param phase cold, warm or unmarked
   * @param invocations how many lines
   * @param initDuration the Init Durations known for them
   * @param duration the REPORT Durations known for them
   * @param steps the rows, the entry first, then in the order first seen
   * @param coldStart where the cold starts' time went, when a line named its start and its REPORT
   *     had an Init (or Restore) Duration
   */
  record Group(
      String entry,
      String byValue,
      Observation.Phase phase,
      int invocations,
      Optional<Stats> initDuration,
      Optional<Stats> duration,
      List<Step> steps,
      Optional<ColdStart> coldStart) {}

  /**
   * The {@link ColdStartSplit}s of a group's cold starts, row by row.
   *
   * @param count how many cold starts were split
   * @param total their Init (or Restore) Duration plus Duration
   * @param namedShare the share of the total the parts name: its p50 over the cold starts
   * @param leastNamedShare the least of those shares
   * @param rows a row per {@link ColdStartSplit.Row#key()}, in the order first seen, over the cold
   *     starts that had it
   */
  record ColdStart(
      int count, Stats total, double namedShare, double leastNamedShare, List<ColdRow> rows) {}

  /**
   * @param key the row's key ({@link ColdStartSplit.Row#key()})
   * @param label what the text output shows
   * @param depth its nesting
   * @param stats its milliseconds
   */
  record ColdRow(String key, String label, int depth, Stats stats) {}

  private final String by;
  private final List<Group> groups;
  private final int[] phases;
  private final int invocations;
  private final Map<Group, Samples> samples;

  private Summary(
      String by, List<Group> groups, int[] phases, int invocations, Map<Group, Samples> samples) {
    this.by = by;
    this.groups = groups;
    this.phases = phases;
    this.invocations = invocations;
    this.samples = samples;
  }

  /**
   * @param observations the tracker lines, each with what its REPORT says
   * @param by an identifier to group by as well, or null
   * @return their summary
   */
  static Summary of(List<Observation> observations, String by) {
    Builder builder = new Builder(by);
    for (Observation o : observations) {
      builder.add(o).report(o.report(), o);
    }
    return builder.build();
  }

  /**
   * Builds a summary one tracker line at a time, keeping only the numbers: 8 bytes per step a line
   * timed (and per REPORT figure), in primitive arrays, whatever else the line held. A line's
   * REPORT may be read later than the line: {@link #add} returns the group it went to, for the
   * REPORT's figures.
   *
   * <pre>{@code
   * Summary.Builder builder = new Summary.Builder(null);
   * Summary.Filling group = builder.add(observation);
   * group.report(figures); // when the line's REPORT is read
   * Summary summary = builder.build();
   * }</pre>
   *
   * <p>Not thread-safe.
   */
  static final class Builder {
    private final String by;
    private final Map<List<String>, Map<Observation.Phase, Filling>> grouped =
        new LinkedHashMap<>();
    private final int[] phases = new int[Observation.Phase.values().length];
    private int invocations;

    /**
     * @param by an identifier to group by as well, or null
     */
    Builder(String by) {
      this.by = by;
    }

    /**
     * @param o a tracker line (what it says of its REPORT is not read: see {@link Filling#report})
     * @return the group it went to
     */
    Filling add(Observation o) {
      String value = by == null ? null : o.identifiers().getOrDefault(by, "(none)");
      Filling filling =
          grouped
              .computeIfAbsent(
                  Arrays.asList(o.entry(), value), k -> new EnumMap<>(Observation.Phase.class))
              .computeIfAbsent(o.phase(), k -> new Filling(o.entry(), value, k));
      filling.add(o);
      phases[o.phase().ordinal()]++;
      invocations++;
      return filling;
    }

    Summary build() {
      List<Group> groups = new ArrayList<>();
      Map<Group, Samples> samples = new IdentityHashMap<>();
      for (Map<Observation.Phase, Filling> byPhase : grouped.values()) {
        for (Filling filling : byPhase.values()) {
          Group group = filling.group();
          groups.add(group);
          samples.put(group, filling.samples());
        }
      }
      return new Summary(
          by, Collections.unmodifiableList(groups), phases.clone(), invocations, samples);
    }
  }

  /** One group while a {@link Builder} fills it. Not thread-safe. */
  static final class Filling {
    private final String entry;
    private final String byValue;
    private final Observation.Phase phase;
    private final Map<String, Doubles> values = new LinkedHashMap<>();
    private final Map<String, Long> calls = new LinkedHashMap<>();
    private final Doubles inits = new Doubles();
    private final Doubles durations = new Doubles();
    private final Map<String, ColdStartSplit.Row> coldRows = new LinkedHashMap<>();
    private final Map<String, Doubles> coldValues = new LinkedHashMap<>();
    private final Doubles coldTotals = new Doubles();
    private final Doubles coldNamed = new Doubles();
    private int invocations;

    private Filling(String entry, String byValue, Observation.Phase phase) {
      this.entry = entry;
      this.byValue = byValue;
      this.phase = phase;
    }

    private void add(Observation o) {
      o.stepsMs().forEach((name, ms) -> values.computeIfAbsent(name, k -> new Doubles()).add(ms));
      o.calls().forEach((name, n) -> calls.merge(name, n, Summary::saturatedSum));
      invocations++;
    }

    /**
     * @param figures what the REPORT of one of the group's invocations says
     */
    void report(ReportFigures figures) {
      figures.initDurationMs().ifPresent(inits::add);
      figures.durationMs().ifPresent(durations::add);
    }

    private Samples samples() {
      Map<String, double[]> steps = new LinkedHashMap<>();
      values.forEach((name, ms) -> steps.put(name, ms.toArray()));
      return Samples.sorting(steps, inits.toArray(), durations.toArray());
    }

    /**
     * @param figures what the REPORT of one of the group's invocations says
     * @param line that invocation's first line, for the parts of the start it names
     */
    void report(ReportFigures figures, Observation line) {
      report(figures);
      ColdStartSplit.of(line.start(), figures, line.entry(), line.stepsMs()).ifPresent(this::split);
    }

    private void split(ColdStartSplit split) {
      for (ColdStartSplit.Row row : split.rows()) {
        coldRows.putIfAbsent(row.key(), row);
        coldValues.computeIfAbsent(row.key(), k -> new Doubles()).add(row.ms());
      }
      coldTotals.add(split.totalMs());
      coldNamed.add(split.namedShare());
    }

    private Optional<ColdStart> coldStart() {
      if (coldTotals.size == 0) {
        return Optional.empty();
      }
      List<ColdRow> rows = new ArrayList<>();
      coldRows.forEach(
          (key, row) ->
              rows.add(
                  new ColdRow(
                      key, row.label(), row.depth(), Stats.of(coldValues.get(key).toArray()))));
      double[] named = coldNamed.toArray();
      return Optional.of(
          new ColdStart(
              coldTotals.size,
              Stats.of(coldTotals.toArray()),
              NearestRank.of(named).percentile(50),
              Arrays.stream(named).min().orElse(Double.NaN),
              Collections.unmodifiableList(rows)));
    }

    private Group group() {
      // A line with no latency has no entry step: Observation.NO_LATENCIES.
      Doubles entryValues = values.get(entry);
      double entryTotal = entryValues == null ? 0 : entryValues.sum();
      List<Step> steps = new ArrayList<>();
      values.forEach(
          (name, ms) ->
              steps.add(
                  new Step(
                      name,
                      Stats.of(ms.toArray()),
                      calls.get(name),
                      entryTotal > 0 ? ms.sum() / entryTotal : Double.NaN)));
      return new Group(
          entry,
          byValue,
          phase,
          invocations,
          inits.stats(),
          durations.stats(),
          Collections.unmodifiableList(steps),
          coldStart());
    }
  }

  /** A growing array of doubles: a summary keeps one number per line and step, not an object. */
  private static final class Doubles {
    private double[] values = new double[8];
    private int size;

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size + (size >> 1));
      }
      values[size++] = value;
    }

    double sum() {
      double total = 0;
      for (int i = 0; i < size; i++) {
        total += values[i];
      }
      return total;
    }

    double[] toArray() {
      return Arrays.copyOf(values, size);
    }

    Optional<Stats> stats() {
      return size == 0 ? Optional.empty() : Optional.of(Stats.of(toArray()));
    }
  }

  /** Counts of calls are non-negative: a sum past 2^63 - 1 stays there. */
  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * @return the identifier grouped by, or null
   */
  String by() {
    return by;
  }

  /**
   * @return the groups: by entry and identifier value in the order first seen, then cold, warm and
   *     unmarked
   */
  List<Group> groups() {
    return groups;
  }

  /**
   * @param group one of {@link #groups()}
   * @return the values its figures were taken from, for plots of their distribution
   */
  Samples samples(Group group) {
    return samples.get(group);
  }

  /**
   * @return how many tracker lines were summarised
   */
  int invocations() {
    return invocations;
  }

  /**
   * @param phase cold, warm or unmarked
   * @return how many of the lines are in that phase
   */
  int count(Observation.Phase phase) {
    return phases[phase.ordinal()];
  }
}
