package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's ./invoke script (the tests run with the module folder as working directory),
 * after package, which lays out the runner's target/lib as the script reads it.
 */
class ScriptIT {
  private static final Path SCRIPT = Path.of("..", "invoke").toAbsolutePath().normalize();

  private static String[] run(Path script, File dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return new String[] {Integer.toString(p.exitValue()), out, err};
  }

  @Test
  void invokesFromTheCurrentDirectorysTemplate() throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT), "no ./invoke next to this module");
    String[] result = run(SCRIPT, Fixtures.testClasses().toFile(), "LogBytes", "-q");
    assertEquals("0", result[0], result[2]);
    assertEquals("\"ok\"\n", result[1]);
  }

  @Test
  void runsTheOneCommandLineWithItsCommands() throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT), "no ./invoke next to this module");
    File fixtures = Fixtures.testClasses().toFile();
    String[] result = run(SCRIPT, fixtures, "invoke", "LogBytes", "-q");
    assertEquals("0", result[0], result[2]);
    assertEquals("\"ok\"\n", result[1]);
    result = run(SCRIPT, fixtures, "compare", "--help");
    assertEquals("0", result[0], result[2]);
    assertEquals(CommandRun.usage("compare"), result[1]);
    result = run(SCRIPT, fixtures, "report", "--summary", "xml");
    assertEquals("2", result[0]);
    assertEquals(
        "error: --summary must be text or json, not 'xml'\n" + CommandRun.hint("report"),
        result[2]);
  }

  @Test
  void saysHowToBuildWhenTheRunnerIsNotBuilt(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(SCRIPT), "no ./invoke next to this module");
    Path copy = dir.resolve("invoke");
    Files.copy(SCRIPT, copy);
    copy.toFile().setExecutable(true);
    String[] result = run(copy, dir.toFile(), "Anything");
    assertEquals("2", result[0]);
    assertEquals("", result[1]);
    assertEquals("local-invoke is not built: run ./mvnw -B package -DskipTests first\n", result[2]);
  }
}
