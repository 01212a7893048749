package io.github.goblinfish.metrics.trackers.local;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lambda's own rules for what a function may be configured with and sent, applied before anything
 * runs so that a value Lambda would refuse is refused here too, with one line naming it.
 *
 * <p>Thread-safe: it holds no state.
 */
final class LambdaLimits {
  static final int MIN_TIMEOUT_SECONDS = 1;
  static final int MAX_TIMEOUT_SECONDS = 900;
  static final int MIN_MEMORY_MB = 128;
  static final int MAX_MEMORY_MB = 10_240;

  /** The total of all names and values, in UTF-8 bytes. */
  static final int MAX_ENVIRONMENT_BYTES = 4 * 1024;

  /** Lambda's limit on a synchronous invocation's request payload. */
  static final int MAX_REQUEST_BYTES = 6_291_456;

  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");
  private static final Set<String> RESERVED =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  private LambdaLimits() {}

  /** A template's {@code Timeout}: a whole number of seconds from 1 to 900. */
  static int timeoutSeconds(String function, Object value) throws LocalInvokeException {
    return whole(function, "Timeout", value, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, "seconds");
  }

  /** A template's {@code MemorySize}: a whole number of MB from 128 to 10240. */
  static int memoryMb(String function, Object value) throws LocalInvokeException {
    return whole(function, "MemorySize", value, MIN_MEMORY_MB, MAX_MEMORY_MB, "MB");
  }

  /** Everything about a function Lambda would refuse to deploy. */
  static void check(FunctionSpec fn) throws LocalInvokeException {
    Duration timeout = fn.timeout();
    if (timeout.toNanos() % 1_000_000_000L != 0
        || timeout.getSeconds() < MIN_TIMEOUT_SECONDS
        || timeout.getSeconds() > MAX_TIMEOUT_SECONDS) {
      throw new LocalInvokeException(
          "function '"
              + fn.name()
              + "': Timeout must be a whole number of seconds from 1 to 900, not "
              + timeout);
    }
    whole(fn.name(), "MemorySize", fn.memoryMb(), MIN_MEMORY_MB, MAX_MEMORY_MB, "MB");
    checkEnvironment(fn.name(), fn.environment());
  }

  static void checkEnvironment(String function, Map<String, String> environment)
      throws LocalInvokeException {
    long total = 0;
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      String value = variable.getValue();
      String where = "function '" + function + "': environment variable ";
      if (!NAME.matcher(name).matches()) {
        throw new LocalInvokeException(
            where
                + quoted(name)
                + " is not a valid name (a letter, then at least one letter, digit or _)");
      }
      if (RESERVED.contains(name)) {
        throw new LocalInvokeException(where + name + " is reserved by Lambda");
      }
      if (value.indexOf('\0') >= 0) {
        throw new LocalInvokeException(where + name + " contains a NUL character");
      }
      if (!wellFormed(value)) {
        throw new LocalInvokeException(where + name + " is not valid Unicode text");
      }
      total += name.getBytes(StandardCharsets.UTF_8).length;
      total += value.getBytes(StandardCharsets.UTF_8).length;
    }
    if (total > MAX_ENVIRONMENT_BYTES) {
      throw new LocalInvokeException(
          "function '"
              + function
              + "': its environment variables take "
              + total
              + " bytes; Lambda allows 4096 (names and values, UTF-8)");
    }
  }

  private static int whole(String function, String key, Object value, int min, int max, String unit)
      throws LocalInvokeException {
    BigDecimal number = null;
    if (value instanceof Number n && !(value instanceof Double d && !Double.isFinite(d))) {
      try {
        number = new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        number = null;
      }
    } else if (value instanceof String s) {
      try {
        number = new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        number = null;
      }
    }
    boolean whole = number != null && number.stripTrailingZeros().scale() <= 0;
    if (!whole
        || number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new LocalInvokeException(
          "function '"
              + function
              + "': "
              + key
              + " must be a whole number of "
              + unit
              + " from "
              + min
              + " to "
              + max
              + ", not "
              + quoted(String.valueOf(value)));
    }
    return number.intValueExact();
  }

  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** A value from the template, quoted and with its control characters escaped: one line. */
  static String quoted(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return "'" + TerminalText.oneLine(shown) + "'";
  }
}
