package io.github.goblinfish.metrics.trackers.test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One tracker line, parsed, for tests to assert on: the latencies, metrics, identifiers and
 * warnings of the default line, and the members an EMF line adds, told apart.
 *
 * <pre>{@code
 * TrackerLine line = TrackerLine.parse(context.lines().get(0));
 * assertEquals(List.of("OrderHandler", "load_order"), line.latencyNames());
 * assertEquals(3, line.metric("order_lines"));
 * assertEquals("ord-1001", line.identifier("order_id"));
 * assertEquals(List.of(), line.warnings());
 * }</pre>
 *
 * <h2>Numbers</h2>
 *
 * Latencies and numeric metrics come back as {@code double}: the double nearest the decimal the
 * line holds, so {@code assertEquals(7.0, line.latencyMillis("load_order"))} holds exactly for a
 * line that says {@code 7.000}. {@link #metricDecimal(String)} gives a metric's decimal exactly,
 * for counts beyond 2<sup>53</sup>.
 *
 * <h2>Identifiers and EMF members</h2>
 *
 * The identifiers are the line's top-level members other than its own keys ({@code latencies},
 * {@code latency_counts}, {@code metrics}, {@code tracker_warnings}) and, in an EMF line, other
 * than {@code _aws} and the root members that hold the metric values (such as {@code
 * latency_ms:load_order}, declared or not). A configured EMF {@code service} is an identifier like
 * any other.
 *
 * <h2>What is a tracker line</h2>
 *
 * {@link #parse(String)} accepts exactly the lines the library's formats can write, the default
 * line and the EMF line, including those it writes when something went wrong: {@code
 * "latencies":{}} when the ticker failed, a line cut to fit 256,000 bytes, the line written before
 * a timeout, the default line written in place of a format that failed. It throws {@link
 * IllegalArgumentException}, saying which rule is broken, for anything else:
 *
 * <ul>
 *   <li>not one strict JSON object (another format's text, unquoted keys, trailing text, two
 *       objects), a key given twice in one object, more than 256,000 bytes;
 *   <li>no {@code latencies} object, or a latency that is not a number, is negative or beyond
 *       2<sup>63</sup>-1 ns ({@code 9223372036854.776});
 *   <li>no {@code metrics} object (an array, for one), or a metric that is not a number, text or
 *       null;
 *   <li>a {@code latency_counts} member that is not an object of whole numbers from 2 to
 *       2<sup>63</sup>-1 for latencies of the line, in their order;
 *   <li>{@code tracker_warnings} that are not 1 to 21 strings;
 *   <li>an identifier that is not text, {@code true}, {@code false} or null;
 *   <li>in a line without {@code _aws}, members out of the default line's order ({@code latencies},
 *       {@code latency_counts}, {@code metrics}, {@code tracker_warnings}, then the identifiers);
 *   <li>an {@code _aws} that is not an object with a whole-number {@code Timestamp} and a {@code
 *       CloudWatchMetrics} array of directives whose {@code Metrics} have a {@code Name}, or a
 *       declared name with no number at the root. An EMF line's member order and the rest of {@code
 *       _aws} are not checked.
 * </ul>
 *
 * Asking for a name the line does not hold throws {@link NoSuchElementException} naming what the
 * line holds, so a test that asserts on a step its handler no longer times fails with a message
 * that says so.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrackerLine {
  private static final Set<String> OWN_KEYS =
      Set.of("latencies", "latency_counts", "metrics", "tracker_warnings", "_aws");
  private static final int QUOTED_CHARS = 300;

  private final String text;
  private final JsonObject json;
  private final JsonObject latencies;
  private final JsonObject latencyCounts;
  private final JsonObject metrics;
  private final List<String> warnings;
  private final JsonObject emf;
  private final List<String> emfMetricNames;
  private final Map<String, Object> identifiers;

  private TrackerLine(String text, JsonObject json, List<String> emfMetricNames) {
    this.text = text;
    this.json = json;
    this.latencies = json.getAsJsonObject(LineGrammar.LATENCIES);
    JsonObject counts = json.getAsJsonObject(LineGrammar.LATENCY_COUNTS);
    this.latencyCounts = counts != null ? counts : new JsonObject();
    this.metrics = json.getAsJsonObject(LineGrammar.METRICS);
    this.warnings = strings(json.getAsJsonArray(LineGrammar.WARNINGS));
    this.emf = json.getAsJsonObject(LineGrammar.EMF);
    this.emfMetricNames = emfMetricNames;
    Map<String, Object> found = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> member : json.entrySet()) {
      String name = member.getKey();
      boolean emfValue =
          emf != null && (emfMetricNames.contains(name) || LineGrammar.isEmfValueName(name));
      if (!OWN_KEYS.contains(name) && !emfValue) {
        found.put(name, plain(member.getValue()));
      }
    }
    this.identifiers = Collections.unmodifiableMap(found);
  }

  /**
   * Parses one line, as a tracker wrote it in the default or the EMF format; a trailing newline is
   * allowed.
   *
   * <pre>{@code
   * TrackerLine line = TrackerLine.parse("{\"latencies\":{\"main\":1.250},\"metrics\":{}}");
   * }</pre>
   *
   * @param line the line
   * @return the parsed line
   * @throws NullPointerException if {@code line} is null
   * @throws IllegalArgumentException if {@code line} is not a tracker line
   */
  public static TrackerLine parse(String line) {
    if (line == null) {
      throw new NullPointerException("line");
    }
    String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    JsonObject json;
    try {
      json = StrictJson.object(text);
    } catch (IllegalArgumentException notJson) {
      throw notALine(text, notJson.getMessage());
    }
    try {
      return new TrackerLine(text, json, LineGrammar.check(text, json));
    } catch (LineGrammar.Refused refused) {
      throw notALine(text, refused.getMessage());
    }
  }

  /**
   * The line as it was parsed, without a trailing newline.
   *
   * @return the line's text
   */
  public String text() {
    return text;
  }

  /**
   * The name of the whole run: the first latency. A ticker that failed while the process was timed
   * leaves the process's own latency out (the line then says so in its {@link #warnings()}), and so
   * may a line cut to fit; then the first latency is a step's.
   *
   * @return the process name, such as the handler's simple class name
   * @throws NoSuchElementException if the line has no latency at all
   */
  public String processName() {
    if (latencies.size() == 0) {
      throw new NoSuchElementException(
          "the line has no latency, so no process name; its warnings: "
              + warnings
              + " in: "
              + quote(text));
    }
    return latencies.keySet().iterator().next();
  }

  /**
   * The latency names, in the line's order: the process first (see {@link #processName()}); empty
   * when no span could be timed.
   *
   * @return an unmodifiable list
   */
  public List<String> latencyNames() {
    return List.copyOf(latencies.keySet());
  }

  /**
   * Whether the line has a latency of this name.
   *
   * @param name the latency name
   * @return whether the step was timed
   */
  public boolean hasLatency(String name) {
    return latencies.has(name);
  }

  /**
   * A latency in milliseconds: the total when the name was timed several times.
   *
   * @param name the latency name
   * @return the milliseconds, as the double nearest the line's decimal
   * @throws NoSuchElementException if the line has no latency of that name
   */
  public double latencyMillis(String name) {
    return number(latencies, "latency", name).doubleValue();
  }

  /**
   * How many times a name was timed: its {@code latency_counts} entry, or 1 when it has none.
   *
   * @param name the latency name
   * @return the count
   * @throws NoSuchElementException if the line has no latency of that name
   */
  public long latencyCount(String name) {
    number(latencies, "latency", name);
    return latencyCounts.has(name) ? number(latencyCounts, "latency count", name).longValue() : 1;
  }

  /**
   * The metric names, in the line's order.
   *
   * @return an unmodifiable set
   */
  public Set<String> metricNames() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(metrics.keySet()));
  }

  /**
   * Whether the line has a metric of this name.
   *
   * @param name the metric name
   * @return whether the metric was set
   */
  public boolean hasMetric(String name) {
    return metrics.has(name);
  }

  /**
   * A numeric metric; the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, as the
   * line writes those numbers, come back as the doubles they stand for.
   *
   * @param name the metric name
   * @return the value, as the double nearest the line's decimal
   * @throws NoSuchElementException if the line has no metric of that name
   * @throws IllegalStateException if the metric holds text or null
   */
  public double metric(String name) {
    JsonElement value = member(metrics, "metric", name);
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
      switch (value.getAsString()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    return metricDecimal(name).doubleValue();
  }

  /**
   * A numeric metric, exactly as the line writes it.
   *
   * @param name the metric name
   * @return the value
   * @throws NoSuchElementException if the line has no metric of that name
   * @throws IllegalStateException if the metric is not a JSON number
   */
  public BigDecimal metricDecimal(String name) {
    JsonElement value = member(metrics, "metric", name);
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw new IllegalStateException(
          "the metric \"" + name + "\" is not a number but " + value + " in: " + quote(text));
    }
    return StrictJson.decimal(value.getAsJsonPrimitive());
  }

  /**
   * A metric that holds text, such as {@code exception_type}.
   *
   * @param name the metric name
   * @return the text
   * @throws NoSuchElementException if the line has no metric of that name
   * @throws IllegalStateException if the metric is not a JSON string
   */
  public String metricText(String name) {
    JsonElement value = member(metrics, "metric", name);
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new IllegalStateException(
          "the metric \"" + name + "\" is not text but " + value + " in: " + quote(text));
    }
    return value.getAsString();
  }

  /**
   * The identifiers, in the line's order; see {@link TrackerLine} for what counts as one.
   *
   * @return an unmodifiable map of each name to a {@code String}, a {@code Boolean} or null
   */
  public Map<String, Object> identifiers() {
    return identifiers;
  }

  /**
   * One identifier's value.
   *
   * @param name the identifier name
   * @return a {@code String}, a {@code Boolean} (such as {@code cold_start}) or null
   * @throws NoSuchElementException if the line has no identifier of that name
   */
  public Object identifier(String name) {
    if (!identifiers.containsKey(name)) {
      throw new NoSuchElementException(
          "the line has no identifier \""
              + name
              + "\"; its identifiers: "
              + identifiers.keySet()
              + " in: "
              + quote(text));
    }
    return identifiers.get(name);
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
   * Whether the line is in CloudWatch Embedded Metric Format: whether it has the {@code _aws}
   * metadata.
   *
   * @return whether the line is an EMF line
   */
  public boolean isEmf() {
    return emf != null;
  }

  /**
   * The metric names the EMF metadata declares, in order: the names CloudWatch creates metrics
   * under, and the root members that hold their values.
   *
   * @return an unmodifiable list; empty for a line that is not EMF
   */
  public List<String> emfMetricNames() {
    return emfMetricNames;
  }

  /**
   * The value of a declared EMF metric, from its root member.
   *
   * @param metricName a name of {@link #emfMetricNames()}, such as {@code latency_ms:load_order}
   * @return the value, as the double nearest the line's decimal
   * @throws NoSuchElementException if the line declares no such EMF metric
   */
  public double emfValue(String metricName) {
    if (!emfMetricNames.contains(metricName)) {
      throw new NoSuchElementException(
          "the line declares no EMF metric \""
              + metricName
              + "\"; it declares: "
              + emfMetricNames
              + " in: "
              + quote(text));
    }
    return number(json, "EMF root member", metricName).doubleValue();
  }

  /**
   * The EMF metadata, {@code _aws}, as the JSON text the line holds it in, for assertions on the
   * namespace, dimensions and units.
   *
   * @return the {@code _aws} member's JSON
   * @throws IllegalStateException if the line is not EMF
   */
  public String emfMetadata() {
    if (emf == null) {
      throw new IllegalStateException("the line is not EMF (it has no _aws): " + quote(text));
    }
    return emf.toString();
  }

  /** Returns the line's text. */
  @Override
  public String toString() {
    return text;
  }

  private BigDecimal number(JsonObject from, String what, String name) {
    JsonElement value = member(from, what, name);
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw new IllegalStateException(
          "the " + what + " \"" + name + "\" is not a number but " + value + " in: " + quote(text));
    }
    return StrictJson.decimal(value.getAsJsonPrimitive());
  }

  private JsonElement member(JsonObject from, String what, String name) {
    JsonElement value = from.get(name);
    if (value == null) {
      throw new NoSuchElementException(
          "the line has no "
              + what
              + " \""
              + name
              + "\"; it has: "
              + from.keySet()
              + " in: "
              + quote(text));
    }
    return value;
  }

  private static List<String> strings(JsonArray values) {
    if (values == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>(values.size());
    for (JsonElement value : values) {
      strings.add(value.getAsString());
    }
    return List.copyOf(strings);
  }

  /** An identifier's value as plain Java: String, Boolean or null (the grammar allows no other). */
  private static Object plain(JsonElement value) {
    if (value.isJsonNull()) {
      return null;
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.isBoolean() ? (Object) primitive.getAsBoolean() : primitive.getAsString();
  }

  private static IllegalArgumentException notALine(String text, String why) {
    return new IllegalArgumentException("not a tracker line (" + why + "): " + quote(text));
  }

  private static String quote(String text) {
    return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "...";
  }
}
