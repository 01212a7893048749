package io.github.goblinfish.metrics.trackers.local;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reports what went wrong: always ONE line {@code error: <message>} on
 * standard error, never a stack trace. A usage error (exit 2) is followed by the synopsis of the
 * command it happened in and where its help is, so that the error stays in view; a {@link
 * LocalInvokeException} exits with its own code; anything else is a failure of the runner itself,
 * exit 1. Messages go through {@link TerminalText}: option values and names from a template can
 * hold control characters.
 *
 * <pre>{@code
 * UsageErrors errors = new UsageErrors(err);
 * commandLine.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
 * }</pre>
 *
 * <p>Thread-safe if its stream is: it holds nothing else.
 */
final class UsageErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  private final PrintStream err;

  /**
   * @param err where the error line and the usage go
   */
  UsageErrors(PrintStream err) {
    this.err = err;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    err.println("error: " + TerminalText.message(message(e)));
    err.print(hint(e.getCommandLine()));
    err.flush();
    return LocalInvokeException.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof LocalInvokeException problem) {
      err.println("error: " + TerminalText.message(problem.getMessage()));
      return problem.exitCode();
    }
    err.println("error: " + TerminalText.message(String.valueOf(e)));
    return 1;
  }

  /**
   * @param command the command a usage error happened in
   * @return its synopsis, then how to see its help: {@code Try 'invoke report --help' for more
   *     information.}
   */
  static String hint(CommandLine command) {
    CommandLine.Help help = command.getHelp();
    return help.synopsisHeading()
        + help.synopsis(help.synopsisHeadingLength())
        + "Try '"
        + command.getCommandSpec().qualifiedName()
        + " --help' for more information.\n";
  }

  /**
   * The one line for a usage error: an option's own words when a converter refused its value
   * ({@code --times needs a positive whole number, not 'zero'}), else picocli's, the same across
   * commands.
   */
  static String message(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched
        && unmatched.isUnknownOption()
        && !unmatched.getUnmatched().isEmpty()) {
      return "unknown option " + unmatched.getUnmatched().get(0);
    }
    if (e instanceof MissingParameterException missing
        && !missing.getMissing().isEmpty()
        && missing.getMissing().get(0) instanceof OptionSpec option) {
      return option.longestName() + " needs a value";
    }
    ArgSpec arg = e.getArgSpec();
    if (e.getCause() instanceof TypeConversionException refused && arg instanceof OptionSpec o) {
      String reason = refused.getMessage();
      return reason.startsWith(o.longestName()) ? reason : o.longestName() + " " + reason;
    }
    String message = String.valueOf(e.getMessage());
    return message.isEmpty()
        ? message
        : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }
}
