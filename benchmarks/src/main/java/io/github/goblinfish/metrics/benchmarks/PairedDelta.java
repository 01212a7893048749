package io.github.goblinfish.metrics.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The cost of a function against the bare handler, from samples taken round by round: the median of
 * the per-round differences, with a 95% bootstrap interval of that median. The interval shows how
 * far the machine's noise leaves the figure uncertain; its resampling uses a fixed seed, so the
 * same samples always give the same report.
 *
 * <pre>{@code
 * PairedDelta delta = PairedDelta.of(trackerSamples, bareSamples);
 * String shown = delta.describe(); // "+12.3 ms (95%: +7.0 to +16.1)"
 * String verdict = delta.verdict(15); // "undecided": the interval spans 15 ms
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class PairedDelta {
  /** How many resamples the interval comes from. */
  static final int RESAMPLES = 4000;

  private static final long SEED = 20261201L;

  final double median;
  final double low;
  final double high;
  final int rounds;

  private PairedDelta(double median, double low, double high, int rounds) {
    this.median = median;
    this.low = low;
    this.high = high;
    this.rounds = rounds;
  }

  /**
   * Pairs {@code samples} with {@code baseline} by round (the shorter list decides how many); a
   * round where either figure is NaN (not measured) is left out.
   *
   * @param samples the function's samples, one per round
   * @param baseline the bare handler's samples of the same rounds
   * @return the paired difference; NaN figures when no round is left
   */
  static PairedDelta of(List<Double> samples, List<Double> baseline) {
    double[] paired = new double[Math.min(samples.size(), baseline.size())];
    int rounds = 0;
    for (int i = 0; i < paired.length; i++) {
      double difference = samples.get(i) - baseline.get(i);
      if (!Double.isNaN(difference)) {
        paired[rounds++] = difference;
      }
    }
    if (rounds == 0) {
      return new PairedDelta(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] differences = java.util.Arrays.copyOf(paired, rounds);
    Random random = new Random(SEED);
    double[] medians = new double[RESAMPLES];
    double[] resample = new double[rounds];
    for (int r = 0; r < RESAMPLES; r++) {
      for (int i = 0; i < rounds; i++) {
        resample[i] = differences[random.nextInt(rounds)];
      }
      medians[r] = median(resample);
    }
    java.util.Arrays.sort(medians);
    return new PairedDelta(
        median(differences),
        medians[(int) Math.floor(0.025 * (RESAMPLES - 1))],
        medians[(int) Math.ceil(0.975 * (RESAMPLES - 1))],
        rounds);
  }

  /** The median of {@code values}: the middle one, or the mean of the middle two. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The same, for a list. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * Judges the cost against an upper limit by its interval, not its median alone: a median that a
   * noisy machine leaves uncertain on both sides of the limit says nothing either way.
   *
   * @param limitMillis the most the function may add
   * @return {@code met} when the whole interval is within the limit, {@code not met} when the whole
   *     interval is beyond it, {@code undecided} otherwise (and when no round was measured)
   */
  String verdict(double limitMillis) {
    if (high <= limitMillis) {
      return "met";
    }
    if (low > limitMillis) {
      return "not met";
    }
    return "undecided";
  }

  /**
   * @return e.g. {@code +12.3 ms (95%: +7.0 to +16.1)}
   */
  String describe() {
    if (rounds == 0) {
      return "?";
    }
    return String.format(
        java.util.Locale.ROOT, "%+.1f ms (95%%: %+.1f to %+.1f)", median, low, high);
  }
}
