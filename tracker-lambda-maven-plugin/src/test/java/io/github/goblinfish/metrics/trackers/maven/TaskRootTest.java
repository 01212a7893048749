package io.github.goblinfish.metrics.trackers.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRootTest {
  @TempDir Path dir;

  @Test
  void theClassesGoToTheRootAndEachDependencyJarToLib() throws IOException {
    write("classes/com/example/Handler.class");
    write("classes/config.properties");
    Path jar = write("repository/gson-2.15.0.jar");
    write("module/target/classes/com/example/Shared.class");
    Path pom = write("repository/parent.pom");

    Path root =
        TaskRoot.layOut(
            dir.resolve("classes"),
            List.of(jar.toFile(), dir.resolve("module/target/classes").toFile(), pom.toFile()),
            dir.resolve("task"));

    assertEquals(
        List.of(
            "com/example/Handler.class",
            "com/example/Shared.class",
            "config.properties",
            "lib/gson-2.15.0.jar"),
        files(root));
  }

  @Test
  void nothingOfAnEarlierLayoutIsLeft() throws IOException {
    write("task/com/example/Deleted.class");
    write("task/lib/removed-dependency.jar");
    write("classes/com/example/Handler.class");

    Path root = TaskRoot.layOut(dir.resolve("classes"), List.<File>of(), dir.resolve("task"));

    assertEquals(List.of("com/example/Handler.class"), files(root));
    assertEquals(true, Files.isDirectory(root.resolve("lib")));
  }

  private Path write(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, name);
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .sorted()
          .toList();
    }
  }
}
