package io.github.goblinfish.metrics.trackers.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process run of the command line, as {@code ./invoke} runs it, with what it printed.
 *
 * @param exitCode what {@link LocalInvoke#run(List, java.io.InputStream, PrintStream, PrintStream)}
 *     returned
 * @param out standard output
 * @param err standard error
 */
record CommandRun(int exitCode, String out, String err) {
  /**
   * @param stdin standard input, or null for none (a terminal)
   * @param args the arguments
   */
  static CommandRun of(byte[] stdin, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LocalInvoke.run(
            args,
            stdin == null ? null : new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * @param command a command's path below the top ({@code "report"}), none for the top itself
   * @return its generated usage help, as {@code --help} prints it
   */
  static String usage(String... command) {
    picocli.CommandLine commandLine = LocalInvoke.commandLine(null, System.out, System.err);
    for (String name : command) {
      commandLine = commandLine.getSubcommands().get(name);
    }
    return commandLine.getUsageMessage();
  }

  /**
   * @param command a command's path below the top ({@code "report"}), none for the top itself
   * @return what a usage error prints after its error line: the command's synopsis and where its
   *     help is
   */
  static String hint(String... command) {
    picocli.CommandLine commandLine = LocalInvoke.commandLine(null, System.out, System.err);
    for (String name : command) {
      commandLine = commandLine.getSubcommands().get(name);
    }
    return UsageErrors.hint(commandLine);
  }
}
