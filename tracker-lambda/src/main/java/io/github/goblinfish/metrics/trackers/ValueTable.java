package io.github.goblinfish.metrics.trackers;

import java.util.Arrays;

/**
 * Values by name, in the order first set; setting again replaces in place. Guarded by the tracker.
 */
final class ValueTable extends NameIndex {
  private static final Object[] NO_VALUES = {};

  Object[] values = NO_VALUES;

  ValueTable() {}

  private ValueTable(ValueTable other) {
    super(other);
    values = Arrays.copyOf(other.values, other.size);
  }

  void put(String name, Object value) {
    int position = positionOf(name);
    if (position < 0) {
      // add() may replace the array, so it must run before the array is read.
      position = add(name);
    }
    values[position] = value;
  }

  Object get(String name) {
    int position = positionOf(name);
    return position >= 0 ? values[position] : null;
  }

  /** A table with the same entries that later changes to this one do not reach. */
  ValueTable copy() {
    return new ValueTable(this);
  }

  @Override
  void grow(int capacity) {
    super.grow(capacity);
    values = Arrays.copyOf(values, capacity);
  }
}
