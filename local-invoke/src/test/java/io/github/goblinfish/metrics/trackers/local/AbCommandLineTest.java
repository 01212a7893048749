package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./invoke ab}'s bad command lines: each is exit 2 with one {@code error:} line first,
 * before anything runs (none of these starts a runtime).
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
        "ab Greet -t src/test/resources/template.yaml --before no-such.yaml"
            + " | error: template no-such.yaml not found (use --template to point at one)",
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
}
