package io.github.goblinfish.metrics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionLayoutTest {
  @TempDir Path dir;

  @Test
  void theRuntimesJarsAreTheClassPathAndTheFunctionsJarsAreInTheTaskRootsLib() throws IOException {
    Path functions = functions();
    Path work = dir.resolve("work");
    FunctionLayout layout = FunctionLayout.of(functions, work, "tracker");
    assertEquals(work.resolve("task-tracker").toAbsolutePath(), layout.taskRoot());
    assertEquals(
        functions.resolve("ric").toAbsolutePath()
            + File.separator
            + "*"
            + File.pathSeparator
            + functions.resolve("tracker/aws-lambda-java-core-1.4.0.jar").toAbsolutePath(),
        layout.classPath());
    assertEquals(
        List.of(
            "aws-lambda-java-core-1.4.0.jar",
            "benchmarks-code.jar",
            "gson-2.15.0.jar",
            "tracker-lambda-0.1.0.jar"),
        names(layout.taskRoot().resolve("lib")));
    assertEquals("code", Files.readString(layout.taskRoot().resolve("lib/benchmarks-code.jar")));
  }

  @Test
  void aTaskRootIsWrittenAnewWithoutTheJarsOfAnEarlierBuild() throws IOException {
    Path functions = functions();
    Path work = dir.resolve("work");
    Files.createDirectories(work.resolve("task-tracker/lib"));
    Files.writeString(work.resolve("task-tracker/lib/tracker-lambda-0.0.9.jar"), "old");
    Files.writeString(work.resolve("task-tracker/stale.class"), "old");
    FunctionLayout layout = FunctionLayout.of(functions, work, "tracker");
    assertEquals(List.of("lib"), names(layout.taskRoot()));
    assertEquals(4, names(layout.taskRoot().resolve("lib")).size());
  }

  @Test
  void aFunctionWithoutTheLambdaCoreJarIsRefused() throws IOException {
    Path functions = functions();
    Files.createDirectories(functions.resolve("bare"));
    Files.writeString(functions.resolve("bare/other-1.0.jar"), "other");
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> FunctionLayout.of(functions, dir.resolve("work"), "bare"));
    assertEquals(
        "no aws-lambda-java-core-*.jar in " + functions.resolve("bare"), refused.getMessage());
  }

  private Path functions() throws IOException {
    Path functions = dir.resolve("functions");
    for (String jar :
        new String[] {
          "ric/aws-lambda-java-runtime-interface-client-2.10.1.jar",
          "code/benchmarks-code.jar",
          "tracker/aws-lambda-java-core-1.4.0.jar",
          "tracker/gson-2.15.0.jar",
          "tracker/tracker-lambda-0.1.0.jar",
          "tracker/README.txt"
        }) {
      Path file = functions.resolve(jar);
      Files.createDirectories(file.getParent());
      Files.writeString(file, jar.substring(0, jar.indexOf('/')));
    }
    return functions;
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
