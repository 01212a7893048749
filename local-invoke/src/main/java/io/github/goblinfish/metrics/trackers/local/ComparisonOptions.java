package io.github.goblinfish.metrics.trackers.local;

import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How two sets of invocations are judged: {@code --alpha A}, the significance level of each test,
 * and {@code --fail-if-slower P}, the slowdown that makes the command exit with 3.
 *
 * <pre>{@code
 * @Mixin ComparisonOptions judging;
 * ...
 * Comparison comparison = Comparison.of(before, after, judging.alpha());
 * }</pre>
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run.
 */
final class ComparisonOptions {
  /** The significance level when {@code --alpha} is not given. */
  static final double DEFAULT_ALPHA = 0.05;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      converter = Alpha.class,
      description =
          "The significance level of each test, above 0 and below 1 (default: 0.05);"
              + " the interval's confidence is 1 - A.")
  private Double alpha;

  @Option(
      names = "--fail-if-slower",
      paramLabel = "PERCENT",
      converter = Percent.class,
      description =
          "Exit 3 when a step's median slowed by more than PERCENT (0 or more) and the"
              + " change is significant.")
  private Double failIfSlower;

  /**
   * @return {@code --alpha}, or 0.05
   */
  double alpha() {
    return alpha == null ? DEFAULT_ALPHA : alpha;
  }

  /**
   * @return {@code --fail-if-slower}, NaN when not given
   */
  double failIfSlower() {
    return failIfSlower == null ? Double.NaN : failIfSlower;
  }

  /**
   * @return the first of these options that was given, or null: they only mean something with a
   *     comparison
   */
  String given() {
    return alpha != null ? "--alpha" : failIfSlower != null ? "--fail-if-slower" : null;
  }

  /** {@code --alpha}: above 0 and below 1. */
  static final class Alpha implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double number = decimal(value);
      if (!(number > 0 && number < 1)) {
        throw new TypeConversionException(
            "must be a number above 0 and below 1, not '" + value + "'");
      }
      return number;
    }
  }

  /** {@code --fail-if-slower}: a finite percentage, 0 or more. */
  static final class Percent implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double number = decimal(value);
      if (!(number >= 0 && Double.isFinite(number))) {
        throw new TypeConversionException("must be a number at least 0, not '" + value + "'");
      }
      return number;
    }
  }

  /** A decimal number, NaN for anything else. */
  private static double decimal(String text) {
    try {
      // BigDecimal, not Double.parseDouble: it refuses "NaN", "Infinity", "0x1p3" and "1d".
      return new BigDecimal(text.strip()).doubleValue();
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
