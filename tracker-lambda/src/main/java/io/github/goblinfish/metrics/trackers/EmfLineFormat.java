package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.Names;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudWatch Embedded Metric Format (EMF) line: the default line, member for member, plus what
 * EMF needs for CloudWatch to create metrics from it. Logs Insights queries written for the default
 * line keep working ({@code latencies.load_order}, {@code metrics.order_lines}, identifiers as
 * top-level keys), and CloudWatch Logs extracts one metric value per declared name.
 *
 * <pre>{@code
 * ProcessTracker tracker = ProcessTracker.builder()
 *     .format(LineFormat.emf()
 *         .namespace("orders")
 *         .service("order-api")
 *         .dimensions(EmfLineFormat.parseDimensions("function_name;service"))
 *         .unit("records_failed", EmfUnit.COUNT)
 *         .highResolution("load_order")
 *         .build())
 *     .build();
 * }</pre>
 *
 * <h2>The line</h2>
 *
 * The members of the default line exactly as {@link LineFormat#json()} writes them, with the
 * identifiers moved to the front, then {@code service} (when a service name is configured), then
 * one root member per metric, then {@code _aws} (the EMF metadata: {@code Timestamp} in epoch
 * milliseconds from the format's clock, and {@code CloudWatchMetrics}) last:
 *
 * <pre>{@code
 * {"function_name":"orders","latencies":{"main":12.874,"load_order":8.100},
 *  "metrics":{"order_lines":3},"latency_ms:main":12.874,"latency_ms:load_order":8.100,
 *  "metric:order_lines":3,"_aws":{"Timestamp":1764072000000,"CloudWatchMetrics":[{
 *  "Namespace":"tracker-lambda","Dimensions":[["function_name"]],"Metrics":[
 *  {"Name":"latency_ms:main","Unit":"Milliseconds"},{"Name":"latency_ms:load_order",
 *  "Unit":"Milliseconds"},{"Name":"metric:order_lines"}]}]}}
 * }</pre>
 *
 * Logs Insights discovers at most 200 fields per event, in order: the identifiers and latencies
 * come first so that queries find them however many metrics a line declares.
 *
 * <h2>Metric names</h2>
 *
 * EMF reads metric values only from root members, so each latency {@code NAME} is declared as the
 * root member {@value #LATENCY_PREFIX}{@code NAME} (unit {@code Milliseconds}; a name timed several
 * times holds its total), and each numeric metric {@code NAME} as {@value #METRIC_PREFIX}{@code
 * NAME} (unit {@code None} unless set with {@link Builder#unit(String, EmfUnit)}; {@value
 * ProcessTracker#FAILED_METRIC} and {@code timed_out} default to {@code Count}). These names are
 * the CloudWatch metric names. The prefixes keep latencies and metrics of the same name apart and
 * keep the root member clear of the default line's keys; they hold no dot, because Logs Insights
 * flattens nested objects with dots and a root key {@code latencies.load_order} would be mistaken
 * for the {@code load_order} member of {@code latencies}. In Logs Insights, quote them with
 * backticks: {@code `latency_ms:load_order`}.
 *
 * <p>A line whose identifier {@code cold_start} is a boolean (the Lambda handlers' lines) also
 * declares {@code metric:cold_start}, unit {@code Count}: 1 on a cold start, 0 otherwise, unless
 * the record has a metric of that name itself.
 *
 * <h2>What is not declared</h2>
 *
 * Text metrics and identifiers are properties only, as in the default line. A latency or metric is
 * written as usual but not declared, with a warning in {@code tracker_warnings}, when: its value is
 * null, NaN, infinite, or outside CloudWatch's range (magnitude above 2^360, or nonzero below
 * 2^-360); its root member name is not 1 to 255 printable ASCII characters; or an identifier (or
 * the {@code service} member) already has that name. A line declares at most 100 metrics (the EMF
 * libraries cap each event so): the others keep their root members, undeclared, with a warning. A
 * unit set for a name that is only a latency is ignored with a warning.
 *
 * <h2>Dimensions</h2>
 *
 * Dimension values are root members: the identifiers of those names, or the configured service name
 * for {@code service} when no identifier has that name. A dimension set one of whose values is
 * missing, not text, or not 1 to 1024 printable ASCII characters is left out with a warning, in a
 * line cut to fit the size bound too (where long values are shortened). When no set remains, no
 * metric is declared, with a warning: declaring them without dimensions would pour the points of
 * every function into one series. Configure the empty set {@code []} for metrics without
 * dimensions. Default: {@code [["function_name"]]}, which the Lambda handlers fill.
 *
 * <h2>Timestamp</h2>
 *
 * Read from the format's clock once per line. CloudWatch drops metrics timed more than 14 days
 * before or 2 hours after it receives them: a clock reading outside that window of the system
 * clock, or a clock that throws, gives way to the system clock, with a warning.
 *
 * <h2>Size</h2>
 *
 * The line keeps the {@link LineLimit#MAX_LINE_BYTES} bound: a line that would be longer is cut
 * like the default line, and whatever is cut is also left out of the EMF members.
 *
 * <h2>Threads</h2>
 *
 * Immutable and thread-safe: one instance serves every tracker.
 */
public final class EmfLineFormat extends BuiltInFormat implements LineFormat {

  /** The default namespace. */
  public static final String DEFAULT_NAMESPACE = "tracker-lambda";

  /** The default dimension sets: {@code [["function_name"]]}. */
  public static final List<List<String>> DEFAULT_DIMENSIONS = List.of(List.of("function_name"));

  /** The prefix of the root member, and CloudWatch metric name, of each latency. */
  public static final String LATENCY_PREFIX = EmfSettings.LATENCY_PREFIX;

  /** The prefix of the root member, and CloudWatch metric name, of each numeric metric. */
  public static final String METRIC_PREFIX = EmfSettings.METRIC_PREFIX;

  /** The root member that holds the configured service name. */
  public static final String SERVICE_MEMBER = EmfSettings.SERVICE_MEMBER;

  /** The identifier the Lambda handlers set to true on a cold start, false otherwise. */
  static final String COLD_START_IDENTIFIER = EmfSettings.COLD_START_IDENTIFIER;

  /** The metric the Lambda handlers' lines count their failures with, and their timeouts. */
  private static final String TIMED_OUT_METRIC = "timed_out";

  private static final String DIMENSIONS_SYNTAX =
      "write sets separated by ';' and names by ',', e.g. \"function_name,service;service\","
          + " or \"\" for one empty set";

  /** What the lines say: namespace, service, dimensions, units, resolutions. */
  private final EmfSettings settings;

  private final Clock clock;

  /** CloudWatch's own clock, against which it judges each Timestamp: the system clock. */
  private final Clock receivingClock;

  private EmfLineFormat(Builder builder) {
    super(false);
    this.settings =
        new EmfSettings(
            builder.namespace,
            builder.service,
            builder.dimensions,
            builder.units,
            builder.unitsSet,
            builder.highResolution,
            builder.untrackedMetric);
    this.clock = builder.clock;
    this.receivingClock = builder.receivingClock;
  }

  /**
   * Starts a builder with the defaults: namespace {@value #DEFAULT_NAMESPACE}, no service,
   * dimensions {@code [["function_name"]]}, the system clock. Same as {@link LineFormat#emf()}.
   *
   * <pre>{@code
   * LineFormat format = EmfLineFormat.builder().namespace("orders").build();
   * }</pre>
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses dimension sets written as text, such as an environment variable: sets separated by
   * {@code ;}, names within a set by {@code ,}, spaces around names ignored; an empty (or blank)
   * set is the empty dimension set.
   *
   * <pre>{@code
   * EmfLineFormat.parseDimensions("function_name,service;service");
   * // [[function_name, service], [service]]
   * EmfLineFormat.parseDimensions(""); // [[]]: metrics with no dimensions
   * }</pre>
   *
   * @param text the sets as text
   * @return the sets, unmodifiable, valid for {@link Builder#dimensions(List)}
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if a set or name is not accepted; the message quotes the text,
   *     says why and shows the syntax
   */
  public static List<List<String>> parseDimensions(String text) {
    Objects.requireNonNull(text, "dimensions");
    List<List<String>> sets = new ArrayList<>();
    for (String set : text.split(";", -1)) {
      List<String> names = new ArrayList<>();
      if (!set.isBlank()) {
        for (String name : set.split(",", -1)) {
          names.add(name.trim());
        }
      }
      sets.add(names);
    }
    String problem = EmfRules.dimensionsProblem(sets);
    if (problem != null) {
      throw new IllegalArgumentException(
          "dimensions \"" + text + "\" is not accepted: " + problem + "; " + DIMENSIONS_SYNTAX);
    }
    return copy(sets);
  }

  /**
   * Returns the namespace of every metric this format declares.
   *
   * @return the namespace
   */
  public String namespace() {
    return settings.namespace;
  }

  /**
   * Returns the service name written as the root member {@value #SERVICE_MEMBER}, if one is set.
   *
   * @return the service name, or empty
   */
  public Optional<String> service() {
    return Optional.ofNullable(settings.service);
  }

  /**
   * Returns the configured dimension sets.
   *
   * @return the sets, unmodifiable
   */
  public List<List<String>> dimensions() {
    return settings.dimensions;
  }

  /**
   * Renders the record as an EMF line, within {@link LineLimit#MAX_LINE_BYTES}.
   *
   * @param record the run's record
   * @return the line
   */
  @Override
  public String render(RunRecord record) {
    return text(record);
  }

  @Override
  public String toString() {
    return "EmfLineFormat[namespace="
        + settings.namespace
        + ", service="
        + settings.service
        + ", dimensions="
        + settings.dimensions
        + "]";
  }

  /**
   * Reads the line's Timestamp. A clock that throws, or that reads more than 14 days before or 2
   * hours after the system clock (CloudWatch drops such metrics without a word), gives way to the
   * system clock, with a warning: the metrics are kept, timed when the line was written.
   */
  @Override
  Extension start() {
    long now = receivingClock.millis();
    if (clock == receivingClock) {
      return new LineExtension(now, null);
    }
    long timestamp;
    try {
      timestamp = clock.millis();
    } catch (Throwable failure) {
      // Even an Error: a clock of the caller's must not cost the line.
      return new LineExtension(
          now,
          "EMF: the clock threw "
              + Text.cut(Faults.describe(failure), 200)
              + "; the Timestamp is the system clock's");
    }
    if (!EmfRules.acceptedTimestamp(timestamp, now)) {
      return new LineExtension(
          now,
          "EMF: the clock read "
              + timestamp
              + " ms since 1970, outside what CloudWatch takes (14 days back to 2 hours ahead of "
              + now
              + "); the Timestamp is the system clock's");
    }
    return new LineExtension(timestamp, null);
  }

  /** The classes an EMF line needs beyond the default line's, for {@link LineClassesWarmUp}. */
  Class<?>[] lineClasses() {
    return new Class<?>[] {
      LineExtension.class,
      JsonLine.Addition.class,
      EmfPlan.class,
      EmfPlan.Declared.class,
      EmfRules.class,
      EmfUnit.class
    };
  }

  /**
   * What EMF adds to one line; the timestamp is read once, and the dimension values refused are
   * remembered, for both passes of a cut line.
   */
  private final class LineExtension implements Extension {
    private final long timestamp;
    private final String timestampWarning;
    private Set<String> refusedDimensions;

    LineExtension(long timestamp, String timestampWarning) {
      this.timestamp = timestamp;
      this.timestampWarning = timestampWarning;
    }

    @Override
    public JsonLine.Addition plan(RunRecord record) {
      EmfPlan plan = new EmfPlan(settings, timestamp, timestampWarning, refusedDimensions, record);
      refusedDimensions = plan.refusedDimensions();
      return plan;
    }

    @Override
    public int reservedBytes() {
      // _aws and its Timestamp, the first directive, the service member, the EMF warnings.
      return 64 + settings.directiveBytes + 2 * EmfRules.MAX_DIMENSION_VALUE_CHARS + 32 + 16_384;
    }

    @Override
    public int entryBytes(LineLimit.Entry entry, int size) {
      if (entry.kind == LineLimit.Kind.IDENTIFIER) {
        // The cold start identifier brings its metric's root member and definition.
        return COLD_START_IDENTIFIER.equals(entry.name) && entry.value instanceof Boolean ? 100 : 0;
      }
      if (entry.kind != LineLimit.Kind.LATENCY && !EmfRules.acceptedValue(entry.value)) {
        return 0;
      }
      // The root member and the metric definition each take at most the entry's size and a
      // prefix, a unit and a resolution.
      return 2 * size + 100;
    }
  }

  private static List<List<String>> copy(List<? extends List<String>> sets) {
    List<List<String>> copy = new ArrayList<>(sets.size());
    for (List<String> set : sets) {
      copy.add(List.copyOf(set));
    }
    return List.copyOf(copy);
  }

  /**
   * Builds an {@link EmfLineFormat}. Every setter checks its value at once and names the setting
   * and what it accepts in its {@link IllegalArgumentException}.
   *
   * <pre>{@code
   * EmfLineFormat format = LineFormat.emf()
   *     .namespace("orders")
   *     .service("order-api")
   *     .dimensions(List.of(List.of("service"), List.of("service", "function_name")))
   *     .unit("payload_size", EmfUnit.BYTES)
   *     .highResolution("handler")
   *     .clock(Clock.systemUTC())
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe; each {@link #build()} makes an independent, immutable format.
   */
  public static final class Builder {
    private String namespace = DEFAULT_NAMESPACE;
    private String service;
    private List<List<String>> dimensions = DEFAULT_DIMENSIONS;
    private final Map<String, EmfUnit> units = new LinkedHashMap<>();
    private final Set<String> unitsSet = new LinkedHashSet<>();
    private final Set<String> highResolution = new LinkedHashSet<>();
    private boolean untrackedMetric;
    private Clock clock = Clock.systemUTC();
    private Clock receivingClock = clock;

    Builder() {
      units.put(RunRecord.FAILED_METRIC, EmfUnit.COUNT);
      units.put(TIMED_OUT_METRIC, EmfUnit.COUNT);
    }

    /**
     * Sets the CloudWatch namespace of every declared metric (default {@value #DEFAULT_NAMESPACE}).
     *
     * @param namespace 1 to 255 characters of {@code A-Z a-z 0-9 . - _ / # :}, not starting with
     *     {@code :} (CloudWatch's pattern {@code [^:].*}) or {@code AWS/}
     * @return this builder
     * @throws NullPointerException if {@code namespace} is null
     * @throws IllegalArgumentException if the namespace is not accepted
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      if (!EmfRules.acceptedNamespace(namespace)) {
        throw new IllegalArgumentException(
            "namespace '"
                + namespace
                + "' is not accepted: use 1 to "
                + EmfRules.MAX_NAMESPACE_CHARS
                + " characters of A-Z a-z 0-9 . - _ / # : (no spaces), not starting with ':' or"
                + " AWS/");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Sets the service name, written as the root member {@value #SERVICE_MEMBER} of every line so
     * that a dimension named {@code service} finds it (default: none). An identifier named {@code
     * service} takes precedence over it.
     *
     * @param service 1 to 1024 printable ASCII characters, not blank, without leading or trailing
     *     spaces
     * @return this builder
     * @throws NullPointerException if {@code service} is null
     * @throws IllegalArgumentException if the name is not accepted
     */
    public Builder service(String service) {
      Objects.requireNonNull(service, "service");
      if (!EmfRules.acceptedDimensionValue(service) || !EmfRules.isTrimmed(service)) {
        throw new IllegalArgumentException(
            "service '"
                + service
                + "' is not accepted: use 1 to "
                + EmfRules.MAX_DIMENSION_VALUE_CHARS
                + " printable ASCII characters, not blank, without leading or trailing spaces");
      }
      this.service = service;
      return this;
    }

    /**
     * Sets the dimension sets of every directive (default {@code [["function_name"]]}); each set
     * creates its own CloudWatch metrics. {@code List.of(List.of())} declares the metrics with no
     * dimensions. See {@link #parseDimensions(String)} for sets written as text.
     *
     * @param dimensions 1 to 30 distinct sets of at most 30 distinct names, 4096 characters in all;
     *     a name is 1 to 250 printable ASCII characters, not blank, without leading or trailing
     *     spaces, not starting with {@code :}, and none of {@link ProcessTracker#RESERVED_NAMES}
     * @return this builder
     * @throws NullPointerException if the list, a set or a name is null
     * @throws IllegalArgumentException if a set or name is not accepted
     */
    public Builder dimensions(List<? extends List<String>> dimensions) {
      Objects.requireNonNull(dimensions, "dimensions");
      String problem = EmfRules.dimensionsProblem(dimensions);
      if (problem != null) {
        throw new IllegalArgumentException("dimensions not accepted: " + problem);
      }
      this.dimensions = copy(dimensions);
      return this;
    }

    /**
     * Sets the unit of a numeric metric (default {@link EmfUnit#NONE}, and {@link EmfUnit#COUNT}
     * for {@value ProcessTracker#FAILED_METRIC} and {@code timed_out}); latencies are always in
     * milliseconds, and a line with a latency but no metric of this name says that its unit was
     * ignored.
     *
     * @param metricName the metric's name as given to {@code setMetric} or {@code incrementMetric}
     * @param unit the unit
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code metricName} is blank
     */
    public Builder unit(String metricName, EmfUnit unit) {
      Names.require(metricName);
      units.put(metricName, Objects.requireNonNull(unit, "unit"));
      unitsSet.add(metricName);
      return this;
    }

    /**
     * Declares a latency or metric of this name with high resolution ({@code StorageResolution} 1:
     * one-second granularity, at a higher CloudWatch price).
     *
     * @param name a latency name or metric name; both are high resolution when both exist
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder highResolution(String name) {
      Names.require(name);
      highResolution.add(name);
      return this;
    }

    /**
     * Declares the line's {@code untracked} (the entry's time no step covered) as the metric
     * {@value #LATENCY_PREFIX}{@code untracked}, unit {@code Milliseconds} (default: false, it
     * stays a plain member of the line). A step named {@code untracked} keeps that metric name, and
     * the untracked time is then not declared, with a warning.
     *
     * <pre>{@code
     * EmfLineFormat format = LineFormat.emf().untrackedMetric(true).build();
     * }</pre>
     *
     * @param untrackedMetric true to declare it
     * @return this builder
     */
    public Builder untrackedMetric(boolean untrackedMetric) {
      this.untrackedMetric = untrackedMetric;
      return this;
    }

    /**
     * Sets the wall clock that gives each line's {@code Timestamp} (default: the system clock, as
     * {@link System#currentTimeMillis()}); read once per line, when it is written. A reading more
     * than 14 days before or 2 hours after the system clock, which CloudWatch would drop, or a
     * clock that throws, gives way to the system clock, with a warning on the line.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the clock CloudWatch is taken to read when it receives a line (default: the system
     * clock), against which each Timestamp is checked: for tests that fix both.
     */
    Builder receivingClock(Clock receivingClock) {
      this.receivingClock = Objects.requireNonNull(receivingClock, "receivingClock");
      return this;
    }

    /**
     * Creates the format.
     *
     * @return a new immutable format
     */
    public EmfLineFormat build() {
      return new EmfLineFormat(this);
    }
  }
}
