package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the tests in a fresh JVM, with no {@code TRACKER_*} variable but the ones
 * given, and returns its output with {@code -Xlog:class+load} lines: what a cold start loads can
 * only be seen in a JVM that has loaded nothing yet.
 */
final class FreshJvmClassLoads {
  private FreshJvmClassLoads() {}

  /**
   * The output lines of {@code mainClass} run in a fresh JVM with {@code args}; fails unless it
   * exits 0 in 60 s.
   */
  static List<String> of(Class<?> mainClass, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("TRACKER_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] bytes = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the fresh JVM did not end");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    return List.of(text.split("\n"));
  }

  /**
   * The library's classes that {@code output} shows loaded between the lines {@code from} and
   * {@code to}, by name.
   */
  static List<String> ourClassesLoadedBetween(List<String> output, String from, String to) {
    // As the JVM's log names it, e.g. file:/path/to/tracker-lambda/target/classes/
    String mainClasses =
        ProcessTracker.class.getProtectionDomain().getCodeSource().getLocation().toString();
    List<String> loaded = new ArrayList<>();
    boolean between = false;
    for (String line : output) {
      if (line.equals(from)) {
        between = true;
      } else if (line.equals(to)) {
        between = false;
      } else if (between && line.contains("source: " + mainClasses)) {
        String name = line.substring(0, line.indexOf(" source: "));
        loaded.add(name.substring(name.lastIndexOf(' ') + 1));
      }
    }
    return loaded;
  }
}
