package io.github.goblinfish.metrics.trackers.lines;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tracker line as {@link LineReader} read it, its parts told apart: the latencies, how many
 * times each was timed, the metrics, the identifiers, the tracker's warnings and, in an EMF line,
 * the metadata and the root members that hold the declared metric values.
 *
 * <pre>{@code
 * ParsedLine line = LineReader.parse(text);
 * BigDecimal loadOrder = line.latencies().get("load_order");   // 7.000
 * long calls = line.latencyCounts().getOrDefault("process_line", 1L);
 * Object orderId = line.identifiers().get("order_id");         // "ord-1001"
 * }</pre>
 *
 * <h2>Identifiers</h2>
 *
 * The identifiers are the line's top-level members other than its own ({@code latencies}, {@code
 * latency_counts}, {@code untracked}, {@code metrics}, {@code init}, {@code init_steps}, {@code
 * tracker_warnings}) and, in an EMF line, other than {@code _aws} and the root members that hold
 * the metric values (such as {@code latency_ms:load_order}, declared or not). A configured EMF
 * {@code service} is an identifier like any other.
 *
 * <h2>Numbers</h2>
 *
 * Every number comes as the {@link BigDecimal} the line writes, exactly: {@code 1.250} keeps its
 * scale, a count beyond 2<sup>53</sup> its digits. A metric the library could not write as a number
 * ({@code NaN}, {@code Infinity}, {@code -Infinity}) is the text the line holds for it.
 *
 * <p>Immutable and thread-safe; every map and list keeps the line's order and cannot be changed.
 */
public final class ParsedLine {
  private final String text;
  private final Map<String, BigDecimal> latencies;
  private final Map<String, Long> latencyCounts;
  private final Map<String, Object> metrics;
  private final BigDecimal untracked;
  private final Map<String, BigDecimal> init;
  private final Map<String, BigDecimal> initSteps;
  private final List<String> warnings;
  private final Map<String, Object> identifiers;
  private final String emfMetadata;
  private final Map<String, BigDecimal> emfValues;

