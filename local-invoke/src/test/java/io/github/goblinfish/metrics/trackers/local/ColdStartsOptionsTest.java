package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --cold-starts N} is refused, with exit code 2, when N is not a run of cold starts. */
class ColdStartsOptionsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--cold-starts 0|error: --cold-starts needs a positive whole number, not '0'",
        "--cold-starts x|error: --cold-starts needs a positive whole number, not 'x'",
        "--cold-starts 2 --times 3|error: --cold-starts runs one invocation in each new runtime"
            + " process: not with --times or --concurrency",
        "--concurrency 2 --cold-starts 2|error: --cold-starts runs one invocation in each new"
            + " runtime process: not with --times or --concurrency"
      })
  void aColdStartsThatIsNotARunOfFreshProcessesIsAUsageError(String args, String error) {
    CommandRun run = CommandRun.of(new byte[0], List.of(args.split(" ")));
    assertEquals(2, run.exitCode());
    assertEquals("", run.out());
    assertEquals(error + "\n" + CommandRun.hint(), run.err());
  }
}
