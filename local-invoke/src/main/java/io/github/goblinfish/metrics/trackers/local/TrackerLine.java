package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tracker line found among an invocation's log events: exactly what the library's default or EMF
 * format can write ({@link LineGrammar}), as one JSON object; the members other than {@code
 * latencies}, {@code metrics} and {@code _aws} are its identifiers here. It is also recognised
 * inside the {@code message} string of the runtime's JSON log wrapper and after a Text level prefix
 * such as {@code [INFO] }.
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
  private static final String LATENCIES_KEY = "\"" + LineGrammar.LATENCIES + "\"";

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
  private final boolean emf;
  private final boolean wrapped;
  private final Map<String, String> latencies;
  private final Map<String, Double> latenciesMs;
  private final Map<String, String> metrics;
  private final Map<String, String> identifiers;
  private final Map<String, Long> latencyCounts;

  private TrackerLine(JsonObject object, boolean wrapped) {
    this.json = object.toString();
    this.emf = object.has("_aws");
    this.wrapped = wrapped;
    Map<String, String> lat = new LinkedHashMap<>();
    Map<String, Double> ms = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : object.getAsJsonObject("latencies").entrySet()) {
      lat.put(e.getKey(), render(e.getValue()));
      if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber()) {
        ms.put(e.getKey(), e.getValue().getAsDouble());
      }
    }
    Map<String, String> met = new LinkedHashMap<>();
    object
        .getAsJsonObject("metrics")
        .entrySet()
        .forEach(e -> met.put(e.getKey(), render(e.getValue())));
    Map<String, String> ids = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      if (!e.getKey().equals("latencies")
          && !e.getKey().equals("metrics")
          && !e.getKey().equals("_aws")) {
        ids.put(e.getKey(), render(e.getValue()));
      }
    }
    this.latencies = Collections.unmodifiableMap(lat);
    this.latenciesMs = Collections.unmodifiableMap(ms);
    this.metrics = Collections.unmodifiableMap(met);
    this.identifiers = Collections.unmodifiableMap(ids);
    Map<String, Long> counts = new LinkedHashMap<>();
    JsonElement countsMember = object.get("latency_counts");
    if (countsMember != null && countsMember.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : countsMember.getAsJsonObject().entrySet()) {
        wholeNumber(e.getValue()).ifPresent(n -> counts.put(e.getKey(), n));
      }
    }
    this.latencyCounts = Collections.unmodifiableMap(counts);
  }

  private static Optional<Long> wholeNumber(JsonElement value) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return Optional.empty();
    }
    try {
      return Optional.of(value.getAsBigDecimal().longValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
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
    if (object.has(LineGrammar.LATENCIES)) {
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
      return line.has(LineGrammar.LATENCIES) ? checked(inner, line, true) : Reading.NEITHER;
    } catch (IllegalArgumentException malformed) {
      return looksLikeOne(inner) ? refused(malformed.getMessage()) : Reading.NEITHER;
    }
  }

  private static Reading checked(String text, JsonObject object, boolean wrapped) {
    try {
      LineGrammar.check(text, object);
    } catch (LineGrammar.Refused refused) {
      return refused(refused.getMessage());
    }
    return new Reading(new TrackerLine(object, wrapped), null);
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
      return lenient.isJsonObject() && lenient.getAsJsonObject().has(LineGrammar.LATENCIES);
    } catch (RuntimeException notEvenLenient) {
      return false;
    }
  }

  private static Reading refused(String why) {
    // The reason goes on the report's one line: nothing in it may break or forge that line.
    return new Reading(null, TerminalText.message(why));
  }

  private static String render(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
        ? value.getAsString()
        : value.toString();
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
    return emf;
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
    return latencyCounts;
  }

  /**
   * @return every other top-level member except {@code _aws}, in key order
   */
  public Map<String, String> identifiers() {
    return identifiers;
  }
}
