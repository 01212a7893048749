package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.Collections;
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
   * Count, percentiles and max of some milliseconds.
   *
   * @param count how many values
   * @param p50 median, by nearest rank
   * @param p90 90th percentile, by nearest rank
   * @param p99 99th percentile, by nearest rank
   * @param max the largest
   */
  record Stats(int count, double p50, double p90, double p99, double max) {
    static Stats of(double[] values) {
      NearestRank ranks = NearestRank.of(values);
      return new Stats(
          ranks.count(),
          ranks.percentile(50),
          ranks.percentile(90),
          ranks.percentile(99),
          ranks.max());
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
   */
  record Group(
      String entry,
      String byValue,
      Observation.Phase phase,
      int invocations,
      Optional<Stats> initDuration,
      Optional<Stats> duration,
      List<Step> steps) {}

  private final String by;
  private final List<Group> groups;
  private final int[] phases;
  private final int invocations;

  private Summary(String by, List<Group> groups, int[] phases, int invocations) {
    this.by = by;
    this.groups = groups;
    this.phases = phases;
    this.invocations = invocations;
  }

  /**
   * @param observations the tracker lines
   * @param by an identifier to group by as well, or null
   * @return their summary
   */
  static Summary of(List<Observation> observations, String by) {
    Map<List<String>, Map<Observation.Phase, List<Observation>>> grouped = new LinkedHashMap<>();
    int[] phases = new int[Observation.Phase.values().length];
    for (Observation o : observations) {
      String value = by == null ? null : o.identifiers().getOrDefault(by, "(none)");
      grouped
          .computeIfAbsent(
              java.util.Arrays.asList(o.entry(), value),
              k -> new java.util.EnumMap<>(Observation.Phase.class))
          .computeIfAbsent(o.phase(), k -> new ArrayList<>())
          .add(o);
      phases[o.phase().ordinal()]++;
    }
    List<Group> groups = new ArrayList<>();
    grouped.forEach(
        (key, byPhase) ->
            byPhase.forEach((phase, members) -> groups.add(group(key, phase, members))));
    return new Summary(by, Collections.unmodifiableList(groups), phases, observations.size());
  }

  private static Group group(List<String> key, Observation.Phase phase, List<Observation> members) {
    String entry = key.get(0);
    Map<String, List<Double>> values = new LinkedHashMap<>();
    Map<String, Long> calls = new LinkedHashMap<>();
    List<Double> inits = new ArrayList<>();
    List<Double> durations = new ArrayList<>();
    for (Observation o : members) {
      o.stepsMs()
          .forEach((name, ms) -> values.computeIfAbsent(name, k -> new ArrayList<>()).add(ms));
      o.calls().forEach((name, n) -> calls.merge(name, n, Summary::saturatedSum));
      o.report().initDurationMs().ifPresent(inits::add);
      o.report().durationMs().ifPresent(durations::add);
    }
    // A line with no latency has no entry step: Observation.NO_LATENCIES.
    double entryTotal = sum(values.getOrDefault(entry, List.of()));
    List<Step> steps = new ArrayList<>();
    values.forEach(
        (name, ms) ->
            steps.add(
                new Step(
                    name,
                    Stats.of(array(ms)),
                    calls.get(name),
                    entryTotal > 0 ? sum(ms) / entryTotal : Double.NaN)));
    return new Group(
        entry,
        key.get(1),
        phase,
        members.size(),
        stats(inits),
        stats(durations),
        Collections.unmodifiableList(steps));
  }

  private static Optional<Stats> stats(List<Double> values) {
    return values.isEmpty() ? Optional.empty() : Optional.of(Stats.of(array(values)));
  }

  /** Counts of calls are non-negative: a sum past 2^63 - 1 stays there. */
  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static double sum(List<Double> values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
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
