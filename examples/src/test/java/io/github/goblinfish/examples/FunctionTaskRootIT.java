package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of a function built by the root Makefile, what {@code sam build} runs: its {@code
 * task-root} target lays out this module as packaged by the build, and {@code lib/} must hold
 * exactly the jars that the README lists.
 */
class FunctionTaskRootIT {
  /** The README's sentence, up to its colon; the jars follow in backquotes up to the full stop. */
  static final String README_LIB_SENTENCE = "exactly these jars in `lib/`:";

  /** Comes with aws-lambda-java-events, which manages no property for it here. */
  static final String JODA_TIME_JAR = "joda-time-2.10.8.jar";

  @TempDir Path taskRoot;

  private static String version(String property) {
    String version = System.getProperty(property);
    assertNotNull(version, property + " is set by the failsafe configuration in examples/pom.xml");
    return version;
  }

  private static List<String> expectedLib() {
    return List.of(
        "aws-lambda-java-core-" + version("examples.it.lambdaCoreVersion") + ".jar",
        "aws-lambda-java-events-" + version("examples.it.lambdaEventsVersion") + ".jar",
        "gson-" + version("examples.it.gsonVersion") + ".jar",
        JODA_TIME_JAR,
        "tracker-lambda-" + version("examples.it.trackerLambdaVersion") + ".jar");
  }

  /** Runs {@code make task-root} at the repository root; returns its exit code and output. */
  private static Made make(String artifactsDir) throws IOException, InterruptedException {
    Process make;
    try {
      make =
          new ProcessBuilder(
                  "make",
                  "--no-print-directory",
                  "-C",
                  Repository.root().toString(),
                  "task-root",
                  "ARTIFACTS_DIR=" + artifactsDir)
              .redirectErrorStream(true)
              .start();
    } catch (IOException noMake) {
      RequiredCheck.unavailable(
          "the function's lib/ as the root Makefile lays it out",
          "make is not installed (" + noMake.getMessage() + ")");
      throw new AssertionError("unreachable");
    }
    make.getOutputStream().close();
    String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(make.waitFor(2, TimeUnit.MINUTES), "make task-root finished: " + output);
    return new Made(make.exitValue(), output);
  }

  private record Made(int exitCode, String output) {}

  private static List<String> fileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** The name a jar has without its version: {@code gson-2.15.0.jar} is {@code gson}. */
  static String artifactName(String jar) {
    Matcher versioned = Pattern.compile("(.+?)-\\d[^-]*(-SNAPSHOT)?\\.jar").matcher(jar);
    assertTrue(versioned.matches(), jar);
    return versioned.group(1);
  }

  /** The jars the README lists, in its order. */
  static List<String> readmeLib(String readme) {
    int start = readme.indexOf(README_LIB_SENTENCE);
    assertNotEquals(-1, start, "README.md says: " + README_LIB_SENTENCE);
    start += README_LIB_SENTENCE.length();
    String list = readme.substring(start, readme.indexOf('.', start));
    List<String> names = new ArrayList<>();
    Matcher quoted = Pattern.compile("`([^`]+)`").matcher(list);
    while (quoted.find()) {
      names.add(quoted.group(1));
    }
    return names;
  }

  @Test
  void libHoldsExactlyOurJarGsonTheLambdaCoreAndTheExamplesEvents() throws Exception {
    Made made = make(taskRoot.toString());

    assertEquals(0, made.exitCode(), made.output());
    assertEquals(expectedLib(), fileNames(taskRoot.resolve("lib")));
  }

  @Test
  void theReadmeListsExactlyTheJarsOfLib() throws Exception {
    Made made = make(taskRoot.toString());
    assertEquals(0, made.exitCode(), made.output());
    String readme = Files.readString(Repository.root().resolve("README.md"));

    List<String> shipped =
        fileNames(taskRoot.resolve("lib")).stream()
            .map(FunctionTaskRootIT::artifactName)
            .sorted()
            .collect(Collectors.toList());

    assertEquals(shipped, readmeLib(readme).stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void handlerClassesLieAtTheTaskRootAsLambdaLoadsAZip() throws Exception {
    Made made = make(taskRoot.toString());
    assertEquals(0, made.exitCode(), made.output());

    assertEquals(List.of("io", "lib"), fileNames(taskRoot));
    Map<String, Object> resources =
        map(
            CloudFormationYaml.load(Files.readString(Repository.root().resolve("template.yaml")))
                .get("Resources"));
    for (String id : TemplateTest.EVENTS_BY_FUNCTION.keySet()) {
      String handler = (String) map(map(resources.get(id)).get("Properties")).get("Handler");
      // "Class::method" names a method of the class: the class file is the class's.
      String handlerClass =
          handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
      Path classFile = taskRoot.resolve(handlerClass.replace('.', '/') + ".class");
      assertTrue(Files.isRegularFile(classFile), id + ": " + classFile);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void withoutArtifactsDirTheMakefileStopsAndSaysWhy() throws Exception {
    Made made = make("");

    assertNotEquals(0, made.exitCode());
    assertTrue(
        made.output().contains("ARTIFACTS_DIR is not set; sam build sets it"), made.output());
  }

  @Test
  void artifactNameDropsTheVersionOnly() {
    assertEquals("gson", artifactName("gson-2.15.0.jar"));
    assertEquals("tracker-lambda", artifactName("tracker-lambda-0.1.0-SNAPSHOT.jar"));
    assertEquals("aws-lambda-java-core", artifactName("aws-lambda-java-core-1.4.0.jar"));
  }

  @Test
  void readmeLibReadsTheJarsOfTheSentenceOnly() {
    assertEquals(
        List.of("a", "b-c"),
        readmeLib("Built, ships exactly these jars in `lib/`: `a` and `b-c`. Then `d`."));
  }
}
