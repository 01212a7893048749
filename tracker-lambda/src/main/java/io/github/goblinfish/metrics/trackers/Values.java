package io.github.goblinfish.metrics.trackers;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns whatever {@link Number} the caller hands over into a value of a JDK type whose JSON text is
 * always a valid number, read once at the call site. A {@code Number} of another class (a subclass
 * of {@code BigDecimal}, an {@code AtomicLong}, a class of the caller's) is read through its
 * numeric methods, never its {@code toString()}; one that cannot be read becomes null with a
 * warning.
 */
final class Values {
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
      return value;
    }
    try {
      if (value instanceof BigDecimal) {
        BigDecimal decimal = (BigDecimal) value;
        // A subclass may override these too: only the exact JDK class goes on.
        return new BigDecimal(
            new BigInteger(decimal.unscaledValue().toByteArray()), decimal.scale());
      }
      if (value instanceof BigInteger) {
        return new BigInteger(((BigInteger) value).toByteArray());
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
}
