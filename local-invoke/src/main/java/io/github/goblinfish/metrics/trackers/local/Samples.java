package io.github.goblinfish.metrics.trackers.local;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * The values behind one {@link Summary.Group}'s figures, each array sorted: every invocation's
 * milliseconds for each step, and the Init Durations and Durations of their REPORTs. The HTML
 * report plots their distributions from them.
 *
 * <pre>{@code
 * Samples samples = summary.samples(summary.groups().get(0));
 * double[] loadOrder = samples.steps().get("load_order"); // sorted, one per invocation
 * }</pre>
 *
 * <p>Immutable and thread-safe as long as nobody writes into the arrays it returns; nothing does.
 *
 * @param steps per step, in the group's order, its values sorted
 * @param initDurations the REPORT Init Durations, sorted (empty when none is known)
 * @param durations the REPORT Durations, sorted (empty when none is known)
 */
record Samples(Map<String, double[]> steps, double[] initDurations, double[] durations) {

  /**
   * Sorts the arrays it is given, which become the samples' own: a summary of a large log keeps one
   * copy of its values, not two.
   *
   * @param steps per step, its values
   * @param initDurations the REPORT Init Durations
   * @param durations the REPORT Durations
   * @return the samples
   */
  static Samples sorting(Map<String, double[]> steps, double[] initDurations, double[] durations) {
    steps.values().forEach(Arrays::sort);
    Arrays.sort(initDurations);
    Arrays.sort(durations);
    return new Samples(Collections.unmodifiableMap(steps), initDurations, durations);
  }
}
