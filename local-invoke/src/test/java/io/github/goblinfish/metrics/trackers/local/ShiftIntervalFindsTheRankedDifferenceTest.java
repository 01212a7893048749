package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/**
 * The interval's ends are found without storing the m × n differences; they are exactly the ones
 * found by sorting them all, whatever the values: negative, zero, tied, far apart.
 */
class ShiftIntervalFindsTheRankedDifferenceTest {
  @Property(tries = 300)
  void theEndsAreTheRankedDifferencesOfAllPairs(
      @ForAll @Size(min = 4, max = 40) List<@DoubleRange(min = -1e6, max = 1e6) Double> before,
      @ForAll @Size(min = 4, max = 40) List<@DoubleRange(min = -1e6, max = 1e6) Double> after) {
    double[] x = before.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] y = after.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] differences = new double[x.length * y.length];
    int i = 0;
    for (double b : x) {
      for (double a : y) {
        differences[i++] = a - b;
      }
    }
    Arrays.sort(differences);
    long k = ShiftInterval.rank(x.length, y.length, 0.05);
    assertArrayEquals(
        new double[] {
          differences[(int) k - 1] + 0.0, differences[differences.length - (int) k] + 0.0
        },
        ShiftInterval.of(x, y, 0.05));
  }

  @Property(tries = 100)
  void tiedValuesAndZerosToo(
      @ForAll @Size(min = 4, max = 30) List<@DoubleRange(min = -2, max = 2) Double> before,
      @ForAll @Size(min = 4, max = 30) List<@DoubleRange(min = -2, max = 2) Double> after) {
    theEndsAreTheRankedDifferencesOfAllPairs(
        before.stream().map(d -> (double) Math.round(d)).toList(),
        after.stream().map(d -> (double) Math.round(d)).toList());
  }
}
