package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interval of the shift against {@code compare/shift-interval.json}, written by {@code
 * compare/reference.py} from all m × n differences sorted, and a rank from scipy's exact
 * distribution of U (checked there against every order of the values for small samples) or from the
 * normal approximation.
 */
class ShiftIntervalMatchesTheReferenceTest {
  static Stream<Arguments> intervals() throws Exception {
    List<Arguments> all = new ArrayList<>();
    for (JsonElement e : SignificanceMatchesTheReferenceTest.cases("shift-interval.json")) {
      all.add(Arguments.of(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("intervals")
  void theIntervalIsTheReferences(String name, JsonObject c) {
    double[] before = SignificanceMatchesTheReferenceTest.values(c, "before");
    double[] after = SignificanceMatchesTheReferenceTest.values(c, "after");
    double alpha = c.get("alpha").getAsDouble();
    assertEquals(
        c.get("k").getAsLong(), ShiftInterval.rank(before.length, after.length, alpha), name);
    Arrays.sort(before);
    Arrays.sort(after);
    assertArrayEquals(
        new double[] {c.get("low").getAsDouble(), c.get("high").getAsDouble()},
        ShiftInterval.of(before, after, alpha),
        name);
  }
}
