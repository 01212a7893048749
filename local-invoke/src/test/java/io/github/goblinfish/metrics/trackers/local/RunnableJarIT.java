package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, copied with an example function to a folder outside the repository, runs it
 * with {@code java -jar} from there, the function's code in each layout a SAM user has: a folder
 * (classes and lib/), a zip, a jar, and the output of {@code sam build}.
 */
class RunnableJarIT {
  private static final String HANDLER = "io.github.goblinfish.examples.ApiGatewayHandler";

  @TempDir Path dir;
  private Path jar;

  @BeforeEach
  void copyTheRunnableJarAndAnEvent() throws IOException {
    Path built = Path.of(System.getProperty("local-invoke.it.runnableJar"));
    jar = dir.resolve(built.getFileName());
    Files.copy(built, jar);
    Files.copy(
        LambdaITSupport.repositoryRoot().resolve("events/api-gateway-get-order.json"),
        dir.resolve("event.json"));
  }

  @Test
  void runsAFolderOfClassesWithItsJarsInLib() throws Exception {
    taskRoot(dir.resolve("fn"));
    template(dir.resolve("template.yaml"), "fn");
    assertTheExampleRan(run("Api", "-e", "event.json"));
  }

  @Test
  void runsAZipWithItsJarsInLib() throws Exception {
    taskRoot(dir.resolve("fn"));
    zip(dir.resolve("fn"), dir.resolve("function.zip"));
    deleteTree(dir.resolve("fn"));
    template(dir.resolve("template.yaml"), "function.zip");
    assertTheExampleRan(run("Api", "-e", "event.json"));
  }

  @Test
  void runsAJarUnpackedAsLambdaUnpacksIt() throws Exception {
    taskRoot(dir.resolve("fn"));
    zip(dir.resolve("fn"), dir.resolve("function.jar"));
    deleteTree(dir.resolve("fn"));
    template(dir.resolve("template.yaml"), "function.jar");
    assertTheExampleRan(run("Api", "-e", "event.json"));
  }

  @Test
  void runsTheOutputOfSamBuild() throws Exception {
    // sam build writes .aws-sam/build/template.yaml, each CodeUri a folder of its own beside it.
    Path build = dir.resolve(".aws-sam/build");
    taskRoot(build.resolve("Api"));
    template(build.resolve("template.yaml"), "Api");
    assertTheExampleRan(run("Api", "-e", "event.json", "-t", ".aws-sam/build/template.yaml"));
  }

  @Test
  void runsTheCodeNamedOnTheCommandLineInsteadOfTheCodeUri() throws Exception {
    taskRoot(dir.resolve("built"));
    template(dir.resolve("template.yaml"), "not-built-yet");
    assertTheExampleRan(run("Api", "-e", "event.json", "--code-uri", "built"));
  }

  @Test
  void runsTheInvokeCommandByNameAndPrintsEachCommandsHelp() throws Exception {
    taskRoot(dir.resolve("fn"));
    template(dir.resolve("template.yaml"), "fn");
    assertTheExampleRan(run("invoke", "Api", "-e", "event.json"));
    for (String command : List.of("invoke", "report", "compare")) {
      String[] help = run("help", command);
      assertEquals("0", help[0], help[2]);
      assertEquals(CommandRun.usage(command), help[1]);
      assertEquals("", help[2]);
    }
  }

  private static void assertTheExampleRan(String[] result) {
    assertEquals("0", result[0], result[2]);
    assertEquals("", result[2]);
    List<String> lines =
        result[1].lines().filter(line -> line.startsWith("{\"latencies\":")).toList();
    assertEquals(1, lines.size(), result[1]);
    JsonObject line = LambdaITSupport.object(lines.get(0));
    assertEquals(
        List.of("ApiGatewayHandler", "validate_request", "load_order"),
        LambdaITSupport.keys(line.getAsJsonObject("latencies")));
    assertEquals("Api", line.get("function_name").getAsString());
    assertEquals(3, line.getAsJsonObject("metrics").get("order_lines").getAsInt());
  }

  /** The examples' build as Lambda lays out a zip: classes at the root, jars in lib/. */
  private static void taskRoot(Path target) throws IOException {
    LambdaITSupport.copyExamplesBuild(target);
  }

  private static void template(Path template, String codeUri) throws IOException {
    Files.createDirectories(template.getParent());
    Files.writeString(
        template,
        String.join(
            "\n",
            "Resources:",
            "  Api:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      CodeUri: " + codeUri,
            "      Handler: " + HANDLER,
            "      Runtime: java21",
            "      Timeout: 30",
            ""),
        StandardCharsets.UTF_8);
  }

  private String[] run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A home of its own: no local Maven repository to find the runtime client in, as on a machine
    // that never built this project.
    command.add("-Duser.home=" + Files.createDirectories(dir.resolve("home")));
    command.add("-jar");
    command.add(jar.getFileName().toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    String err = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    return new String[] {Integer.toString(p.exitValue()), out, err};
  }

  private static void zip(Path folder, Path zip) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream entries = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        entries.putNextEntry(new ZipEntry(folder.relativize(file).toString()));
        Files.copy(file, entries);
        entries.closeEntry();
      }
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    TempFolder.deleteTree(folder);
  }
}
