package io.github.goblinfish.examples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Turns the tracker's JSON line into one line of {@code key=value} pairs, the format that many log
 * shippers and {@code grep} read best:
 *
 * <pre>
 * metrics latency.quote_handler=3.000 latency.price_lookup=1.000 metric.quantity=3 request_id=abc cold_start=true
 * </pre>
 *
 * <p>Latencies become {@code latency.<name>}, repeat counts {@code latency_count.<name>}, metrics
 * {@code metric.<name>}, warnings {@code warning}, and identifiers keep their own names. Text that
 * is not a plain token is written as a JSON string literal, quotes and escapes included, so a value
 * can never split the line or fake another pair. Stateless and thread-safe.
 */
final class KeyValueLogFormat {
  private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9._:/@$+\\-]+");
  private static final Pattern NOT_KEY_CHARACTER = Pattern.compile("[^A-Za-z0-9._\\-]");

  private KeyValueLogFormat() {}

  /**
   * Reformats one tracker line.
   *
   * @param trackerLine the JSON line a tracker wrote
   * @return the same facts as {@code metrics key=value ...}
   */
  static String format(String trackerLine) {
    JsonObject line = JsonParser.parseString(trackerLine).getAsJsonObject();
    StringJoiner pairs = new StringJoiner(" ", "metrics ", "");
    for (Map.Entry<String, JsonElement> entry : line.entrySet()) {
      switch (entry.getKey()) {
        case "latencies":
          addAll(pairs, "latency.", entry.getValue().getAsJsonObject());
          break;
        case "latency_counts":
          addAll(pairs, "latency_count.", entry.getValue().getAsJsonObject());
          break;
        case "metrics":
          addAll(pairs, "metric.", entry.getValue().getAsJsonObject());
          break;
        case "tracker_warnings":
          for (JsonElement warning : entry.getValue().getAsJsonArray()) {
            pairs.add("warning=" + value(warning));
          }
          break;
        default:
          pairs.add(key(entry.getKey()) + "=" + value(entry.getValue()));
      }
    }
    return pairs.toString();
  }

  private static void addAll(StringJoiner pairs, String prefix, JsonObject section) {
    for (Map.Entry<String, JsonElement> entry : section.entrySet()) {
      pairs.add(prefix + key(entry.getKey()) + "=" + value(entry.getValue()));
    }
  }

  /** Names are free text in the tracker; here they must not contain a space or an equals sign. */
  private static String key(String name) {
    return NOT_KEY_CHARACTER.matcher(name).replaceAll("_");
  }

  private static String value(JsonElement value) {
    if (value.isJsonPrimitive() && ((JsonPrimitive) value).isString()) {
      String text = value.getAsString();
      return PLAIN_TOKEN.matcher(text).matches() ? text : value.toString();
    }
    // Numbers keep the tracker's exact digits; booleans and null read the same in both formats.
    return value.toString();
  }
}
