package io.github.goblinfish.metrics.trackers;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Names in the order first added, found by position. A run has few names, so a scan of a small
 * array beats a hash map and allocates far less; past {@link #SCAN_LIMIT} names a hash index keeps
 * the cost of a lookup constant. Not thread-safe: guarded by the tracker's lock.
 */
class NameIndex {
  static final int SCAN_LIMIT = 8;

  private static final String[] NO_NAMES = {};

  // Arrays are made on the first add: many runs set no metrics at all.
  String[] names = NO_NAMES;
  int size;
  private HashMap<String, Integer> positions;

  NameIndex() {}

  /** A copy of {@code other}'s names, which later adds to either do not reach. */
  NameIndex(NameIndex other) {
    names = Arrays.copyOf(other.names, other.size);
    size = other.size;
  }

  /** The position of {@code name}, or -1. */
  final int positionOf(String name) {
    if (positions != null) {
      Integer position = positions.get(name);
      return position == null ? -1 : position;
    }
    String[] known = names;
    for (int i = 0; i < size; i++) {
      // Names are usually literals, so identity answers most lookups before equals is needed.
      if (known[i] == name || known[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Adds a name not yet present and returns its position. */
  final int add(String name) {
    if (size == names.length) {
      grow(size == 0 ? SCAN_LIMIT : size * 2);
    }
    names[size] = name;
    if (positions != null) {
      positions.put(name, size);
    } else if (size == SCAN_LIMIT) {
      positions = new HashMap<>(SCAN_LIMIT * 4);
      for (int i = 0; i <= size; i++) {
        positions.put(names[i], i);
      }
    }
    return size++;
  }

  void grow(int capacity) {
    names = Arrays.copyOf(names, capacity);
  }
}
