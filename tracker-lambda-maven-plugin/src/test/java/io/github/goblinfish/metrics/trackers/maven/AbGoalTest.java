package io.github.goblinfish.metrics.trackers.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ab} goal's sides: the project's own build is the side left out. */
class AbGoalTest {
  @TempDir Path dir;

  @Test
  void theProjectsBuildLaidOutInTargetIsTheSideLeftOut() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("target/classes/com/example"));
    Files.writeString(classes.resolve("Handler.class"), "");
    Path saved = Files.createDirectories(dir.resolve("saved-build"));
    AbMojo mojo = mojo("before", saved.toFile());

    List<String> args = mojo.call().arguments();

    Path task = dir.resolve("target/tracker-lambda/task");
    assertEquals(
        List.of(
            "ab",
            "--template",
            dir.resolve("template.yaml").toString(),
            "--before",
            saved.toString(),
            "--code-uri",
            task.toString()),
        args);
    assertTrue(Files.isRegularFile(task.resolve("com/example/Handler.class")));
    assertTrue(Files.isDirectory(task.resolve("lib")));
  }

  @Test
  void aSideInTheFolderTheGoalLaysOutAnewIsRefusedBeforeItIsOverwritten() throws Exception {
    Path task = Files.createDirectories(dir.resolve("target/tracker-lambda/task"));
    Path kept = Files.writeString(task.resolve("Kept.class"), "");
    AbMojo mojo = mojo("before", task.toFile());

    MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::call);

    assertEquals(
        task
            + " is in "
            + task
            + ", which tracker-lambda:ab lays out anew with the project's build: copy the build"
            + " to compare somewhere else first",
        refused.getMessage());
    assertTrue(Files.exists(kept));
  }

  @Test
  void withBothSidesGivenTheProjectsBuildIsNotLaidOut() throws Exception {
    AbMojo mojo = mojo("before", dir.resolve("old.zip").toFile());
    set(mojo, "after", dir.resolve("new.zip").toFile());

    assertFalse(mojo.call().arguments().contains("--code-uri"));
    assertFalse(Files.exists(dir.resolve("target/tracker-lambda")));
  }

  /** The goal in a project of {@code dir}, one side given. */
  private AbMojo mojo(String side, File path) throws Exception {
    MavenProject project = new MavenProject();
    project.getBuild().setDirectory(dir.resolve("target").toString());
    project.getBuild().setOutputDirectory(dir.resolve("target/classes").toString());
    AbMojo mojo = new AbMojo();
    set(mojo, "project", project);
    set(mojo, "template", dir.resolve("template.yaml").toFile());
    set(mojo, side, path);
    return mojo;
  }

  private static void set(AbMojo mojo, String name, Object value)
      throws ReflectiveOperationException {
    Field field = EveryParameterIsAnOptionOfTheCommandLineTest.parameters(AbMojo.class).get(name);
    field.setAccessible(true);
    field.set(mojo, value);
  }
}
