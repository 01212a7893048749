package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.goblinfish.metrics.trackers.lines.LineReader;
import io.github.goblinfish.metrics.trackers.lines.ParsedLine;
import io.github.goblinfish.metrics.trackers.lines.StrictJson;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tracker line found among an invocation's log events: exactly what the library's default or EMF
 * format can write, as {@code tracker-lambda-lines}' {@code LineReader} (the one reader of the
 * line, the test kit's too) reads it. Its identifiers are the top-level members other than the
 * line's own ({@code latencies}, {@code latency_counts}, {@code metrics}, {@code tracker_warnings})
 * and, in an EMF line, other than {@code _aws} and the root members of its metric values. It is
 * also recognised inside the {@code message} string of the runtime's JSON log wrapper and after a
 * Text level prefix such as {@code [INFO] }.
 *
 * <pre>{@code
 * TrackerLine line = invocation.trackerLines().get(0);
 * double total = line.latenciesMs().values().stream().mapToDouble(Double::doubleValue).sum();
 * String orderId = line.identifiers().get("order_id");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TrackerLine {
  private static final Pattern LEVEL_PREFIX = Pattern.compile("^\\[[A-Z]+] ");
  private static final String LATENCIES = "latencies";
  private static final String LATENCIES_KEY = "\"" + LATENCIES + "\"";

  /**
   * What one event's text is: a tracker line, or an event that looks like one (it mentions {@code
   * "latencies"}, or reads as a JSON object with a {@code latencies} member once quotes are not
   * insisted on) but is not one, with why; or neither, both null.
   *
   * @param line the tracker line, or null
   * @param refusal why the event is not a tracker line although it looks like one, or null
   */
  record Reading(TrackerLine line, String refusal) {
    private static final Reading NEITHER = new Reading(null, null);
  }

  private final String json;
  private final boolean wrapped;
  private final ParsedLine line;
  private final Map<String, String> latencies;
  private final Map<String, Double> latenciesMs;
  private final Map<String, String> metrics;
  private final Map<String, String> identifiers;

  private TrackerLine(JsonObject object, ParsedLine line, boolean wrapped) {
    this.json = object.toString();
    this.wrapped = wrapped;
    this.line = line;
    this.latencies = rendered(line.latencies(), BigDecimal::toString);
    this.latenciesMs = rendered(line.latencies(), BigDecimal::doubleValue);
    this.metrics = rendered(line.metrics(), TrackerLine::render);
    this.identifiers = rendered(line.identifiers(), TrackerLine::render);
  }

  /**
   * Looks for a tracker line in one log event's text.
   *
   * @param text the event's message
   * @return the tracker line, if the event is one
   */
  public static Optional<TrackerLine> parse(String text) {
    return Optional.ofNullable(read(text).line());
  }

  /**
   * Reads one log event's text: the tracker line it is, or why it is not one although it looks like
   * one.
   *
   * @param text the event's message
   * @return what the event is
   */
  static Reading read(String text) {
    String trimmed = text.strip();
    Matcher prefix = LEVEL_PREFIX.matcher(trimmed);
    if (prefix.find()) {
      trimmed = trimmed.substring(prefix.end());
    }
    if (!trimmed.startsWith("{")) {
      return trimmed.contains(LATENCIES_KEY) ? refused("not a JSON object") : Reading.NEITHER;
    }
    JsonObject object;
    try {
      object = StrictJson.object(trimmed);
    } catch (IllegalArgumentException malformed) {
      return looksLikeOne(trimmed) ? refused(malformed.getMessage()) : Reading.NEITHER;
    }
    if (object.has(LATENCIES)) {
      return checked(trimmed, object, false);
    }
    JsonElement message = object.get("message");
    if (message == null || !message.isJsonPrimitive() || !message.getAsJsonPrimitive().isString()) {
      return Reading.NEITHER;
    }
    String inner = message.getAsString().strip();
    if (!inner.startsWith("{")) {
      return Reading.NEITHER;
    }
    try {
      JsonObject line = StrictJson.object(inner);
      return line.has(LATENCIES) ? checked(inner, line, true) : Reading.NEITHER;
    } catch (IllegalArgumentException malformed) {
      return looksLikeOne(inner) ? refused(malformed.getMessage()) : Reading.NEITHER;
    }
  }

  private static Reading checked(String text, JsonObject object, boolean wrapped) {
    LineReader.Reading reading = LineReader.read(text, object);
    return reading.line() == null
        ? refused(reading.refusal())
        : new Reading(new TrackerLine(object, reading.line(), wrapped), null);
  }

  /**
   * Whether text that is not strict JSON was meant as a tracker line: it names {@code latencies} in
   * quotes, or Gson's lenient reader (unquoted names, single quotes) finds a {@code latencies}
   * member in it.
   */
  private static boolean looksLikeOne(String text) {
    if (text.contains(LATENCIES_KEY)) {
      return true;
    }
    try {
      JsonElement lenient = JsonParser.parseString(text);
      return lenient.isJsonObject() && lenient.getAsJsonObject().has(LATENCIES);
    } catch (RuntimeException notEvenLenient) {
      return false;
    }
  }

  private static Reading refused(String why) {
    // The reason goes on the report's one line: nothing in it may break or forge that line.
    return new Reading(null, TerminalText.message(why));
  }

  private static <V, R> Map<String, R> rendered(Map<String, V> values, Function<V, R> render) {
    Map<String, R> out = new LinkedHashMap<>();
    values.forEach((name, value) -> out.put(name, render.apply(value)));
    return Collections.unmodifiableMap(out);
  }

  /** A metric's or identifier's value as text: strings as they are, the rest as the JSON. */
  private static String render(Object value) {
    return String.valueOf(value);
  }

  /**
   * @return the tracker object as compact JSON
   */
  public String json() {
    return json;
  }

  /**
   * @return true for an Embedded Metric Format line (it has {@code _aws})
   */
  public boolean emf() {
    return line.isEmf();
  }

  /**
   * @return true when found inside the {@code message} string of a JSON log wrapper
   */
  public boolean wrapped() {
    return wrapped;
  }

  /**
   * @return every latency as written (strings unquoted, other values as JSON), in key order
   */
  public Map<String, String> latencies() {
    return latencies;
  }

  /**
   * @return the numeric latencies in milliseconds, in key order
   */
  public Map<String, Double> latenciesMs() {
    return latenciesMs;
  }

  /**
   * @return the metrics (strings unquoted, other values as JSON), in key order
   */
  public Map<String, String> metrics() {
    return metrics;
  }

  /**
   * @return the whole-number members of {@code latency_counts}: how many times each name was timed,
   *     for the names timed more than once
   */
  public Map<String, Long> latencyCounts() {
    return line.latencyCounts();
  }

  /**
   * @return the {@code init} parts in milliseconds, in key order; empty on all but a process's
   *     first line
   */
  Map<String, Double> initMs() {
    return rendered(line.init(), BigDecimal::doubleValue);
  }

  /**
   * @return the {@code init_steps} in milliseconds, in key order; empty on all but a process's
   *     first line
   */
  Map<String, Double> initStepsMs() {
    return rendered(line.initSteps(), BigDecimal::doubleValue);
  }

  /**
   * @return {@code untracked} in milliseconds: the entry's time that no step covered, if written
   */
  Optional<Double> untrackedMs() {
    return line.untracked().map(BigDecimal::doubleValue);
  }

  /**
   * @return the tracker's warnings, {@code tracker_warnings}; empty when the line has none
   */
  public List<String> warnings() {
    return line.warnings();
  }

  /**
   * @return the identifiers (strings unquoted, {@code true}, {@code false} or {@code null} as
   *     text), in key order: never the line's own members, {@code _aws} or an EMF line's metric
   *     values
   */
  public Map<String, String> identifiers() {
    return identifiers;
  }
}
