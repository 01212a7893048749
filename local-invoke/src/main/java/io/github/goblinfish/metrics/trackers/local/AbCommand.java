package io.github.goblinfish.metrics.trackers.local;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./invoke ab FUNCTION -e EVENT --before PATH --after PATH}: two builds of one function run
 * side by side under the same load, their invocations alternated, then compared as {@code compare}
 * compares saved lines ({@link SideBySide}).
 *
 * <pre>
 *   ./invoke ab ApiGatewayFunction -e events/api-gateway-get-order.json --before old-build
 * </pre>
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run.
 */
@Command(
    name = "ab",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    sortOptions = false,
    description = {
      "Runs two builds of one function side by side under the same load, their invocations"
          + " alternated (ABBA, one at a time), each side in its own runtimes, then compares them"
          + " as compare does."
    },
    footerHeading = "%n",
    footer = {
      "A PATH is a SAM template (.yaml, .yml or .json) whose function of the same id runs, or"
          + " the function's code (a folder of classes and lib/, a .jar or a .zip) in place of its"
          + " CodeUri in -t's template. A side left out is the function as -t's template has it"
          + " (with --code-uri's code, when given)."
          + " With --times, each invocation's REPORT line follows, in the order they ran, then"
          + " the comparison."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every invocation succeeded, and no gate failed",
      "1:an invocation failed or a side wrote no tracker line",
      "2:a usage or input error, before anything runs",
      "3:slower than --fail-if-slower allows"
    })
final class AbCommand implements Callable<Integer> {
  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;

  @Spec private CommandSpec command;

  @Mixin private FunctionOptions function;

  @Option(
      names = "--before",
      paramLabel = "PATH",
      converter = FunctionOptions.PathName.class,
      description = "The build before the change: a template, or the function's code.")
  private Path before;

  @Option(
      names = "--after",
      paramLabel = "PATH",
      converter = FunctionOptions.PathName.class,
      description = "The build after the change: a template, or the function's code.")
  private Path after;

  @Mixin private InvocationCounts counts;

  @Option(
      names = "--runtimes",
      paramLabel = "R",
      converter = InvocationCounts.PositiveWholeNumber.class,
      description =
          "Spreads each side's --times invocations over R runtimes, one fresh pair after the"
              + " other (default: 4; at least one invocation each): each runtime has its own"
              + " speed, which one runtime per side takes for a change.")
  private int runtimes;

  @Mixin private OutputOptions output;

  @Mixin private ComparisonOptions judging;

  /**
   * @param stdin standard input when it is piped, else null
   * @param out where the sides, REPORT lines and comparison go
   * @param err where warnings and errors go
   */
  AbCommand(InputStream stdin, PrintStream out, PrintStream err) {
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    String id = function.functionId();
    counts.check(false);
    if (before == null && after == null) {
      throw new ParameterException(command.commandLine(), "ab needs --before or --after, or both");
    }
    // --code-uri is the code of a side left out, as it is the function's code for invoke.
    Path code = function.codeUri();
    if (code != null && before != null && after != null) {
      throw new ParameterException(
          command.commandLine(),
          "--code-uri is the code of a side left out: not with both --before and --after");
    }
    return SideBySide.run(
        new AbSpec(
            id,
            function.eventFile(),
            function.template(),
            before == null ? code : before,
            before == null || after != null ? after : code,
            function.logFormat(),
            function.initType(),
            counts.times(),
            counts.coldStarts(),
            runtimes,
            output.by(),
            output.json(),
            judging.alpha(),
            judging.failIfSlower(),
            output.html()),
        stdin,
        out,
        err);
  }
}
