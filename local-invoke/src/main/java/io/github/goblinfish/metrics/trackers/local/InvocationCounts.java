package io.github.goblinfish.metrics.trackers.local;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * How many times to invoke a function: {@code --times N} in one runtime process, or {@code
 * --cold-starts N} each in a new one, never both.
 *
 * <pre>{@code
 * @Mixin InvocationCounts counts;
 * ...
 * counts.check(concurrency > 0); // before anything runs
 * }</pre>
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run.
 */
final class InvocationCounts {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(
      names = "--times",
      paramLabel = "N",
      converter = PositiveWholeNumber.class,
      description =
          "Invocations in one runtime process, the first cold (default: 1; for ab, 20 per"
              + " side, spread over --runtimes).")
  private int times;

  @Option(
      names = "--cold-starts",
      paramLabel = "N",
      converter = PositiveWholeNumber.class,
      description =
          "N fresh cold starts, a new runtime process for each one invocation, then the"
              + " p50 and p90 of each part of the start (for ab, N pairs); not with --times or"
              + " --concurrency.")
  private int coldStarts;

  /**
   * @return {@code --times}, 0 when not given
   */
  int times() {
    return times;
  }

  /**
   * @return {@code --cold-starts}, 0 when not given
   */
  int coldStarts() {
    return coldStarts;
  }

  /**
   * @param concurrent whether invocations were asked to run at once as well
   * @throws ParameterException (a usage error) when {@code --cold-starts} comes with either
   */
  void check(boolean concurrent) {
    if (coldStarts > 0 && (times > 0 || concurrent)) {
      throw new ParameterException(
          command.commandLine(),
          "--cold-starts runs one invocation in each new runtime process:"
              + " not with --times or --concurrency");
    }
  }

  /** A count: a whole number, 1 or more. */
  static final class PositiveWholeNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value);
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("needs a positive whole number, not '" + value + "'");
    }
  }
}
