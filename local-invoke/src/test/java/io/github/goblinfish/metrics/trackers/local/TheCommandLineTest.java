package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one command line: {@code invoke} at the top and as a command, {@code report}, {@code compare}
 * and {@code help}; each command's generated help; usage errors as one line, the usage of the
 * command they happened in, and exit code 2.
 */
class TheCommandLineTest {
  private static final String LINES = "src/test/resources/report/lines.log";
  private static final String INSIGHTS = "src/test/resources/report/insights.csv";

  @TempDir Path dir;

  private static CommandRun run(String... args) {
    return CommandRun.of(null, List.of(args));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--help|",
        "-h|",
        "help|",
        "invoke --help|invoke",
        "help invoke|invoke",
        "report --help|report",
        "report -h|report",
        "help report|report",
        "compare --help|compare",
        "help compare|compare"
      })
  void eachCommandsHelpPrintsItsGeneratedUsageAndExitsZero(String args, String command) {
    CommandRun run = run(args.split(" "));
    String[] path = command == null ? new String[0] : new String[] {command};
    assertEquals(new CommandRun(0, CommandRun.usage(path), ""), run);
    assertTrue(
        run.out().startsWith("Usage: invoke" + (command == null ? "" : " " + command) + " ["),
        run.out());
  }

  @Test
  void versionPrintsTheProjectsVersion() {
    CommandRun run = run("--version");
    assertEquals(0, run.exitCode());
    assertTrue(
        run.out().matches("tracker-lambda local invoke \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"),
        run.out());
    assertEquals("", run.err());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "|--bogus|unknown option --bogus",
        "|Fn --times=3 --bogus=1|unknown option --bogus=1",
        "report|report --bogus|unknown option --bogus",
        "compare|compare a.log b.log --bogus|unknown option --bogus",
        "|--alpha 0.1|unknown option --alpha",
        "|Fn -e|--event needs a value",
        "|Fn --times|--times needs a value",
        "report|report a.log --by|--by needs a value",
        "|Fn --times zero|--times needs a positive whole number, not 'zero'",
        "|Fn --times=-1|--times needs a positive whole number, not '-1'",
        "|Fn --concurrency 1.5|--concurrency needs a positive whole number, not '1.5'",
        "|Fn --cold-starts 99999999999|"
            + "--cold-starts needs a positive whole number, not '99999999999'",
        "|A B|only one function per run (got A and B)",
        "|Fn --summary xml|--summary must be text or json, not 'xml'",
        "compare|compare a.log b.log --summary=JSON|--summary must be text or json, not 'JSON'",
        "|Fn --log-format xml|--log-format must be Text or JSON, not 'xml'",
        "|Fn --init-type cold|--init-type must be one of on-demand, provisioned-concurrency,"
            + " snap-start, lambda-managed-instances, not 'cold'",
        "report|report a.log --by=|--by needs an identifier name",
        "compare|compare a.log|missing required parameter: 'AFTER'",
        "compare|compare a.log b.log c.log|unmatched argument at index 3: 'c.log'",
        "compare|compare - -|only one of BEFORE and AFTER can be standard input",
        "compare|compare a.log b.log --alpha 1|--alpha must be a number above 0 and below 1,"
            + " not '1'",
        "|Fn report|the command report goes first; to run a function called report, name it"
            + " after the invoke command: invoke invoke report ...",
        "|Fn --html -|--html writes a file, not standard output: name one (./- for a file named -)",
        "report|report a.log --html -|--html writes a file, not standard output: name one (./- for"
            + " a file named -)",
        "compare|compare a.log b.log --html -|--html writes a file, not standard output: name"
            + " one (./- for a file named -)",
      })
  void aUsageErrorIsOneLineThenTheUsageOfItsCommandAndExitsTwo(
      String command, String args, String message) {
    CommandRun run = run(args.split(" "));
    String[] path = command == null ? new String[0] : new String[] {command};
    assertEquals(
        new CommandRun(2, "", "error: " + message + "\n" + CommandRun.hint(path)), run, args);
  }

  @Test
  void anOptionsValueMayBeACommandsName() {
    for (String name : List.of("invoke", "report", "compare", "help")) {
      CommandRun expected =
          new CommandRun(
              2, "", "error: template no-such.yaml not found (use --template to point at one)\n");
      assertEquals(expected, run("Fn", "--template", "no-such.yaml", "--by", name));
      assertEquals(expected, run("Fn", "--template", "no-such.yaml", "-e", name));
      assertEquals(expected, run("Fn", "--template", "no-such.yaml", "--by=" + name));
    }
  }

  @Test
  void aPathTheFileSystemCannotNameIsAUsageError() {
    for (String option : List.of("--template", "--code-uri")) {
      assertEquals(
          new CommandRun(
              2,
              "",
              "error: " + option + " needs a valid path, not 'a\\u0000b'\n" + CommandRun.hint()),
          run("Fn", option, "a\u0000b"));
    }
    for (String option : List.of("--before", "--after")) {
      assertEquals(
          new CommandRun(
              2,
              "",
              "error: "
                  + option
                  + " needs a valid path, not 'a\\u0000b'\n"
                  + CommandRun.hint("ab")),
          run("ab", "Fn", option, "a\u0000b"));
    }
  }

  @Test
  void anArgumentStartingWithAnAtSignIsAFileNameNotAFileOfArguments() {
    assertEquals(
        new CommandRun(2, "", "error: file @" + LINES + " not found\n"),
        run("report", "@" + LINES));
  }

  @Test
  void helpOfAnUnknownCommandIsAUsageError() {
    assertEquals(
        new CommandRun(2, "", "error: unknown subcommand 'bogus'.\n" + CommandRun.hint()),
        run("help", "bogus"));
  }

  @Test
  void anUnexpectedFailureIsOneLineAndExitsOneWithoutAStackTrace() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    UsageErrors errors =
        new UsageErrors(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    int exit =
        errors.handleExecutionException(
            new IllegalStateException("broken\n\tat Somewhere"), null, null);
    assertEquals(1, exit);
    assertEquals(
        "error: java.lang.IllegalStateException: broken\\n\\tat Somewhere\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aControlCharacterInAnArgumentIsPrintedAsAnEscape() {
    CommandRun run = run("--bo\u001b[2Jgus");
    assertEquals(
        new CommandRun(2, "", "error: unknown option --bo\\u001b[2Jgus\n" + CommandRun.hint()),
        run);
  }

  @Test
  void compareAndReportCompareGiveTheSameOutput() {
    for (List<String> options :
        List.of(
            List.<String>of(),
            List.of("--summary", "json"),
            List.of("--by", "function_name", "--alpha", "0.2", "--fail-if-slower", "0"))) {
      List<String> compare = new ArrayList<>(List.of("compare", LINES, INSIGHTS));
      compare.addAll(options);
      List<String> reportCompare = new ArrayList<>(List.of("report", "--compare", LINES, INSIGHTS));
      reportCompare.addAll(options);
      CommandRun viaCompare = CommandRun.of(null, compare);
      assertTrue(
          viaCompare.out().startsWith("Step changes from " + LINES)
              || viaCompare.out().startsWith("{"),
          viaCompare.out());
      assertEquals(viaCompare, CommandRun.of(null, reportCompare), options.toString());
    }
  }

  @Test
  void aFunctionRunsTheSameWithOrWithoutTheInvokeCommand() {
    List<String> args =
        List.of("LogBytes", "-e", "-", "--quiet", "--template", Fixtures.template().toString());
    List<String> withCommand = new ArrayList<>(List.of("invoke"));
    withCommand.addAll(args);
    byte[] event = "{}".getBytes(StandardCharsets.UTF_8);
    CommandRun top = CommandRun.of(event, args);
    assertEquals(new CommandRun(0, "\"ok\"\n", ""), top);
    assertEquals(top, CommandRun.of(event, withCommand));
  }

  @Test
  void aFunctionNamedLikeACommandIsNamedAfterTheInvokeCommand() throws Exception {
    Path template = dir.resolve("template.yaml");
    Files.writeString(
        template,
        """
        Resources:
          report:
            Type: AWS::Serverless::Function
            Properties:
              Handler: io.github.goblinfish.metrics.trackers.local.fixtures.TestFunctions::logBytes
              CodeUri: %s
        """
            .formatted(Fixtures.testClasses()));
    byte[] event = "{}".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new CommandRun(0, "\"ok\"\n", ""),
        CommandRun.of(event, List.of("invoke", "report", "-q", "--template", template.toString())));
    // At the top, the name is the command's.
    assertEquals(
        new CommandRun(2, "", "error: unknown option -q\n" + CommandRun.hint("report")),
        CommandRun.of(event, List.of("report", "-q", "--template", template.toString())));
  }
}
