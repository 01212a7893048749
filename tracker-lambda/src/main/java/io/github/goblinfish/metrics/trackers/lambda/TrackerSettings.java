package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.EmfUnit;
import io.github.goblinfish.metrics.trackers.LineFormat;
import java.util.List;
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
    if ("metric".equals(value(environment, HandlerConfig.UNTRACKED_VARIABLE))) {
      emf.untrackedMetric(true);
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

  /** The variable by which Lambda chooses its log format: {@code Text} or {@code JSON}. */
  static final String LOG_FORMAT_VARIABLE = "AWS_LAMBDA_LOG_FORMAT";

  /**
   * Refuses EMF dimensions a Lambda handler's line can never fill or should never have, and warns
   * on standard error when the line goes to an output function under Lambda's JSON log format.
   *
   * @param coldStartKey the cold start identifier's key, or null when it is omitted
   * @param perInvocationKeys the keys of identifiers that differ on every invocation (null:
   *     omitted)
   * @throws IllegalArgumentException naming the dimension, and the variable when it set them
   */
  static void checkEmf(
      EmfLineFormat format,
      boolean inCode,
      String coldStartKey,
      String[] perInvocationKeys,
      boolean textOutput,
      Function<String, String> environment) {
    String setting =
        inCode
            ? "the EMF dimensions " + format.dimensions()
            : DIMENSIONS_VARIABLE
                + "='"
                + (environment.apply(DIMENSIONS_VARIABLE) == null
                    ? "function_name"
                    : environment.apply(DIMENSIONS_VARIABLE))
                + "'";
    for (List<String> set : format.dimensions()) {
      for (String name : set) {
        if (name.equals(coldStartKey)) {
          throw new IllegalArgumentException(
              setting
                  + " is not accepted: '"
                  + name
                  + "' is the cold start identifier, written as true or false, and CloudWatch"
                  + " takes only text as a dimension value (the EMF line counts cold starts as"
                  + " the metric "
                  + EmfLineFormat.METRIC_PREFIX
                  + "cold_start)");
        }
        for (String key : perInvocationKeys) {
          if (name.equals(key)) {
            throw new IllegalArgumentException(
                setting
                    + " is not accepted: '"
                    + name
                    + "' differs on every invocation, so each line would create custom metrics"
                    + " of its own; find single invocations with Logs Insights instead");
          }
        }
      }
    }
    String logFormat = environment.apply(LOG_FORMAT_VARIABLE);
    if (textOutput && logFormat != null && logFormat.trim().equalsIgnoreCase("json")) {
      warn(
          "tracker-lambda: the EMF line goes to an output function and "
              + LOG_FORMAT_VARIABLE
              + "=JSON: if that function prints the line (System.out, LambdaLogger.log(String)),"
              + " Lambda wraps it as {\"message\": ...} and CloudWatch creates no metric from it;"
              + " leave the output unset so that the line goes to the invocation's LambdaLogger"
              + " as it is");
    }
  }

  /** One line on standard error, at construction; a failing standard error is ignored. */
  private static void warn(String warning) {
    try {
      System.err.println(warning);
      System.err.flush();
    } catch (Throwable unreportable) {
      // Nowhere to report to; the handler is still constructed.
    }
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
