package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda's limits on a function built in code, which no template check has seen. */
class LambdaLimitsTest {
  private static final Path ROOT = Path.of("classes");

  private static String refusal(FunctionSpec fn) {
    return assertThrows(LocalInvokeException.class, () -> LambdaLimits.check(fn)).getMessage();
  }

  @Test
  void valuesThatAreNotUnicodeTextAreRefused() {
    FunctionSpec fn =
        FunctionSpec.of("Fn", "a.B", ROOT, List.of(ROOT))
            .withEnvironment(Map.of("LONE", "x\ud800y"));
    assertEquals("function 'Fn': environment variable LONE is not valid Unicode text", refusal(fn));
  }

  @Test
  void timeoutsAndMemorySizesOutsideLambdasRangesAreRefused() {
    FunctionSpec fn = FunctionSpec.of("Fn", "a.B", ROOT, List.of(ROOT));
    assertEquals(
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not PT1.5S",
        refusal(fn.withTimeout(Duration.ofMillis(1500))));
    assertEquals(
        "function 'Fn': Timeout must be a whole number of seconds from 1 to 900, not PT15M1S",
        refusal(fn.withTimeout(Duration.ofSeconds(901))));
    assertEquals(
        "function 'Fn': MemorySize must be a whole number of MB from 128 to 10240, not '127'",
        refusal(fn.withMemoryMb(127)));
  }

  @Test
  void theLimitsThemselvesAreAccepted() throws Exception {
    Map<String, String> env = Map.of("AB", "v".repeat(4094));
    LambdaLimits.check(
        FunctionSpec.of("Fn", "a.B", ROOT, List.of(ROOT))
            .withTimeout(Duration.ofSeconds(900))
            .withMemoryMb(10_240)
            .withEnvironment(env));
    LambdaLimits.check(
        FunctionSpec.of("Fn", "a.B", ROOT, List.of(ROOT))
            .withTimeout(Duration.ofSeconds(1))
            .withMemoryMb(128));
  }
}
