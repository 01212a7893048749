package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./invoke ab}'s command lines: how many runtimes a side gets, and the bad ones: each is
 * exit 2 with one {@code error:} line first, before anything runs (none of these starts a runtime).
 */
class AbCommandLineTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ab Greet | error: ab needs --before or --after, or both",
        "ab Greet --before a --after b --code-uri c"
            + " | error: --code-uri is the code of a side left out: not with both --before and"
            + " --after",
        "ab Greet --before a --times 3 --cold-starts 2"
            + " | error: --cold-starts runs one invocation in each new runtime process: not with"
            + " --times or --concurrency",
        "ab Greet --before a --cold-starts 2 --runtimes 2"
            + " | error: --runtimes spreads --times over several runtimes: not with --cold-starts",
        "ab Greet --before a --runtimes 21"
            + " | error: --runtimes 21 is more than the 20 invocations per side: each runtime"
            + " needs one at least",
        "ab Greet --before a --runtimes 0"
            + " | error: --runtimes needs a positive whole number, not '0'",
        "ab Greet --before a --times 3"
            + " | error: --times 3 is fewer than the 4 runtimes per side that ab starts by default:"
            + " each runtime needs one invocation at least (give --runtimes 3 or fewer)",
        "ab Greet --before a --times 3 --runtimes 4"
            + " | error: --runtimes 4 is more than the 3 invocations per side: each runtime needs"
            + " one at least",
        "ab Greet -t src/test/resources/template.yaml --before no-such.yaml"
            + " | error: --before template no-such.yaml not found",
        "ab Greet -t src/test/resources/template.yaml --after no-such.yml"
            + " | error: --after template no-such.yml not found",
        "ab Greet -t src/test/resources/template.yaml --before src/test/resources --after"
            + " no-such.json | error: --after template no-such.json not found",
        "ab Greet -t no-such-template.yaml --before src/test/resources"
            + " | error: template no-such-template.yaml not found (use --template to point at one)",
        "ab NoSuchFunction -t src/test/resources/template.yaml --after src/test/resources"
            + " | error: function 'NoSuchFunction' not found in src/test/resources/template.yaml;"
            + " known functions: LogBytes, LogString, PrintLines, Fail, Sleep, Greet, SlowEcho,"
            + " Missing, BrokenInit, Exit, PrintUnbroken, LogHuge, BreakTelemetry, SpawnSleep,"
            + " SleepLong, Env, BigResponse",
      })
  void aBadAbCommandLineIsAUsageErrorBeforeAnythingRuns(String args, String error) {
    CommandRun run = CommandRun.of(null, List.of(args.split(" ")));
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(error, run.err().lines().findFirst().orElse(""), run.err());
    assertEquals("", run.out());
  }

  @Test
  void withoutTimesOrRuntimesEachSidesTwentyInvocationsAreSpreadOverFourRuntimes()
      throws Exception {
    AbSpec spec = warm(0, 0);
    spec.check();
    assertArrayEquals(new int[] {5, 5, 5, 5}, spec.perRuntime());
  }

  @Test
  void runtimesOneKeepsEachSideInOneRuntime() throws Exception {
    AbSpec spec = warm(3, 1);
    spec.check();
    assertArrayEquals(new int[] {3}, spec.perRuntime());
  }

  /** A warm run of old code against the template's, {@code 0} for an option left out. */
  private static AbSpec warm(int times, int runtimes) {
    return new AbSpec(
        null,
        null,
        Path.of("template.yaml"),
        Path.of("old"),
        null,
        null,
        null,
        times,
        0,
        runtimes,
        null,
        false,
        0.05,
        Double.NaN,
        null);
  }
}
