package io.github.goblinfish.metrics.trackers;

import java.util.Arrays;

/** Total time and count per latency name, in the order first started. Guarded by the tracker. */
final class LatencyTable extends NameIndex {
  private static final long[] NO_NANOS = {};
  private static final int[] NO_COUNTS = {};

  long[] totalNanos = NO_NANOS;
  int[] counts = NO_COUNTS;

  /** The position of {@code name}, adding it with no measurement when new. */
  int positionFor(String name) {
    int position = positionOf(name);
    return position >= 0 ? position : add(name);
  }

  void record(int position, long nanos) {
    totalNanos[position] += nanos;
    counts[position]++;
  }

  @Override
  void grow(int capacity) {
    super.grow(capacity);
    totalNanos = Arrays.copyOf(totalNanos, capacity);
    counts = Arrays.copyOf(counts, capacity);
  }
}
