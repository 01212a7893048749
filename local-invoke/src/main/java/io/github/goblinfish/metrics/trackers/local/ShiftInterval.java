package io.github.goblinfish.metrics.trackers.local;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The distribution-free confidence interval of the shift between two samples, the one that goes
 * with the Hodges–Lehmann estimator and the Mann–Whitney U test: of the m × n differences {@code
 * after[j] - before[i]}, sorted, the interval runs from the k-th smallest to the k-th largest. k is
 * the smallest u whose probability {@code P(U ≤ u)} under no change reaches α / 2 (at least 1), as
 * R's {@code wilcox.test(conf.int = TRUE)} takes it: from U's exact distribution when m × n ≤
 * {@value #EXACT_UP_TO_PAIRS}, otherwise ⌊m n / 2 − z(1 − α/2) √(m n (m + n + 1) / 12)⌋.
 *
 * <pre>{@code
 * double[] shift = ShiftInterval.of(sortedBefore, sortedAfter, 0.05); // {low, high} in ms
 * }</pre>
 *
 * <p>The differences are never stored: the k-th smallest is found by bisection over the doubles,
 * counting the differences at or below a value in one pass over both sorted samples, so a million
 * invocations per side take 64 passes and no memory.
 *
 * <p>Stateless and thread-safe.
 */
final class ShiftInterval {
  static final int EXACT_UP_TO_PAIRS = 10_000;

  private ShiftInterval() {}

  /**
   * @param before sorted, at least one value
   * @param after sorted, at least one value
   * @param alpha 1 − the confidence, in (0, 1)
   * @return the interval's low and high ends, {@code after - before}
   */
  static double[] of(double[] before, double[] after, double alpha) {
    long pairs = (long) before.length * after.length;
    long k = rank(before.length, after.length, alpha);
    return new double[] {smallest(k, before, after), smallest(pairs - k + 1, before, after)};
  }

  /**
   * @return k: the interval's ends are the k-th smallest and k-th largest differences
   */
  static long rank(int m, int n, double alpha) {
    long pairs = (long) m * n;
    long k;
    if (pairs <= EXACT_UP_TO_PAIRS) {
      double[] cdf = cumulative(m, n);
      k = 0;
      while (cdf[(int) k] < alpha / 2) {
        k++;
      }
    } else {
      double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2);
      k = (long) Math.floor(pairs / 2.0 - z * Math.sqrt(pairs * (m + n + 1.0) / 12));
    }
    return Math.min(Math.max(k, 1), pairs);
  }

  /**
   * The distribution of U for samples of m and n with no ties: the number of orders of the m + n
   * values giving each U, by the recurrence on the largest value (it is in the first sample and
   * beats all n of the second, or it is in the second), as probabilities summed up to each u.
   */
  private static double[] cumulative(int m, int n) {
    // ways[j][u]: orders of i values of the first sample and j of the second with U = u, for the
    // current i.
    double[][] ways = new double[n + 1][];
    for (int j = 0; j <= n; j++) {
      ways[j] = new double[] {1};
    }
    for (int i = 1; i <= m; i++) {
      double[][] next = new double[n + 1][];
      next[0] = new double[] {1};
      for (int j = 1; j <= n; j++) {
        double[] w = new double[i * j + 1];
        double[] largestSecond = next[j - 1];
        double[] largestFirst = ways[j];
        for (int u = 0; u < largestSecond.length; u++) {
          w[u] += largestSecond[u];
        }
        for (int u = 0; u < largestFirst.length; u++) {
          w[u + j] += largestFirst[u];
        }
        next[j] = w;
      }
      ways = next;
    }
    double[] counts = ways[n];
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    double[] cdf = new double[counts.length];
    double sum = 0;
    for (int u = 0; u < counts.length; u++) {
      sum += counts[u];
      cdf[u] = sum / total;
    }
    return cdf;
  }

  /** The k-th smallest of the differences {@code after[j] - before[i]} (k from 1). */
  private static double smallest(long k, double[] before, double[] after) {
    long low = ordered(after[0] - before[before.length - 1]);
    long high = ordered(after[after.length - 1] - before[0]);
    // The smallest double t with at least k differences ≤ t is itself a difference.
    while (low < high) {
      // The floor of the mean without overflow: low and high can be 2^63 apart.
      long mid = (low >> 1) + (high >> 1) + (low & high & 1);
      if (atOrBelow(unordered(mid), before, after) >= k) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return unordered(low) + 0.0; // no -0.0
  }

  /** How many differences {@code after[j] - before[i]} are at most t. */
  private static long atOrBelow(double t, double[] before, double[] after) {
    long count = 0;
    // For a larger after[j], fewer before[i] are too small: the first index that counts only rises.
    int first = 0;
    for (double a : after) {
      while (first < before.length && a - before[first] > t) {
        first++;
      }
      count += before.length - first;
    }
    return count;
  }

  /** A long in the order of the doubles: bisection over it visits every double between two. */
  private static long ordered(double d) {
    long bits = Double.doubleToLongBits(d);
    return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
  }

  private static double unordered(long l) {
    return Double.longBitsToDouble(l >= 0 ? l : l ^ Long.MAX_VALUE);
  }
}
