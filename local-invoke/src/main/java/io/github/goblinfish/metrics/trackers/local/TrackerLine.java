package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tracker line found among an invocation's log events: a JSON object with an object member {@code
 * latencies} and an object member {@code metrics}; every other top-level member is an identifier.
 * It is also recognised inside the {@code message} string of the runtime's JSON log wrapper, after
 * a Text level prefix such as {@code [INFO] }, and in EMF form (with {@code _aws}).
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
    String trimmed = text.strip();
    Matcher prefix = LEVEL_PREFIX.matcher(trimmed);
    if (prefix.find()) {
      trimmed = trimmed.substring(prefix.end());
    }
    JsonObject object = object(trimmed);
    if (object == null) {
      return Optional.empty();
    }
    if (isTracker(object)) {
      return Optional.of(new TrackerLine(object, false));
    }
    JsonElement message = object.get("message");
    if (message != null && message.isJsonPrimitive() && message.getAsJsonPrimitive().isString()) {
      JsonObject inner = object(message.getAsString().strip());
      if (inner != null && isTracker(inner)) {
        return Optional.of(new TrackerLine(inner, true));
      }
    }
    return Optional.empty();
  }

  private static boolean isTracker(JsonObject object) {
    return object.has("latencies")
        && object.get("latencies").isJsonObject()
        && object.has("metrics")
        && object.get("metrics").isJsonObject();
  }

  private static JsonObject object(String text) {
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonElement element = JsonParser.parseString(text);
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (JsonParseException e) {
      return null;
    }
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
