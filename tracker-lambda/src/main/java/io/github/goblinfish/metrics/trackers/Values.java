package io.github.goblinfish.metrics.trackers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Turns whatever {@link Number} the caller hands over into a value of a JDK type whose JSON text is
 * always a valid number, read once at the call site. A {@code Number} of another class (a subclass
 * of {@code BigDecimal}, an {@code AtomicLong}, a class of the caller's) is read through its
 * numeric methods, never its {@code toString()}; one that cannot be read becomes null with a
 * warning.
 */
final class Values {
  /** The most significant digits a number keeps: its text then fits {@link #MAX_NUMBER_CHARS}. */
  static final int MAX_DIGITS = 980;

  /**
   * The longest JSON text of a number: many JSON parsers refuse longer ones. A sign, the digits, a
   * point and an exponent of at most 10 digits fit.
   */
  static final int MAX_NUMBER_CHARS = 1000;

  private Values() {}

  /** Reports a value that could not be read. */
  interface Problems {
    void warn(String warning);
  }

  static Object canonical(Number value, String metricName, Problems problems) {
    if (value == null) {
      return null;
    }
    Class<?> type = value.getClass();
    if (type == Long.class || type == Double.class || type == Float.class) {
      return value;
    }
    if (type == Integer.class || type == Short.class || type == Byte.class) {
      return value.longValue();
    }
    if (type == BigInteger.class || type == BigDecimal.class) {
      return bounded(value, metricName, problems);
    }
    try {
      if (value instanceof BigDecimal) {
        BigDecimal decimal = (BigDecimal) value;
        // A subclass may override these too: only the exact JDK class goes on.
        return bounded(
            new BigDecimal(new BigInteger(decimal.unscaledValue().toByteArray()), decimal.scale()),
            metricName,
            problems);
      }
      if (value instanceof BigInteger) {
        return bounded(new BigInteger(((BigInteger) value).toByteArray()), metricName, problems);
      }
      // AtomicLong, LongAdder and other mutable or unknown numbers: keep what they are worth now.
      double asDouble = value.doubleValue();
      long asLong = value.longValue();
      return asDouble == asLong ? (Object) asLong : (Object) asDouble;
    } catch (Throwable unreadable) {
      // Even an Error: the value is the caller's object, and reading it must not end their code.
      if (problems != null) {
        problems.warn(
            "metric '"
                + metricName
                + "': a value of class "
                + type.getName()
                + " could not be read ("
                + Faults.describe(unreadable)
                + "); written as null");
      }
      return null;
    }
  }

  /**
   * A number of at most {@value #MAX_DIGITS} significant digits as it is; a longer one rounded
   * (half even) to that many, with a warning. Its JSON text then takes at most {@value
   * #MAX_NUMBER_CHARS} characters, which common JSON parsers take; no value of a long or double
   * comes near it.
   */
  // Typed Object, not Number: a BigDecimal returned as a Number would make the verifier load the
  // class on every tracker's first run, though few runs set such a number.
  private static Object bounded(Object value, String metricName, Problems problems) {
    BigDecimal decimal;
    if (value instanceof BigInteger) {
      // 3,200 bits hold at most 964 digits: most integers need no count.
      if (((BigInteger) value).bitLength() <= 3_200) {
        return value;
      }
      decimal = new BigDecimal((BigInteger) value);
    } else {
      decimal = (BigDecimal) value;
    }
    int digits = decimal.precision();
    if (digits <= MAX_DIGITS) {
      return value;
    }
    if (problems != null) {
      problems.warn(
          "metric '"
              + metricName
              + "': a number of "
              + digits
              + " significant digits, rounded to "
              + MAX_DIGITS
              + " so that its JSON text stays within "
              + MAX_NUMBER_CHARS
              + " characters");
    }
    return decimal.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN));
  }
}
