package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.Names;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** CloudWatch's rules for Embedded Metric Format lines: its limits and what it accepts. */
final class EmfRules {
  /**
   * Metric definitions in one line: the specification caps each directive, but the EMF libraries
   * cap each event, so a line never declares more, whatever its directives.
   */
  static final int MAX_METRICS_PER_LINE = 100;

  static final int MAX_DIMENSION_SET_NAMES = 30;
  static final int MAX_DIMENSION_SETS = 30;
  static final int MAX_DIMENSION_CHARS = 4096;
  static final int MAX_NAMESPACE_CHARS = 255;
  static final int MAX_METRIC_NAME_CHARS = 255;
  static final int MAX_DIMENSION_NAME_CHARS = 250;
  static final int MAX_DIMENSION_VALUE_CHARS = 1024;

  /** How far back CloudWatch takes a Timestamp: 14 days. */
  static final long MAX_TIMESTAMP_AGE_MILLIS = 14L * 24 * 60 * 60 * 1000;

  /** How far ahead CloudWatch takes a Timestamp: 2 hours. */
  static final long MAX_TIMESTAMP_LEAD_MILLIS = 2L * 60 * 60 * 1000;

  // CloudWatch's pattern is [^:].* of 1 to 255 characters, not starting with AWS/; the characters
  // are those the EMF libraries accept.
  private static final Pattern NAMESPACE =
      Pattern.compile("[0-9A-Za-z.\\-_/#][0-9A-Za-z.\\-_/#:]{0,254}");
  private static final double MAX_VALUE = Math.scalb(1.0, 360);
  private static final double MIN_VALUE = Math.scalb(1.0, -360);
  private static final BigDecimal MAX_DECIMAL = new BigDecimal(MAX_VALUE);
  private static final BigDecimal MIN_DECIMAL = new BigDecimal(MIN_VALUE);
  private static final BigInteger MAX_INTEGER = BigInteger.ONE.shiftLeft(360);

  private EmfRules() {}

  static boolean acceptedNamespace(String namespace) {
    return NAMESPACE.matcher(namespace).matches() && !namespace.startsWith("AWS/");
  }

  /**
   * Whether CloudWatch takes a Timestamp of {@code timestamp} when it receives it at {@code now}.
   */
  static boolean acceptedTimestamp(long timestamp, long now) {
    return timestamp >= now - MAX_TIMESTAMP_AGE_MILLIS
        && timestamp <= now + MAX_TIMESTAMP_LEAD_MILLIS;
  }

  /**
   * Whether CloudWatch takes the value as a metric value: a number of magnitude 0 or 2^-360..2^360.
   */
  static boolean acceptedValue(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return true;
    }
    if (value instanceof BigInteger) {
      return ((BigInteger) value).abs().compareTo(MAX_INTEGER) <= 0;
    }
    if (value instanceof BigDecimal) {
      BigDecimal magnitude = ((BigDecimal) value).abs();
      return magnitude.signum() == 0
          || (magnitude.compareTo(MIN_DECIMAL) >= 0 && magnitude.compareTo(MAX_DECIMAL) <= 0);
    }
    if (value instanceof Number) {
      double magnitude = Math.abs(((Number) value).doubleValue());
      return magnitude == 0.0 || (magnitude >= MIN_VALUE && magnitude <= MAX_VALUE);
    }
    return false;
  }

  static boolean acceptedDimensionValue(Object value) {
    return value instanceof String
        && !((String) value).isBlank()
        && isPrintableAscii((String) value, MAX_DIMENSION_VALUE_CHARS);
  }

  static boolean acceptedMetricName(String name) {
    return isPrintableAscii(name, MAX_METRIC_NAME_CHARS);
  }

  static boolean isPrintableAscii(String text, int maxChars) {
    int length = text.length();
    if (length == 0 || length > maxChars) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  static boolean isTrimmed(String text) {
    return text.equals(text.trim());
  }

  /** What is wrong with these dimension sets, or null when CloudWatch accepts them. */
  static String dimensionsProblem(List<? extends List<String>> sets) {
    if (sets.isEmpty()) {
      return "no dimension set; give at least one, the empty set [] for metrics without dimensions";
    }
    if (sets.size() > MAX_DIMENSION_SETS) {
      return sets.size() + " dimension sets, at most " + MAX_DIMENSION_SETS + " accepted";
    }
    List<Set<String>> seen = new ArrayList<>();
    int chars = 0;
    for (int i = 0; i < sets.size(); i++) {
      List<String> set = Objects.requireNonNull(sets.get(i), "dimension set");
      String which = "set " + (i + 1);
      if (set.size() > MAX_DIMENSION_SET_NAMES) {
        return which
            + " has "
            + set.size()
            + " names, at most "
            + MAX_DIMENSION_SET_NAMES
            + " accepted";
      }
      Set<String> names = new HashSet<>();
      for (String name : set) {
        Objects.requireNonNull(name, "dimension name");
        if (!isPrintableAscii(name, MAX_DIMENSION_NAME_CHARS)
            || name.isBlank()
            || !isTrimmed(name)
            || name.startsWith(":")
            || Names.RESERVED_NAMES.contains(name)) {
          return "name '"
              + name
              + "' in "
              + which
              + " is not accepted: use 1 to "
              + MAX_DIMENSION_NAME_CHARS
              + " printable ASCII characters, not blank, without leading or trailing spaces,"
              + " not starting with ':', and none of the line's own keys "
              + new TreeSet<>(Names.RESERVED_NAMES);
        }
        if (!names.add(name)) {
          return which + " names '" + name + "' twice";
        }
        chars += name.length();
      }
      int earlier = seen.indexOf(names);
      if (earlier >= 0) {
        return "sets " + (earlier + 1) + " and " + (i + 1) + " hold the same names";
      }
      seen.add(names);
    }
    if (chars > MAX_DIMENSION_CHARS) {
      return "the names of all sets add up to "
          + chars
          + " characters, at most "
          + MAX_DIMENSION_CHARS
          + " accepted";
    }
    return null;
  }
}
