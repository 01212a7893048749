package io.github.goblinfish.metrics.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The jars one cold-start function ships besides its own code: every jar in its folder, and their
 * total size. The dependency table and the size target both read this one computation.
 *
 * <pre>{@code
 * DependencySet tracker = DependencySet.of(Path.of("target/functions/tracker"));
 * long bytes = tracker.totalBytes();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class DependencySet {
  private final Map<String, Long> jars;
  private final long totalBytes;

  private DependencySet(Map<String, Long> jars) {
    this.jars = Collections.unmodifiableMap(jars);
    long total = 0;
    for (long size : jars.values()) {
      total += size;
    }
    this.totalBytes = total;
  }

  /**
   * Reads a function's folder.
   *
   * @param folder the folder of the function's jars
   * @return its jars, by file name in order, with their sizes
   * @throws IOException if the folder cannot be listed
   */
  static DependencySet of(Path folder) throws IOException {
    Map<String, Long> jars = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar : (Iterable<Path>) files.sorted()::iterator) {
        jars.put(jar.getFileName().toString(), Files.size(jar));
      }
    }
    return new DependencySet(jars);
  }

  /**
   * @return jar file name to size in bytes, in name order
   */
  Map<String, Long> jars() {
    return jars;
  }

  /**
   * @return the jars' file names, in name order
   */
  List<String> names() {
    return new ArrayList<>(jars.keySet());
  }

  /**
   * @return the sum of the jars' sizes in bytes
   */
  long totalBytes() {
    return totalBytes;
  }
}
