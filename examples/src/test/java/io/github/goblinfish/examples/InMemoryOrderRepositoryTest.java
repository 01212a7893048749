package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's stand-in table waits only when ORDER_TABLE_LATENCY_MS asks it to. */
class InMemoryOrderRepositoryTest {
  @Test
  void withoutTheVariableALookupDoesNotWaitAndAValueIsMilliseconds() {
    assertEquals(0, InMemoryOrderRepository.latencyNanos(null));
    assertEquals(0, InMemoryOrderRepository.latencyNanos("0"));
    assertEquals(50_000, InMemoryOrderRepository.latencyNanos("0.05"));
    assertEquals(1_500_000, InMemoryOrderRepository.latencyNanos("1.5"));
  }

  @Test
  void aValueThatIsNotMillisecondsFromZeroToAMinuteIsRefusedByName() {
    for (String bad : List.of("-1", "abc", "NaN", "Infinity", "60001", "")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> InMemoryOrderRepository.latencyNanos(bad));
      assertEquals(
          "ORDER_TABLE_LATENCY_MS must be milliseconds from 0 to 60000, not '" + bad + "'",
          e.getMessage());
    }
  }
}
