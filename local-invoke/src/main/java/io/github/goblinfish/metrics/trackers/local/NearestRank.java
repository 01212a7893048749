package io.github.goblinfish.metrics.trackers.local;

import java.util.Arrays;

/**
 * Percentiles by nearest rank: the p-th percentile of n values is the value of rank ⌈p × n / 100⌉
 * once they are sorted (ranks count from 1). It is always one of the values measured, never an
 * interpolation between two of them; with fewer than 100 values the 99th percentile is the largest.
 *
 * <pre>{@code
 * NearestRank values = NearestRank.of(new double[] {3, 1, 2, 4});
 * values.percentile(50); // 2.0: rank ⌈50 × 4 / 100⌉ = 2
 * values.max();          // 4.0
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class NearestRank {
  private final double[] sorted;

  private NearestRank(double[] sorted) {
    this.sorted = sorted;
  }

  /**
   * @param values at least one value (copied)
   * @return the values, ready for percentiles
   */
  static NearestRank of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("percentiles need at least one value");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new NearestRank(sorted);
  }

  /**
   * @param percent from 1 to 100
   * @return the value of rank ⌈percent × n / 100⌉
   */
  double percentile(int percent) {
    return sorted[rank(percent) - 1];
  }

  /**
   * @param percent from 1 to 100
   * @return true when the percentile's rank is n: the value is the max whatever the others are, as
   *     a p99 is for fewer than 100 values
   */
  boolean isTheMax(int percent) {
    return rank(percent) == sorted.length;
  }

  /**
   * @return the values, sorted (a copy)
   */
  double[] sorted() {
    return sorted.clone();
  }

  private int rank(int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percent must be from 1 to 100, not " + percent);
    }
    return (int) (((long) percent * sorted.length + 99) / 100);
  }

  double max() {
    return sorted[sorted.length - 1];
  }

  int count() {
    return sorted.length;
  }
}
