package io.github.goblinfish.metrics.trackers.local;

import java.util.List;

/**
 * Walks command-line arguments; an option's value comes as the next argument ({@code --times 3}) or
 * after an equals sign ({@code --times=3}).
 *
 * <pre>{@code
 * Arguments args = new Arguments(List.of("--times=3", "OrderFunction"));
 * while (args.next()) {
 *   switch (args.option()) {
 *     case "--times" -> times = Integer.parseInt(args.value());
 *     default -> function = args.option();
 *   }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one parse at a time.
 */
final class Arguments {
  private final List<String> args;
  private int index = -1;
  private String option;
  private String inlineValue;

  Arguments(List<String> args) {
    this.args = args;
  }

  /**
   * @return true when there is another argument, now the current one
   */
  boolean next() {
    index++;
    if (index >= args.size()) {
      return false;
    }
    String arg = args.get(index);
    int eq = arg.indexOf('=');
    if (arg.startsWith("--") && eq > 0) {
      option = arg.substring(0, eq);
      inlineValue = arg.substring(eq + 1);
    } else {
      option = arg;
      inlineValue = null;
    }
    return true;
  }

  /**
   * @return the current argument, without an {@code =value}
   */
  String option() {
    return option;
  }

  /**
   * @return the current option's value
   * @throws LocalInvokeException when there is none
   */
  String value() throws LocalInvokeException {
    if (inlineValue != null) {
      return inlineValue;
    }
    if (index + 1 >= args.size()) {
      throw new LocalInvokeException(option + " needs a value");
    }
    return args.get(++index);
  }

  /**
   * @return the current option's value, an identifier name
   * @throws LocalInvokeException when there is none, or it is blank
   */
  String identifier() throws LocalInvokeException {
    String name = value();
    if (name.isBlank()) {
      throw new LocalInvokeException(option + " needs an identifier name");
    }
    return name;
  }

  /**
   * @return true for {@code json}, false for {@code text}
   * @throws LocalInvokeException for anything else
   */
  boolean jsonOrText() throws LocalInvokeException {
    String format = value();
    return switch (format) {
      case "text" -> false;
      case "json" -> true;
      default ->
          throw new LocalInvokeException(option + " must be text or json, not '" + format + "'");
    };
  }

  /**
   * @param min the lowest value allowed
   * @param minIncluded whether {@code min} itself is allowed
   * @param max the highest value allowed
   * @param maxIncluded whether {@code max} itself is allowed
   * @return the current option's value, a finite decimal number in the range
   * @throws LocalInvokeException when there is none, or it is not such a number
   */
  double number(double min, boolean minIncluded, double max, boolean maxIncluded)
      throws LocalInvokeException {
    String text = value();
    double number;
    try {
      // BigDecimal, not Double.parseDouble: it refuses "NaN", "Infinity", "0x1p3" and "1d".
      number = new java.math.BigDecimal(text.strip()).doubleValue();
    } catch (NumberFormatException e) {
      number = Double.NaN;
    }
    boolean aboveMin = minIncluded ? number >= min : number > min;
    boolean belowMax = maxIncluded ? number <= max : number < max;
    if (!(aboveMin && belowMax && Double.isFinite(number))) {
      String range =
          (minIncluded ? "at least " : "above ")
              + plain(min)
              + (Double.isInfinite(max)
                  ? ""
                  : (maxIncluded ? " and at most " : " and below ") + plain(max));
      throw new LocalInvokeException(
          option + " must be a number " + range + ", not '" + text + "'");
    }
    return number;
  }

  private static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /**
   * @return true when the current argument looks like an option that no case took
   */
  boolean isUnknownOption() {
    return option.startsWith("-") && !option.equals("-");
  }
}
