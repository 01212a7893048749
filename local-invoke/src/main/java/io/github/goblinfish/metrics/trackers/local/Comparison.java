package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two summaries side by side: for each group (entry, identifier value, cold or warm) found in
 * either, Lambda's REPORT Init Duration and Duration when known, then each step's figures before
 * and after, and whether it changed ({@link Significance}, at the comparison's α). A step or group
 * found on one side only has nothing on the other.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(Summary.of(before, null), Summary.of(after, null), 0.05);
 * Comparison.Row row = c.groups().get(0).rows().get(1);
 * Comparison.change(row.before().get().stats().p99(), row.after().get().stats().p99()); // 0.12
 * row.significance().get().significant(); // false: within the noise
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class Comparison {
  /**
   * One step, or one of Lambda's REPORT figures.
   *
   * @param name the step, or {@code REPORT Init Duration} / {@code REPORT Duration}
   * @param report true for a REPORT figure (its share is NaN)
   * @param before its figures before, if it was there
   * @param after its figures after, if it is there
   * @param significance whether it changed, when it is on both sides
   */
  record Row(
      String name,
      boolean report,
      Optional<Summary.Step> before,
      Optional<Summary.Step> after,
      Optional<Significance> significance) {

    /**
     * @return the relative change of the medians, {@link Comparison#change}; NaN when a side is
     *     missing
     */
    double p50Change() {
      return before.isPresent() && after.isPresent()
          ? change(before.get().stats().p50(), after.get().stats().p50())
          : Double.NaN;
    }

    /**
     * @param percent a slowdown of the median, in percent
     * @return true when the median slowed by more than that and the change is significant
     */
    boolean slowerThan(double percent) {
      return significance.map(Significance::significant).orElse(false)
          && p50Change() * 100 > percent;
    }
  }

  /**
   * One group.
   *
   * @param entry the entry name
   * @param byValue the identifier's value, or null
   * @param phase cold, warm or unmarked
   * @param before the invocations before (0 when the group is new)
   * @param after the invocations after (0 when the group is gone)
   * @param rows the steps, in the order first seen before, then the new ones
   */
  record Group(
      String entry,
      String byValue,
      Observation.Phase phase,
      int before,
      int after,
      List<Row> rows) {}

  private final Summary before;
  private final Summary after;
  private final double alpha;
  private final List<Group> groups;

  private Comparison(Summary before, Summary after, double alpha, List<Group> groups) {
    this.before = before;
    this.after = after;
    this.alpha = alpha;
    this.groups = groups;
  }

  /**
   * @param before the summary before
   * @param after the summary after
   * @param alpha the significance level, in (0, 1): a change is significant when p < alpha
   * @return the comparison
   */
  static Comparison of(Summary before, Summary after, double alpha) {
    // Keyed by entry and identifier value in the order first seen, then by phase, so that groups
    // come out as a summary orders them: cold, warm, unmarked.
    Map<List<String>, Map<Observation.Phase, Summary.Group[]>> pairs = new LinkedHashMap<>();
    List<Summary> sides = List.of(before, after);
    for (int side = 0; side < 2; side++) {
      for (Summary.Group g : sides.get(side).groups()) {
        pairs.computeIfAbsent(
                    Arrays.asList(g.entry(), g.byValue()),
                    k -> new EnumMap<>(Observation.Phase.class))
                .computeIfAbsent(g.phase(), k -> new Summary.Group[2])[side] =
            g;
      }
    }
    List<Group> groups = new ArrayList<>();
    pairs
        .values()
        .forEach(byPhase -> byPhase.values().forEach(pair -> groups.add(group(pair, alpha))));
    return new Comparison(before, after, alpha, Collections.unmodifiableList(groups));
  }

  private static Group group(Summary.Group[] pair, double alpha) {
    Summary.Group any = pair[0] != null ? pair[0] : pair[1];
    // REPORT figures first, as in a summary; keyed apart so that no step name can match them.
    Map<List<Object>, Summary.Step[]> steps = new LinkedHashMap<>();
    for (int side = 0; side < 2; side++) {
      if (pair[side] != null) {
        int s = side;
        pair[side].initDuration().ifPresent(i -> put(steps, true, report(INIT_DURATION, i), s));
        pair[side].duration().ifPresent(d -> put(steps, true, report(DURATION, d), s));
      }
    }
    for (int side = 0; side < 2; side++) {
      if (pair[side] != null) {
        for (Summary.Step step : pair[side].steps()) {
          put(steps, false, step, side);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    steps.forEach(
        (key, both) ->
            rows.add(
                new Row(
                    (String) key.get(1),
                    (Boolean) key.get(0),
                    Optional.ofNullable(both[0]),
                    Optional.ofNullable(both[1]),
                    both[0] == null || both[1] == null
                        ? Optional.empty()
                        : Optional.of(Significance.of(both[0].stats(), both[1].stats(), alpha)))));
    return new Group(
        any.entry(),
        any.byValue(),
        any.phase(),
        pair[0] == null ? 0 : pair[0].invocations(),
        pair[1] == null ? 0 : pair[1].invocations(),
        Collections.unmodifiableList(rows));
  }

  static final String INIT_DURATION = "REPORT Init Duration";
  static final String DURATION = "REPORT Duration";

  private static Summary.Step report(String name, Summary.Stats stats) {
    return new Summary.Step(name, stats, stats.count(), Double.NaN);
  }

  private static void put(
      Map<List<Object>, Summary.Step[]> steps, boolean report, Summary.Step step, int side) {
    steps.computeIfAbsent(List.of(report, step.name()), k -> new Summary.Step[2])[side] = step;
  }

  /**
   * @param before a figure before
   * @param after the same figure after
   * @return the relative change, {@code (after - before) / before}; 0 when both are 0, NaN when
   *     only {@code before} is
   */
  static double change(double before, double after) {
    if (before == 0) {
      return after == 0 ? 0 : Double.NaN;
    }
    return (after - before) / before;
  }

  Summary before() {
    return before;
  }

  Summary after() {
    return after;
  }

  /**
   * @return the significance level the changes were judged at
   */
  double alpha() {
    return alpha;
  }

  /**
   * @param percent a slowdown of the median, in percent
   * @return true when some step or REPORT figure slowed by more than that, significantly
   */
  boolean slowerThan(double percent) {
    return groups.stream().flatMap(g -> g.rows().stream()).anyMatch(r -> r.slowerThan(percent));
  }

  List<Group> groups() {
    return groups;
  }
}
