package io.github.goblinfish.metrics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedDeltaTest {
  @Test
  void aConstantDifferenceHasThatDifferenceAsItsWholeInterval() {
    PairedDelta delta = PairedDelta.of(List.of(510.0, 620.0, 480.0), List.of(505.0, 615.0, 475.0));
    assertEquals("+5.0 ms (95%: +5.0 to +5.0)", delta.describe());
  }

  @Test
  void samplesArePairedByRoundUpToTheShorterList() {
    PairedDelta delta = PairedDelta.of(List.of(1.0, 2.0, 3.0, 100.0), List.of(0.0, 0.0, 0.0));
    assertEquals(3, delta.rounds);
    assertEquals(2.0, delta.median);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, PairedDelta.median(new double[] {4, 1, 3, 2}));
    assertEquals(2.5, PairedDelta.median(List.of(4.0, 1.0, 3.0, 2.0)));
    assertEquals(3.0, PairedDelta.median(List.of(5.0, 3.0, 1.0)));
  }

  @Test
  void theIntervalHoldsTheMedianWithinTheDifferencesAndRepeatsExactly() {
    PairedDelta delta = spreadFrom0To100();
    assertEquals(50.0, delta.median);
    assertTrue(
        delta.low >= 0 && delta.low < 50 && delta.high > 50 && delta.high <= 100, delta.describe());
    assertEquals(delta.describe(), spreadFrom0To100().describe());
  }

  @Test
  void aRoundNotMeasuredOnEitherSideIsLeftOut() {
    PairedDelta delta =
        PairedDelta.of(List.of(10.0, Double.NaN, 30.0, 40.0), List.of(0.0, 0.0, Double.NaN, 0.0));
    assertEquals(2, delta.rounds);
    assertEquals(25.0, delta.median);
  }

  @Test
  void noRoundDescribesAsUnknown() {
    PairedDelta delta = PairedDelta.of(List.of(), List.of(1.0));
    assertEquals("?", delta.describe());
    assertEquals(0, delta.rounds);
  }

  @Test
  void aTargetIsMetOnlyWhenTheWholeIntervalIsWithinIt() {
    assertEquals("met", constant(15.0).verdict(15));
    assertEquals("not met", constant(15.1).verdict(15));
    PairedDelta spread = spreadFrom0To100();
    assertTrue(spread.low < 50 && spread.high > 50, spread.describe());
    assertEquals("undecided", spread.verdict(50));
    assertEquals("met", spread.verdict(spread.high));
    assertEquals("not met", spread.verdict(spread.low - 0.1));
  }

  @Test
  void noMeasuredRoundDecidesNothing() {
    PairedDelta none = PairedDelta.of(List.of(Double.NaN), List.of(500.0));
    assertEquals("undecided", none.verdict(15));
  }

  /** 101 rounds whose differences are 0 to 100 ms, each once, in a scrambled order. */
  private static PairedDelta spreadFrom0To100() {
    List<Double> samples = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      samples.add(500.0 + (i * 37 % 101));
      baseline.add(500.0);
    }
    return PairedDelta.of(samples, baseline);
  }

  private static PairedDelta constant(double difference) {
    return PairedDelta.of(List.of(500.0 + difference, 600.0 + difference), List.of(500.0, 600.0));
  }
}
