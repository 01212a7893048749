package io.github.goblinfish.metrics.trackers.test;

import com.google.gson.JsonPrimitive;
import io.github.goblinfish.metrics.trackers.lines.LineReader;
import io.github.goblinfish.metrics.trackers.lines.ParsedLine;
import java.math.BigDecimal;
import java.util.Collections;
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
 * than {@code _aws} and the root members that hold the declared metric values (such as {@code
 * latency_ms:load_order}). A configured EMF {@code service} is an identifier like any other.
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
 * The rules are those of {@code tracker-lambda-lines}' {@code LineReader}, the one reader of the
 * line, which the local runner reads lines with too.
 *
 * <p>Asking for a name the line does not hold throws {@link NoSuchElementException} naming what the
 * line holds, so a test that asserts on a step its handler no longer times fails with a message
 * that says so.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrackerLine {
  private static final int QUOTED_CHARS = 300;

  private final ParsedLine line;

  private TrackerLine(ParsedLine line) {
    this.line = line;
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
    return new TrackerLine(LineReader.parse(line));
  }

  /**
   * The line as it was parsed, without a trailing newline.
   *
   * @return the line's text
   */
  public String text() {
    return line.text();
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
    if (line.latencies().isEmpty()) {
      throw new NoSuchElementException(
          "the line has no latency, so no process name; its warnings: "
              + line.warnings()
              + " in: "
              + quote());
    }
    return line.latencies().keySet().iterator().next();
  }

  /**
   * The latency names, in the line's order: the process first (see {@link #processName()}); empty
   * when no span could be timed.
   *
   * @return an unmodifiable list
   */
  public List<String> latencyNames() {
    return List.copyOf(line.latencies().keySet());
  }

  /**
   * Whether the line has a latency of this name.
   *
   * @param name the latency name
   * @return whether the step was timed
   */
  public boolean hasLatency(String name) {
    return line.latencies().containsKey(name);
  }

  /**
   * A latency in milliseconds: the total when the name was timed several times.
   *
   * @param name the latency name
   * @return the milliseconds, as the double nearest the line's decimal
   * @throws NoSuchElementException if the line has no latency of that name
   */
  public double latencyMillis(String name) {
    return member(line.latencies(), "latency", name).doubleValue();
  }

  /**
   * How many times a name was timed: its {@code latency_counts} entry, or 1 when it has none.
   *
   * @param name the latency name
   * @return the count
   * @throws NoSuchElementException if the line has no latency of that name
   */
  public long latencyCount(String name) {
    member(line.latencies(), "latency", name);
    return line.latencyCounts().getOrDefault(name, 1L);
  }

  /**
   * The metric names, in the line's order.
   *
   * @return an unmodifiable set
   */
  public Set<String> metricNames() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(line.metrics().keySet()));
  }

  /**
   * Whether the line has a metric of this name.
   *
   * @param name the metric name
   * @return whether the metric was set
   */
  public boolean hasMetric(String name) {
    return line.metrics().containsKey(name);
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
    Object value = member(line.metrics(), "metric", name);
    if (value instanceof String) {
      switch ((String) value) {
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
    Object value = member(line.metrics(), "metric", name);
    if (!(value instanceof BigDecimal)) {
      throw new IllegalStateException(
          "the metric \"" + name + "\" is not a number but " + json(value) + " in: " + quote());
    }
    return (BigDecimal) value;
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
    Object value = member(line.metrics(), "metric", name);
    if (!(value instanceof String)) {
      throw new IllegalStateException(
          "the metric \"" + name + "\" is not text but " + json(value) + " in: " + quote());
    }
    return (String) value;
  }

  /**
   * The identifiers, in the line's order; see {@link TrackerLine} for what counts as one.
   *
   * @return an unmodifiable map of each name to a {@code String}, a {@code Boolean} or null
   */
  public Map<String, Object> identifiers() {
    return line.identifiers();
  }

  /**
   * One identifier's value.
   *
   * @param name the identifier name
   * @return a {@code String}, a {@code Boolean} (such as {@code cold_start}) or null
   * @throws NoSuchElementException if the line has no identifier of that name
   */
  public Object identifier(String name) {
    if (!line.identifiers().containsKey(name)) {
      throw new NoSuchElementException(
          "the line has no identifier \""
              + name
              + "\"; its identifiers: "
              + line.identifiers().keySet()
              + " in: "
              + quote());
    }
    return line.identifiers().get(name);
  }

  /**
   * The tracker's warnings: what was degraded while the line was recorded.
   *
   * @return the {@code tracker_warnings}, empty when the line has none
   */
  public List<String> warnings() {
    return line.warnings();
  }

  /**
   * Whether the line is in CloudWatch Embedded Metric Format: whether it has the {@code _aws}
   * metadata.
   *
   * @return whether the line is an EMF line
   */
  public boolean isEmf() {
    return line.isEmf();
  }

  /**
   * The metric names the EMF metadata declares, in order: the names CloudWatch creates metrics
   * under, and the root members that hold their values.
   *
   * @return an unmodifiable list; empty for a line that is not EMF
   */
  public List<String> emfMetricNames() {
    return List.copyOf(line.emfValues().keySet());
  }

  /**
   * The value of a declared EMF metric, from its root member.
   *
   * @param metricName a name of {@link #emfMetricNames()}, such as {@code latency_ms:load_order}
   * @return the value, as the double nearest the line's decimal
   * @throws NoSuchElementException if the line declares no such EMF metric
   */
  public double emfValue(String metricName) {
    BigDecimal value = line.emfValues().get(metricName);
    if (value == null) {
      throw new NoSuchElementException(
          "the line declares no EMF metric \""
              + metricName
              + "\"; it declares: "
              + line.emfValues().keySet()
              + " in: "
              + quote());
    }
    return value.doubleValue();
  }

  /**
   * The EMF metadata, {@code _aws}, as the JSON text the line holds it in, for assertions on the
   * namespace, dimensions and units.
   *
   * @return the {@code _aws} member's JSON
   * @throws IllegalStateException if the line is not EMF
   */
  public String emfMetadata() {
    return line.emfMetadata()
        .orElseThrow(
            () -> new IllegalStateException("the line is not EMF (it has no _aws): " + quote()));
  }

  /** Returns the line's text. */
  @Override
  public String toString() {
    return line.text();
  }

  private <V> V member(Map<String, V> from, String what, String name) {
    if (!from.containsKey(name)) {
      throw new NoSuchElementException(
          "the line has no "
              + what
              + " \""
              + name
              + "\"; it has: "
              + from.keySet()
              + " in: "
              + quote());
    }
    return from.get(name);
  }

  /** A value as the line writes it, for a message. */
  private static String json(Object value) {
    return value instanceof String ? new JsonPrimitive((String) value).toString() : "" + value;
  }

  private String quote() {
    String text = line.text();
    return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "...";
  }
}