  /** From a line {@link LineGrammar#check} accepted, with the names its EMF metadata declares. */
  ParsedLine(String text, JsonObject line, List<String> emfMetricNames) {
    this.text = text;
    Map<String, BigDecimal> times = new LinkedHashMap<>();
    line.getAsJsonObject(LineGrammar.LATENCIES)
        .entrySet()
        .forEach(latency -> times.put(latency.getKey(), decimal(latency.getValue())));
    this.latencies = Collections.unmodifiableMap(times);
    Map<String, Long> counts = new LinkedHashMap<>();
    JsonObject countsMember = line.getAsJsonObject(LineGrammar.LATENCY_COUNTS);
    if (countsMember != null) {
      countsMember
          .entrySet()
          .forEach(count -> counts.put(count.getKey(), decimal(count.getValue()).longValueExact()));
    }
    this.latencyCounts = Collections.unmodifiableMap(counts);
    Map<String, Object> values = new LinkedHashMap<>();
    line.getAsJsonObject(LineGrammar.METRICS)
        .entrySet()
        .forEach(metric -> values.put(metric.getKey(), plain(metric.getValue())));
    this.metrics = Collections.unmodifiableMap(values);
    JsonElement untrackedMember = line.get(LineGrammar.UNTRACKED);
    this.untracked = untrackedMember == null ? null : decimal(untrackedMember);
    this.init = millis(line.getAsJsonObject(LineGrammar.INIT));
    this.initSteps = millis(line.getAsJsonObject(LineGrammar.INIT_STEPS));
    List<String> said = new ArrayList<>();
    JsonElement warningsMember = line.get(LineGrammar.WARNINGS);
    if (warningsMember != null) {
      warningsMember.getAsJsonArray().forEach(warning -> said.add(warning.getAsString()));
    }
    this.warnings = List.copyOf(said);
    JsonElement aws = line.get(LineGrammar.EMF);
    this.emfMetadata = aws == null ? null : aws.toString();
    Map<String, BigDecimal> declared = new LinkedHashMap<>();
    emfMetricNames.forEach(name -> declared.put(name, decimal(line.get(name))));
    this.emfValues = Collections.unmodifiableMap(declared);
    Map<String, Object> found = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> member : line.entrySet()) {
      String name = member.getKey();
      boolean emfValue =
          aws != null && (declared.containsKey(name) || LineGrammar.isEmfValueName(name));
      if (!LineGrammar.isOwn(name) && !emfValue) {
        found.put(name, plain(member.getValue()));
      }
    }
    this.identifiers = Collections.unmodifiableMap(found);
  }

  private static Map<String, BigDecimal> millis(JsonObject member) {
    if (member == null) {
      return Map.of();
    }
    Map<String, BigDecimal> figures = new LinkedHashMap<>();
    member.entrySet().forEach(figure -> figures.put(figure.getKey(), decimal(figure.getValue())));
    return Collections.unmodifiableMap(figures);
  }

  /**
   * The line as it was read, without a trailing newline.
   *
   * @return the line's text
   */
  public String text() {
    return text;
  }

  /**
   * The latencies in milliseconds, in the line's order: the whole run first, then the steps; empty
   * when no span could be timed. A name timed several times has its total.
   *
   * @return each latency name to its milliseconds
   */
  public Map<String, BigDecimal> latencies() {
    return latencies;
  }

  /**
   * How many times each name timed more than once was timed: the {@code latency_counts} member. A
   * latency without an entry was timed once.
   *
   * @return each such latency name to its count, from 2; empty when the line has no counts
   */
  public Map<String, Long> latencyCounts() {
    return latencyCounts;
  }

  /**
   * The entry's time that no step covered, in milliseconds: the {@code untracked} member.
   *
   * @return the milliseconds; empty when the line does not tell them
   */
  public Optional<BigDecimal> untracked() {
    return Optional.ofNullable(untracked);
  }

  /**
   * The parts of the process's start that the library measured, in milliseconds, in the line's
   * order: the {@code init} member, on the process's first line only.
   *
   * @return each part's name to its milliseconds; empty on every other line
   */
  public Map<String, BigDecimal> init() {
    return init;
  }

  /**
   * The steps the function timed at init, in milliseconds, in the line's order: the {@code
   * init_steps} member, on the process's first line only.
   *
   * @return each step's name to its milliseconds; empty on every other line
   */
  public Map<String, BigDecimal> initSteps() {
    return initSteps;
  }

  /**
   * The metrics, in the line's order.
   *
   * @return each metric name to a {@link BigDecimal}, a {@code String} or null
   */
  public Map<String, Object> metrics() {
    return metrics;
  }

  /**
   * The identifiers, in the line's order; see {@link ParsedLine} for what counts as one.
   *
   * @return each identifier name to a {@code String}, a {@code Boolean} or null
   */
  public Map<String, Object> identifiers() {
    return identifiers;
  }

  /**
   * The tracker's warnings: what was degraded while the line was recorded.
   *
   * @return the {@code tracker_warnings}, empty when the line has none
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Whether the line is in CloudWatch Embedded Metric Format: whether it has {@code _aws}.
   *
   * @return whether the line is an EMF line
   */
  public boolean isEmf() {
    return emfMetadata != null;
  }

  /**
   * The EMF metadata, {@code _aws}, as compact JSON text, for the namespace, dimensions and units.
   *
   * @return the {@code _aws} member's JSON; empty for a line that is not EMF
   */
  public Optional<String> emfMetadata() {
    return Optional.ofNullable(emfMetadata);
  }

  /**
   * The metrics the EMF metadata declares, in the order it declares them, with the values their
   * root members hold.
   *
   * @return each declared metric name, such as {@code latency_ms:load_order}, to its value; empty
   *     for a line that is not EMF
   */
  public Map<String, BigDecimal> emfValues() {
    return emfValues;
  }

  /** Returns the line's text. */
  @Override
  public String toString() {
    return text;
  }

  private static BigDecimal decimal(JsonElement number) {
    return StrictJson.decimal(number.getAsJsonPrimitive());
  }

  /** A metric's or identifier's value as plain Java: BigDecimal, String, Boolean or null. */
  private static Object plain(JsonElement value) {
    if (value.isJsonNull()) {
      return null;
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    if (primitive.isNumber()) {
      return StrictJson.decimal(primitive);
    }
    return primitive.isBoolean() ? (Object) primitive.getAsBoolean() : primitive.getAsString();
  }
}
