package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.LineFormat;
import java.util.Locale;
import java.util.function.Function;

/** Reads the line format and its settings from {@code TRACKER_*} environment variables. */
final class TrackerSettings {
  static final String FORMAT_VARIABLE = "TRACKER_FORMAT";

  private TrackerSettings() {}

  static LineFormat formatFromEnvironment(Function<String, String> environment) {
    String format = value(environment, FORMAT_VARIABLE);
    if (format == null || format.toLowerCase(Locale.ROOT).equals("json")) {
      return LineFormat.json();
    }
    throw new IllegalArgumentException(
        FORMAT_VARIABLE + "='" + format + "' is not accepted: use json");
  }

  static String value(Function<String, String> environment, String variable) {
    String value = environment.apply(variable);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
