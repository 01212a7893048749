package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.EmfUnit;
import io.github.goblinfish.metrics.trackers.LineFormat;
import java.util.Locale;
import java.util.function.Function;

/** Reads the line format and its settings from {@code TRACKER_*} environment variables. */
final class TrackerSettings {
  static final String FORMAT_VARIABLE = "TRACKER_FORMAT";
  static final String NAMESPACE_VARIABLE = "TRACKER_NAMESPACE";
  static final String SERVICE_VARIABLE = "TRACKER_SERVICE";
  static final String DIMENSIONS_VARIABLE = "TRACKER_DIMENSIONS";
  static final String UNITS_VARIABLE = "TRACKER_UNITS";
  static final String HIGH_RESOLUTION_VARIABLE = "TRACKER_HIGH_RESOLUTION";

  private TrackerSettings() {}

  /**
   * Returns the format {@code TRACKER_FORMAT} and its settings choose.
   *
   * @return the format, or null for the default JSON format
   * @throws IllegalArgumentException naming the variable whose value is not accepted
   */
  static LineFormat formatFromEnvironment(Function<String, String> environment) {
    String format = value(environment, FORMAT_VARIABLE);
    if (format == null || format.toLowerCase(Locale.ROOT).equals("json")) {
      return null;
    }
    if (format.toLowerCase(Locale.ROOT).equals("emf")) {
      return emfFromEnvironment(environment);
    }
    throw new IllegalArgumentException(
        FORMAT_VARIABLE + "='" + format + "' is not accepted: use json or emf");
  }

  private static LineFormat emfFromEnvironment(Function<String, String> environment) {
    EmfLineFormat.Builder emf = LineFormat.emf();
    String namespace = value(environment, NAMESPACE_VARIABLE);
    if (namespace != null) {
      apply(NAMESPACE_VARIABLE, namespace, () -> emf.namespace(namespace));
    }
    String service = value(environment, SERVICE_VARIABLE);
    if (service != null) {
      apply(SERVICE_VARIABLE, service, () -> emf.service(service));
    }
    // An empty TRACKER_DIMENSIONS is meaningful: one empty set, metrics with no dimensions.
    String dimensions = environment.apply(DIMENSIONS_VARIABLE);
    if (dimensions != null) {
      apply(
          DIMENSIONS_VARIABLE,
          dimensions,
          () -> emf.dimensions(EmfLineFormat.parseDimensions(dimensions.trim())));
    }
    String units = value(environment, UNITS_VARIABLE);
    if (units != null) {
      for (String pair : units.split(",", -1)) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
          throw new IllegalArgumentException(
              UNITS_VARIABLE
                  + "='"
                  + units
                  + "' is not accepted: use name=Unit pairs separated by commas, such as"
                  + " records_failed=Count,payload=Bytes");
        }
        String name = pair.substring(0, equals).trim();
        String unit = pair.substring(equals + 1).trim();
        apply(UNITS_VARIABLE, units, () -> emf.unit(name, EmfUnit.fromEmfName(unit)));
      }
    }
    String highResolution = value(environment, HIGH_RESOLUTION_VARIABLE);
    if (highResolution != null) {
      for (String name : highResolution.split(",", -1)) {
        apply(HIGH_RESOLUTION_VARIABLE, highResolution, () -> emf.highResolution(name.trim()));
      }
    }
    return emf.build();
  }

  /** Runs one setter, naming the variable in what it rejects. */
  private static void apply(String variable, String value, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException rejected) {
      throw new IllegalArgumentException(
          variable + "='" + value + "' is not accepted: " + rejected.getMessage(), rejected);
    }
  }

  static String value(Function<String, String> environment, String variable) {
    String value = environment.apply(variable);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
