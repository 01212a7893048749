package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The p-values of {@code --compare} against scipy.stats.mannwhitneyu, recorded in {@code
 * compare/mann-whitney.json} by {@code compare/reference.py}: the exact p-value for samples without
 * ties, the normal approximation (tie and continuity corrections) for every case, ties included.
 */
class SignificanceMatchesTheReferenceTest {
  private static final double CLOSE = 1e-12;

  static JsonArray cases(String resource) throws Exception {
    try (Reader in =
        new InputStreamReader(
            SignificanceMatchesTheReferenceTest.class.getResourceAsStream("/compare/" + resource),
            StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(in).getAsJsonObject().getAsJsonArray("cases");
    }
  }

  static double[] values(JsonObject c, String side) {
    JsonArray array = c.getAsJsonArray(side);
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).getAsDouble();
    }
    return values;
  }

  static Stream<Arguments> mannWhitney() throws Exception {
    List<Arguments> all = new ArrayList<>();
    for (JsonElement e : cases("mann-whitney.json")) {
      all.add(Arguments.of(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mannWhitney")
  void theExactAndApproximatePValuesAreScipys(String name, JsonObject c) {
    double[] before = values(c, "before");
    double[] after = values(c, "after");
    double asymptotic =
        MannWhitneyUTest.withDefaults()
            .with(PValueMethod.ASYMPTOTIC)
            .test(before, after)
            .getPValue();
    double expected = c.get("asymptoticP").getAsDouble();
    // Samples of one same value have no variance: the library says NaN, scipy 1.
    if (!Double.isNaN(asymptotic) || expected != 1.0) {
      assertEquals(expected, asymptotic, expected * CLOSE, name);
    }
    if (!c.get("exactP").isJsonNull()) {
      double exact =
          MannWhitneyUTest.withDefaults().with(PValueMethod.EXACT).test(before, after).getPValue();
      double expectedExact = c.get("exactP").getAsDouble();
      assertEquals(expectedExact, exact, expectedExact * CLOSE, name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mannWhitney")
  void compareTakesTheExactPValueForSmallSamplesWithoutTiesAndTheApproximationOtherwise(
      String name, JsonObject c) {
    double[] before = values(c, "before");
    double[] after = values(c, "after");
    Significance s = Significance.of(Summary.Stats.of(before), Summary.Stats.of(after), 0.05);
    int m = before.length;
    int n = after.length;
    boolean exact = !c.get("ties").getAsBoolean() && Math.max(m, n) < 50;
    // Too few: even samples completely apart could not reach p < 0.05.
    if (2 / binomial(m + n, m) >= 0.05) {
      assertTrue(s.tooFew(), name);
      assertEquals(4, s.neededPerSide(), name);
      assertTrue(Double.isNaN(s.p()), name);
      return;
    }
    double expected = c.get(exact ? "exactP" : "asymptoticP").getAsDouble();
    assertEquals(expected, s.p(), expected * CLOSE, name);
    assertEquals(expected < 0.05, s.significant(), name);
  }

  private static double binomial(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }
}
