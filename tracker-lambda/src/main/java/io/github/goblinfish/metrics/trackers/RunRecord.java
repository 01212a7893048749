package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of one run: what a {@link LineFormat} renders. A run's record is taken once
 * when the run ends; a record of a run still in progress can be taken too ({@link #finished()} is
 * then false), and is just as consistent: every value in it was set before the snapshot, and timers
 * still open are measured up to that moment.
 *
 * <pre>{@code
 * LineFormat keyValue = record -> {
 *   StringBuilder line = new StringBuilder("process=").append(record.processName());
 *   record.latenciesMillis().forEach((name, ms) -> line.append(' ').append(name).append('=').append(ms));
 *   return line.toString();
 * };
 * }</pre>
 *
 * <p>Latencies are kept in nanoseconds ({@link #latenciesNanos()}); {@link #latenciesMillis()}
 * gives the same figures in milliseconds. Every map keeps the order in which its names were first
 * recorded, the process first among the latencies. Metric values are a {@link Long}, {@link
 * Double}, {@link java.math.BigInteger}, {@link java.math.BigDecimal}, a {@link String} or null;
 * identifier values a {@link String}, a {@link Boolean} or null. Names and text values hold no lone
 * surrogate.
 *
 * <p>Immutable and thread-safe: a record may be rendered on any thread, any number of times.
 */
public final class RunRecord {
  /** At most this many warnings are kept; the others are counted. */
  static final int MAX_WARNINGS = 20;

  /** The metric set to 1 when the process body throws: {@link ProcessTracker#FAILED_METRIC}. */
  static final String FAILED_METRIC = "failed";

  /**
   * The metric set to the thrown exception's class name: {@link
   * ProcessTracker#EXCEPTION_TYPE_METRIC}.
   */
  static final String EXCEPTION_TYPE_METRIC = "exception_type";

  final String processName;
  // Shared with the run that ended (its tables are never written again) or copied: never changed.
  final LatencyTable latencies;
  final ValueTable metrics;
  final ValueTable identifiers;
  final List<String> warnings;
  final int omittedWarnings;
  final boolean finished;

  /** What {@link #untrackedNanos} holds when the line has no untracked time. */
  static final long NO_FIGURE = -1L;

  /** The entry's time that no step covered, in nanoseconds; {@link #NO_FIGURE} when not told. */
  final long untrackedNanos;

  /**
   * On the process's first line only, else null: the parts of its start that the library measured
   * ({@link InitSteps}), and the steps the code timed at init.
   */
  final LatencyTable initParts;

  final LatencyTable initSteps;

  RunRecord(
      String processName,
      LatencyTable latencies,
      ValueTable metrics,
      ValueTable identifiers,
      List<String> warnings,
      int omittedWarnings,
      boolean finished) {
    this(
        processName,
        latencies,
        metrics,
        identifiers,
        warnings,
        omittedWarnings,
        finished,
        NO_FIGURE,
        null,
        null);
  }

  RunRecord(
      String processName,
      LatencyTable latencies,
      ValueTable metrics,
      ValueTable identifiers,
      List<String> warnings,
      int omittedWarnings,
      boolean finished,
      long untrackedNanos,
      LatencyTable initParts,
      LatencyTable initSteps) {
    this.processName = processName;
    this.latencies = latencies;
    this.metrics = metrics;
    this.identifiers = identifiers;
    this.warnings = warnings;
    this.omittedWarnings = omittedWarnings;
    this.finished = finished;
    this.untrackedNanos = untrackedNanos;
    this.initParts = initParts;
    this.initSteps = initSteps;
  }

  /**
   * This record with {@code warning} first; when that makes one warning too many, the last of the
   * record's own is counted instead.
   */
  RunRecord withFirstWarning(String warning) {
    List<String> all = new ArrayList<>(warnings.size() + 1);
    all.add(warning);
    all.addAll(warnings);
    int omitted = omittedWarnings;
    if (all.size() > MAX_WARNINGS) {
      all.remove(all.size() - 1);
      omitted++;
    }
    return new RunRecord(
        processName,
        latencies,
        metrics,
        identifiers,
        List.copyOf(all),
        omitted,
        finished,
        untrackedNanos,
        initParts,
        initSteps);
  }

  /**
   * This record with what the process recorded at init: the process's first line. The init's
   * warnings follow the record's own, prefixed {@code init: }, within {@link #MAX_WARNINGS}.
   */
  RunRecord withInit(LatencyTable parts, LatencyTable steps, List<String> initWarnings) {
    List<String> all = warnings;
    if (!initWarnings.isEmpty()) {
      List<String> joined = new ArrayList<>(warnings);
      for (String warning : initWarnings) {
        if (joined.size() < MAX_WARNINGS) {
          joined.add("init: " + warning);
        }
      }
      all = List.copyOf(joined);
    }
    return new RunRecord(
        processName,
        latencies,
        metrics,
        identifiers,
        all,
        omittedWarnings,
        finished,
        untrackedNanos,
        parts,
        steps);
  }

  /**
   * Starts a record built by hand, for testing a {@link LineFormat}.
   *
   * <pre>{@code
   * RunRecord record = RunRecord.builder("handler")
   *     .latency("handler", 12_500_000L, 1)
   *     .metric("order_lines", 3)
   *     .identifier("order_id", "o-1")
   *     .build();
   * }</pre>
   *
   * @param processName the name of the whole run
   * @return a new builder
   * @throws NullPointerException if {@code processName} is null
   * @throws IllegalArgumentException if {@code processName} is blank
   */
  public static Builder builder(String processName) {
    return new Builder(Names.checked(processName));
  }

  /**
   * Returns the name of the whole run, given to {@code trackProcess}.
   *
   * @return the process name
   */
  public String processName() {
    return processName;
  }

  /**
   * Returns each latency in milliseconds: the process first, then each name in the order it was
   * first started. A name timed several times holds its total.
   *
   * @return an unmodifiable map
   */
  public Map<String, Double> latenciesMillis() {
    LinkedHashMap<String, Double> map = new LinkedHashMap<>(capacity(latencies.size));
    for (int i = 0; i < latencies.size; i++) {
      map.put(latencies.names[i], latencies.totalNanos[i] / 1e6);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Returns each latency in nanoseconds, in the order of {@link #latenciesMillis()}.
   *
   * @return an unmodifiable map
   */
  public Map<String, Long> latenciesNanos() {
    return longs(latencies.totalNanos);
  }

  /**
   * Returns how many times each latency name was timed (1 or more), in the order of {@link
   * #latenciesMillis()}.
   *
   * @return an unmodifiable map
   */
  public Map<String, Long> latencyCounts() {
    return longs(latencies.counts);
  }

  /**
   * Returns the metrics in the order first set: numbers, text, or null.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> metrics() {
    return values(metrics);
  }

  /**
   * Returns the identifiers in the order first set: text, booleans, or null.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> identifiers() {
    return values(identifiers);
  }

  /**
   * Returns what was degraded in this run (a timer left open, a value that could not be read, a
   * line that had to be cut...), at most {@value #MAX_WARNINGS}.
   *
   * @return an unmodifiable list
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Returns how many warnings were left out of {@link #warnings()} beyond its cap.
   *
   * @return zero or more
   */
  public int omittedWarnings() {
    return omittedWarnings;
  }

  /**
   * Tells whether the run had ended when this record was taken.
   *
   * @return false for a snapshot of a run in progress
   */
  public boolean finished() {
    return finished;
  }

  @Override
  public String toString() {
    return "RunRecord[process="
        + processName
        + ", latenciesNanos="
        + latenciesNanos()
        + ", latencyCounts="
        + latencyCounts()
        + ", metrics="
        + metrics()
        + ", identifiers="
        + identifiers()
        + ", warnings="
        + warnings
        + (omittedWarnings > 0 ? " and " + omittedWarnings + " more" : "")
        + (finished ? "" : ", in progress")
        + "]";
  }

  private Map<String, Long> longs(long[] figures) {
    LinkedHashMap<String, Long> map = new LinkedHashMap<>(capacity(latencies.size));
    for (int i = 0; i < latencies.size; i++) {
      map.put(latencies.names[i], figures[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, Object> values(ValueTable table) {
    LinkedHashMap<String, Object> map = new LinkedHashMap<>(capacity(table.size));
    for (int i = 0; i < table.size; i++) {
      map.put(table.names[i], table.values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  private static int capacity(int size) {
    return size * 4 / 3 + 1;
  }

  /**
   * Builds a {@link RunRecord} by hand. Names are checked as the tracker checks them; values are
   * normalised as the tracker normalises them.
   *
   * <pre>{@code
   * RunRecord record = RunRecord.builder("main").latency("main", 1_000_000L, 1).build();
   * }</pre>
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String processName;
    private final LatencyTable latencies = new LatencyTable();
    private final ValueTable metrics = new ValueTable();
    private final ValueTable identifiers = new ValueTable();
    private final List<String> warnings = new ArrayList<>();
    private int omittedWarnings;
    private boolean finished = true;

    private Builder(String processName) {
      this.processName = processName;
    }

    /**
     * Adds to a latency: its total and its count grow as if it had been timed {@code count} times
     * for {@code nanos} in all.
     *
     * @param name the latency name
     * @param nanos the time in nanoseconds, not negative
     * @param count how many times it was timed, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the name is blank, {@code nanos} negative or {@code
     *     count} below 1
     */
    public Builder latency(String name, long nanos, long count) {
      name = Names.checked(name);
      if (nanos < 0 || count < 1) {
        throw new IllegalArgumentException(
            "latency '" + name + "' needs nanos >= 0 and count >= 1, not " + nanos + ", " + count);
      }
      latencies.add(latencies.positionFor(name), nanos, count);
      return this;
    }

    /**
     * Sets a numeric metric.
     *
     * @param name the metric name
     * @param value the value, or null
     * @return this builder
     */
    public Builder metric(String name, Number value) {
      name = Names.checked(name);
      metrics.put(name, Values.canonical(value, name, this::warning));
      return this;
    }

    /**
     * Sets a text metric.
     *
     * @param name the metric name
     * @param value the value, or null
     * @return this builder
     */
    public Builder metric(String name, String value) {
      metrics.put(Names.checked(name), value == null ? null : Text.withoutLoneSurrogates(value));
      return this;
    }

    /**
     * Sets a text identifier.
     *
     * @param name the identifier name, not one of {@link ProcessTracker#RESERVED_NAMES}
     * @param value the value, or null
     * @return this builder
     */
    public Builder identifier(String name, String value) {
      identifiers.put(
          Names.identifier(name), value == null ? null : Text.withoutLoneSurrogates(value));
      return this;
    }

    /**
     * Sets a true/false identifier.
     *
     * @param name the identifier name, not one of {@link ProcessTracker#RESERVED_NAMES}
     * @param value the value
     * @return this builder
     */
    public Builder identifier(String name, boolean value) {
      identifiers.put(Names.identifier(name), value);
      return this;
    }

    /**
     * Adds a warning; past {@value #MAX_WARNINGS} it is counted instead.
     *
     * @param warning the text
     * @return this builder
     */
    public Builder warning(String warning) {
      Objects.requireNonNull(warning, "warning");
      if (warnings.size() < MAX_WARNINGS) {
        warnings.add(Text.withoutLoneSurrogates(warning));
      } else {
        omittedWarnings++;
      }
      return this;
    }

    /**
     * Marks the record as a snapshot of a run still in progress.
     *
     * @return this builder
     */
    public Builder inProgress() {
      finished = false;
      return this;
    }

    /**
     * Creates the record.
     *
     * @return a new immutable record
     */
    public RunRecord build() {
      return new RunRecord(
          processName,
          latencies.copy(),
          metrics.copy(),
          identifiers.copy(),
          List.copyOf(warnings),
          omittedWarnings,
          finished);
    }
  }
}
