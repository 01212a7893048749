package io.github.goblinfish.metrics.benchmarks;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the classes a JVM loaded up to a moment, by where each came from, from the log that {@code
 * -Xlog:class+load:file=<path>:tn} writes: one line per class, stamped with {@link
 * System#nanoTime()}'s clock, e.g.
 *
 * <pre>
 * [249598396832ns] java.lang.Object source: shared objects file
 * [253539770039ns] com.google.gson.Gson source: file:/functions/tracker/gson-2.15.0.jar
 * [253519845389ns] L$$Lambda$1/0x00007fa85c000a08 source: L
 * </pre>
 *
 * <pre>{@code
 * ClassLoadLog.Count count = ClassLoadLog.count(Files.readAllLines(log), responseNanos);
 * int fromGson = count.fromJar("gson-2.15.0.jar");
 * }</pre>
 *
 * <p>Not thread-safe (a {@link Count} is built by one thread, then only read).
 */
final class ClassLoadLog {
  static final String JVM_OPTION_PREFIX = "-Xlog:class+load:file=";
  static final String JVM_OPTION_DECORATIONS = ":tn";

  private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns\\] (\\S+) source: (.+)$");

  private ClassLoadLog() {}

  /** The classes one JVM loaded, by origin. */
  static final class Count {
    private int jdk;
    private int generated;
    private final Map<String, Integer> byJar = new TreeMap<>();

    /**
     * @return classes of the JDK: its CDS archive or its runtime image ({@code jrt:/})
     */
    int jdk() {
      return jdk;
    }

    /**
     * @return classes defined at run time: lambdas, method handle forms, reflection accessors
     */
    int generated() {
      return generated;
    }

    /**
     * @return classes read from jars or class folders, by the jar's (or folder's) file name
     */
    Map<String, Integer> byJar() {
      return byJar;
    }

    /**
     * Returns the classes read from one jar.
     *
     * @param fileName the jar's file name
     * @return its classes, 0 when none
     */
    int fromJar(String fileName) {
      return byJar.getOrDefault(fileName, 0);
    }

    /**
     * @return every class counted
     */
    int total() {
      int total = jdk + generated;
      for (int classes : byJar.values()) {
        total += classes;
      }
      return total;
    }
  }

  /**
   * Counts the classes loaded at or before {@code untilNanos}.
   *
   * @param lines the log's lines
   * @param untilNanos the moment, on {@link System#nanoTime()}'s clock
   * @return the counts
   * @throws IllegalArgumentException if a line is not a {@code class+load} line stamped with {@code
   *     tn}: a log in another format must not pass for an empty one
   */
  static Count count(Iterable<String> lines, long untilNanos) {
    Count count = new Count();
    int parsed = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not a class+load line with a tn stamp: " + line);
      }
      parsed++;
      if (Long.parseLong(matcher.group(1)) > untilNanos) {
        continue;
      }
      String source = matcher.group(3);
      if (source.startsWith("shared objects file") || source.startsWith("jrt:/")) {
        count.jdk++;
      } else if (source.startsWith("file:")) {
        count.byJar.merge(fileName(source), 1, Integer::sum);
      } else {
        count.generated++;
      }
    }
    if (parsed == 0) {
      throw new IllegalArgumentException("no class+load line in the log");
    }
    return count;
  }

  private static String fileName(String fileSource) {
    String path = Objects.requireNonNull(fileSource).substring("file:".length());
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
