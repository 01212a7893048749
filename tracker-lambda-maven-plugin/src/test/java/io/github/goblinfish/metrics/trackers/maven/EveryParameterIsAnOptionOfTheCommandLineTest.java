package io.github.goblinfish.metrics.trackers.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.goblinfish.metrics.trackers.local.LocalInvoke;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Each goal's parameters become options that the runner's command line really has: the arguments a
 * goal makes, with every parameter set, are parsed by the command line itself, and each option
 * among them is looked up in its command's spec. A renamed or removed option fails this test, and
 * so does a parameter this test does not set.
 */
class EveryParameterIsAnOptionOfTheCommandLineTest {
  @Test
  void everyInvokeParameterIsAnOptionOfTheInvokeCommand() throws Exception {
    InvokeMojo mojo = new InvokeMojo();
    Map<String, Object> parameters =
        Map.of(
            "function",
            "QueueFunction",
            "event",
            new File("events/event.json"),
            "template",
            new File("template.yaml"),
            "codeUri",
            new File("target/function.zip"),
            "times",
            30,
            "concurrency",
            2,
            "summary",
            "json",
            "by",
            "service",
            "quiet",
            true,
            "args",
            "--log-format JSON --init-type snap-start --no-chart --html run.html");
    set(mojo, parameters, Set.of("project", "skip"));
    List<String> args = mojo.call().arguments();
    assertEquals(
        List.of(
            "QueueFunction",
            "--template",
            "template.yaml",
            "--code-uri",
            "target/function.zip",
            "-e",
            "events/event.json",
            "--times",
            "30",
            "--concurrency",
            "2",
            "--summary",
            "json",
            "--by",
            "service",
            "--quiet",
            "--log-format",
            "JSON",
            "--init-type",
            "snap-start",
            "--no-chart",
            "--html",
            "run.html"),
        args);
    ParseResult parsed = commandLine().parseArgs(args.toArray(String[]::new));
    assertEquals("invoke", parsed.commandSpec().name());
    assertEquals(List.of(), parsed.subcommands());
    assertEveryOptionIsIn(parsed.commandSpec(), args);
    assertEquals(List.of("QueueFunction"), parsed.matchedPositional(0).getValue());
  }

  @Test
  void everyReportParameterIsAnOptionOfTheReportCommand() throws Exception {
    ReportMojo mojo = new ReportMojo();
    set(
        mojo,
        Map.of(
            "input",
            new File("lines.log"),
            "before",
            new File("before.log"),
            "after",
            new File("after.log"),
            "summary",
            "text",
            "by",
            "service",
            "args",
            "--alpha 0.01 --fail-if-slower 10"),
        Set.of());
    List<String> args = mojo.call().arguments();
    assertEquals(
        List.of(
            "report",
            "lines.log",
            "--compare",
            "before.log",
            "after.log",
            "--summary",
            "text",
            "--by",
            "service",
            "--alpha",
            "0.01",
            "--fail-if-slower",
            "10"),
        args);
    ParseResult parsed = commandLine().parseArgs(args.toArray(String[]::new));
    ParseResult report = parsed.subcommand();
    assertEquals("report", report.commandSpec().name());
    assertEveryOptionIsIn(report.commandSpec(), args.subList(1, args.size()));
  }

  @Test
  void everyAbParameterIsAnOptionOfTheAbCommand() throws Exception {
    AbMojo mojo = new AbMojo();
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("function", "QueueFunction");
    parameters.put("event", new File("events/event.json"));
    parameters.put("template", new File("template.yaml"));
    parameters.put("before", new File("saved-build"));
    parameters.put("after", new File("target/function.zip"));
    parameters.put("times", 30);
    parameters.put("runtimes", 3);
    parameters.put("coldStarts", 5);
    parameters.put("summary", "json");
    parameters.put("by", "service");
    parameters.put("alpha", 0.01);
    parameters.put("failIfSlower", 10.0);
    parameters.put("html", new File("ab.html"));
    parameters.put("args", "--log-format JSON --init-type snap-start");
    set(mojo, parameters, Set.of("project", "skip"));
    List<String> args = mojo.call().arguments();
    assertEquals(
        List.of(
            "ab",
            "QueueFunction",
            "--template",
            "template.yaml",
            "--before",
            "saved-build",
            "--after",
            "target/function.zip",
            "-e",
            "events/event.json",
            "--times",
            "30",
            "--runtimes",
            "3",
            "--cold-starts",
            "5",
            "--summary",
            "json",
            "--by",
            "service",
            "--alpha",
            "0.01",
            "--fail-if-slower",
            "10.0",
            "--html",
            "ab.html",
            "--log-format",
            "JSON",
            "--init-type",
            "snap-start"),
        args);
    ParseResult parsed = commandLine().parseArgs(args.toArray(String[]::new));
    ParseResult ab = parsed.subcommand();
    assertEquals("ab", ab.commandSpec().name());
    assertEveryOptionIsIn(ab.commandSpec(), args.subList(1, args.size()));
    assertEquals(List.of("QueueFunction"), ab.matchedPositional(0).getValue());
  }

  private static void assertEveryOptionIsIn(CommandSpec command, List<String> args) {
    for (String arg : args) {
      if (arg.startsWith("-")) {
        assertNotNull(
            command.findOption(arg),
            () ->
                arg + " is not an option of " + command.qualifiedName() + ": " + command.options());
      }
    }
  }

  /** Sets each parameter, after checking that these are all of the goal's parameters. */
  private static void set(Object mojo, Map<String, Object> values, Set<String> notArguments)
      throws Exception {
    Map<String, Field> parameters = parameters(mojo.getClass());
    Set<String> fields =
        parameters.keySet().stream()
            .filter(name -> !notArguments.contains(name))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(fields, new TreeSet<>(values.keySet()), "the goal's parameters");
    for (Map.Entry<String, Object> value : values.entrySet()) {
      Field field = parameters.get(value.getKey());
      field.setAccessible(true);
      field.set(mojo, value.getValue());
    }
  }

  /** The goal's own fields and those of the classes it extends, up to Maven's. */
  static Map<String, Field> parameters(Class<?> goal) {
    Map<String, Field> fields = new java.util.TreeMap<>();
    for (Class<?> c = goal;
        c != org.apache.maven.plugin.AbstractMojo.class;
        c = c.getSuperclass()) {
      Arrays.stream(c.getDeclaredFields())
          .filter(f -> !Modifier.isStatic(f.getModifiers()))
          .forEach(f -> fields.put(f.getName(), f));
    }
    return fields;
  }

  /** The runner's own command line, as {@link LocalInvoke#run} builds it. */
  private static CommandLine commandLine() throws Exception {
    Method build =
        LocalInvoke.class.getDeclaredMethod(
            "commandLine", InputStream.class, PrintStream.class, PrintStream.class);
    build.setAccessible(true);
    return (CommandLine) build.invoke(null, null, System.out, System.err);
  }
}
