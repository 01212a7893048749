package io.github.goblinfish.metrics.trackers.local;

import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Whether one figure (a step, or a REPORT figure) changed between two sets of invocations, as
 * benchstat judges it: a two-sided Mann–Whitney U test on the per-invocation values, and the
 * distribution-free 95% (1 − α) interval of the shift ({@link ShiftInterval}).
 *
 * <p>The p-value is the exact one when neither side has tied values and the samples are small
 * (under 50 each), otherwise the normal approximation with the tie and continuity corrections, as
 * Apache Commons Statistics computes it. Two samples of one same value are no change (p = 1).
 *
 * <p>Some samples are too small to ever judge: even when every value after is above every value
 * before, the exact two-sided p-value is 2 / C(m + n, m), which must be under α. Then the result is
 * "too few", with how many invocations per side would do; a cold start run once on each side is
 * always too few.
 *
 * <pre>{@code
 * Significance s = Significance.of(before.stats(), after.stats(), 0.05);
 * s.tooFew();       // false for 20 + 20
 * s.significant();  // true when p < 0.05
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param before how many values before
 * @param after how many values after
 * @param p the two-sided p-value; NaN when too few
 * @param alpha the significance level it was judged at
 * @param neededPerSide when too few, the invocations per side that could be judged; else 0
 * @param shiftLowMs the interval's low end, {@code after - before} in ms; NaN when too few
 * @param shiftHighMs its high end; NaN when too few
 */
record Significance(
    int before,
    int after,
    double p,
    double alpha,
    int neededPerSide,
    double shiftLowMs,
    double shiftHighMs) {
  private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults();

  static Significance of(Summary.Stats before, Summary.Stats after, double alpha) {
    int m = before.count();
    int n = after.count();
    if (2 / choose(m + n, Math.min(m, n)) >= alpha) {
      return new Significance(
          m, n, Double.NaN, alpha, neededPerSide(alpha), Double.NaN, Double.NaN);
    }
    double[] x = before.values().sorted();
    double[] y = after.values().sorted();
    double p = TEST.test(x, y).getPValue();
    // Every value the same on both sides: the test's variance is 0 and its p NaN; nothing moved.
    if (Double.isNaN(p)) {
      p = 1;
    }
    double[] shift = ShiftInterval.of(x, y, alpha);
    return new Significance(m, n, p, alpha, 0, shift[0], shift[1]);
  }

  /** Too few values on a side for any difference to reach α. */
  boolean tooFew() {
    return neededPerSide > 0;
  }

  /** The change is significant: p < α. */
  boolean significant() {
    return !tooFew() && p < alpha;
  }

  /** The smallest n for which n + n values, completely apart, reach p < α. */
  static int neededPerSide(double alpha) {
    int n = 1;
    while (2 / choose(2 * n, n) >= alpha) {
      n++;
    }
    return n;
  }

  /** C(n, k) as a double (infinite past about 10^308, which is only ever compared). */
  private static double choose(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }
}
