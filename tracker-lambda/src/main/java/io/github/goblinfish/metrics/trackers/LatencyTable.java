package io.github.goblinfish.metrics.trackers;

import java.util.Arrays;

/**
 * Total time and count per latency name, in the order first started. Both saturate at {@link
 * Long#MAX_VALUE} instead of wrapping, so no amount of timing can turn a figure negative. Guarded
 * by its run.
 */
final class LatencyTable extends NameIndex {
  private static final long[] NO_LONGS = {};

  long[] totalNanos = NO_LONGS;
  long[] counts = NO_LONGS;

  LatencyTable() {}

  private LatencyTable(LatencyTable other) {
    super(other);
    totalNanos = Arrays.copyOf(other.totalNanos, other.size);
    counts = Arrays.copyOf(other.counts, other.size);
  }

  /** The position of {@code name}, adding it with no measurement when new. */
  int positionFor(String name) {
    int position = positionOf(name);
    return position >= 0 ? position : add(name);
  }

  /** Adds a measurement; returns false when the total saturated. */
  boolean add(int position, long nanos, long count) {
    counts[position] = saturatedSum(counts[position], count);
    long total = saturatedSum(totalNanos[position], nanos);
    totalNanos[position] = total;
    return total != Long.MAX_VALUE;
  }

  static long saturatedSum(long a, long b) {
    long sum = a + b;
    // Both operands are never negative here: an overflow shows as a negative sum.
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** A table with the same entries that later changes to this one do not reach. */
  LatencyTable copy() {
    return new LatencyTable(this);
  }

  /**
   * Puts back the figures of {@code saved}, a {@link #copy()} of this table taken since it last
   * gained a name: what a snapshot measured into it for a moment is gone.
   */
  void restoreFigures(LatencyTable saved) {
    totalNanos = Arrays.copyOf(saved.totalNanos, totalNanos.length);
    counts = Arrays.copyOf(saved.counts, counts.length);
  }

  @Override
  void grow(int capacity) {
    super.grow(capacity);
    totalNanos = Arrays.copyOf(totalNanos, capacity);
    counts = Arrays.copyOf(counts, capacity);
  }
}
