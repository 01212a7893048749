package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option that takes a value, of every command (read from the command line itself, so a new
 * option is covered as soon as it exists), reads any value the same as {@code --key value} and as
 * {@code --key=value}, a command's name included; and whatever the value, the outcome is exit code
 * 2 with exactly one {@code error:} line free of control characters, never a stack trace. Nothing
 * runs: the template or the saved lines named do not exist.
 */
class AnOptionsValueReadsTheSameEitherWayTest {
  private static final List<String> NOTHING_TO_READ = List.of("no-such-file.log");

  @Provide
  Arbitrary<List<String>> commandAndOption() {
    CommandLine top = LocalInvoke.commandLine(null, System.out, System.err);
    List<List<String>> pairs = new ArrayList<>();
    // "" is the top of the command line, which runs a function as the invoke command does.
    for (String command : List.of("", "invoke", "report", "compare")) {
      CommandLine named = command.isEmpty() ? top : top.getSubcommands().get(command);
      for (OptionSpec option : named.getCommandSpec().options()) {
        if (option.arity().max() > 0 && !option.usageHelp() && !option.versionHelp()) {
          pairs.add(List.of(command, option.longestName()));
        }
      }
    }
    return Arbitraries.of(pairs);
  }

  @Provide
  Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).filter(v -> !v.startsWith("-")),
        Arbitraries.of("invoke", "report", "compare", "help", "0.5", "3", "json", "JSON", ""));
  }

  @Property(tries = 300)
  void theValueIsReadAlikeAndBadInputIsOneErrorLine(
      @ForAll("commandAndOption") List<String> commandAndOption, @ForAll("value") String value) {
    String command = commandAndOption.get(0);
    String option = commandAndOption.get(1);
    CommandRun spaced = run(command, option, value);
    CommandRun joined = run(command, option + "=" + value);
    assertEquals(spaced, joined, option + " " + value);
    assertEquals(2, spaced.exitCode(), spaced.err());
    assertEquals("", spaced.out());
    List<String> errors = spaced.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), spaced.err());
    // A value was given, whatever it is: a command's name is a value too.
    assertTrue(!errors.get(0).endsWith(option + " needs a value"), errors.get(0));
    assertTrue(spaced.err().startsWith(errors.get(0) + "\n"), spaced.err());
    assertTrue(errors.get(0).chars().noneMatch(c -> TerminalText.unsafe((char) c)), errors.get(0));
    assertTrue(
        !spaced.err().contains("\tat ") && !spaced.err().contains("Exception"), spaced.err());
  }

  /** The command with the option, and an input that does not exist, so that nothing runs. */
  private static CommandRun run(String command, String... option) {
    List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
    switch (command) {
      case "", "invoke" -> args.addAll(List.of("Fn", "--template", "no-such-template.yaml"));
      case "report" -> args.addAll(NOTHING_TO_READ);
      default -> args.addAll(List.of("no-such-before.log", "no-such-after.log"));
    }
    args.addAll(List.of(option));
    return CommandRun.of(null, args);
  }
}
