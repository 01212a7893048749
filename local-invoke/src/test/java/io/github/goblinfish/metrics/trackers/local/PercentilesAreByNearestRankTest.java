package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The summaries' percentiles: nearest rank, always a measured value. */
class PercentilesAreByNearestRankTest {
  private static double[] oneTo(int n) {
    return IntStream.rangeClosed(1, n).mapToDouble(i -> i).toArray();
  }

  @Test
  void oneToAHundredGivesTheRankItself() {
    NearestRank values = NearestRank.of(oneTo(100));
    assertEquals(50.0, values.percentile(50));
    assertEquals(90.0, values.percentile(90));
    assertEquals(99.0, values.percentile(99));
    assertEquals(100.0, values.percentile(100));
    assertEquals(1.0, values.percentile(1));
    assertEquals(100.0, values.max());
    assertEquals(100, values.count());
  }

  @Test
  void twentyValuesRoundTheRankUp() {
    // ⌈50 × 20 / 100⌉ = 10, ⌈90 × 20 / 100⌉ = 18, ⌈99 × 20 / 100⌉ = 20
    NearestRank values = NearestRank.of(oneTo(20));
    assertEquals(10.0, values.percentile(50));
    assertEquals(18.0, values.percentile(90));
    assertEquals(20.0, values.percentile(99));
  }

  @Test
  void aThousandValuesSeparateP99FromTheMax() {
    NearestRank values = NearestRank.of(oneTo(1000));
    assertEquals(500.0, values.percentile(50));
    assertEquals(900.0, values.percentile(90));
    assertEquals(990.0, values.percentile(99));
    assertEquals(1000.0, values.max());
  }

  @Test
  void oneValueIsEveryPercentile() {
    NearestRank values = NearestRank.of(new double[] {7.5});
    assertEquals(7.5, values.percentile(1));
    assertEquals(7.5, values.percentile(50));
    assertEquals(7.5, values.percentile(99));
    assertEquals(7.5, values.max());
  }

  @Test
  void orderOfArrivalDoesNotMatterAndTheInputIsNotChanged() {
    double[] input = {5, 1, 4, 2, 3};
    NearestRank values = NearestRank.of(input);
    assertEquals(3.0, values.percentile(50));
    assertEquals(5.0, values.percentile(90));
    assertEquals("[5.0, 1.0, 4.0, 2.0, 3.0]", Arrays.toString(input));
  }

  @Test
  void noValuesOrAPercentOutsideOneToAHundredIsRefused() {
    assertEquals(
        "percentiles need at least one value",
        assertThrows(IllegalArgumentException.class, () -> NearestRank.of(new double[0]))
            .getMessage());
    NearestRank values = NearestRank.of(oneTo(3));
    assertEquals(
        "percent must be from 1 to 100, not 0",
        assertThrows(IllegalArgumentException.class, () -> values.percentile(0)).getMessage());
    assertEquals(
        "percent must be from 1 to 100, not 101",
        assertThrows(IllegalArgumentException.class, () -> values.percentile(101)).getMessage());
  }

  /** The definition: the smallest measured value with at least p% of the values at or below it. */
  @Property(tries = 300)
  void thePercentileIsTheSmallestValueWithAtLeastThatShareAtOrBelowIt(
      @ForAll @Size(min = 1, max = 300) double[] raw,
      @ForAll @IntRange(min = 1, max = 100) int percent) {
    double[] values = Arrays.stream(raw).map(v -> Double.isNaN(v) ? 0 : v).toArray();
    double p = NearestRank.of(values).percentile(percent);
    long atOrBelow = Arrays.stream(values).filter(v -> v <= p).count();
    long below = Arrays.stream(values).filter(v -> v < p).count();
    assertTrue(Arrays.stream(values).anyMatch(v -> v == p), "a measured value");
    assertTrue(atOrBelow * 100 >= (long) percent * values.length, "at least p% at or below");
    assertTrue(below * 100 < (long) percent * values.length, "fewer than p% below");
  }

  @Property(tries = 100)
  void percentilesNeverDecreaseAndNeverExceedTheMax(
      @ForAll @Size(min = 1, max = 200) double[] raw) {
    double[] values = Arrays.stream(raw).map(v -> Double.isNaN(v) ? 0 : v).toArray();
    NearestRank ranks = NearestRank.of(values);
    double previous = Double.NEGATIVE_INFINITY;
    for (int percent = 1; percent <= 100; percent++) {
      double p = ranks.percentile(percent);
      assertTrue(p >= previous);
      assertTrue(p <= ranks.max());
      previous = p;
    }
    assertEquals(ranks.max(), ranks.percentile(100));
  }
}
