package io.github.goblinfish.examples;

import com.google.gson.JsonPrimitive;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.RunRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A line format of its own: one line of {@code key=value} pairs, the format that many log shippers
 * and {@code grep} read best, rendered straight from the run's record:
 *
 * <pre>
 * metrics latency.quote_handler=3.000 latency.price_lookup=1.000 metric.quantity=3 request_id=abc cold_start=true
 * </pre>
 *
 * <p>Latencies become {@code latency.<name>} (milliseconds, three decimals), repeat counts {@code
 * latency_count.<name>}, metrics {@code metric.<name>}, warnings {@code warning}, and identifiers
 * keep their own names. Text that is not a plain token is written as a JSON string literal, quotes
 * and escapes included, so a value can never split the line or fake another pair. Stateless and
 * thread-safe.
 */
final class KeyValueLogFormat implements LineFormat {
  static final KeyValueLogFormat INSTANCE = new KeyValueLogFormat();

  private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9._:/@$+\\-]+");
  private static final Pattern NOT_KEY_CHARACTER = Pattern.compile("[^A-Za-z0-9._\\-]");

  private KeyValueLogFormat() {}

  @Override
  public String render(RunRecord record) {
    StringJoiner pairs = new StringJoiner(" ", "metrics ", "");
    record
        .latenciesNanos()
        .forEach((name, nanos) -> pairs.add("latency." + key(name) + "=" + millis(nanos)));
    record
        .latencyCounts()
        .forEach(
            (name, count) -> {
              if (count > 1) {
                pairs.add("latency_count." + key(name) + "=" + count);
              }
            });
    addAll(pairs, "metric.", record.metrics());
    for (String warning : record.warnings()) {
      pairs.add("warning=" + value(warning));
    }
    if (record.omittedWarnings() > 0) {
      pairs.add("warning=" + value("and " + record.omittedWarnings() + " more warnings"));
    }
    addAll(pairs, "", record.identifiers());
    return pairs.toString();
  }

  private static void addAll(StringJoiner pairs, String prefix, Map<String, Object> values) {
    values.forEach((name, value) -> pairs.add(prefix + key(name) + "=" + value(value)));
  }

  /** Names are free text in the tracker; here they must not contain a space or an equals sign. */
  private static String key(String name) {
    return NOT_KEY_CHARACTER.matcher(name).replaceAll("_");
  }

  private static String value(Object value) {
    if (value instanceof String) {
      String text = (String) value;
      // Gson writes the literal: the quotes and escapes keep the pair on one line.
      return PLAIN_TOKEN.matcher(text).matches() ? text : new JsonPrimitive(text).toString();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    // Numbers, booleans and null read the same as in the JSON line.
    return String.valueOf(value);
  }

  private static String millis(long nanos) {
    return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP).toPlainString();
  }
}
