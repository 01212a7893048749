package io.github.goblinfish.metrics.trackers.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * A project's build laid out as Lambda lays out a zip function in {@code /var/task}: the classes at
 * the root, each runtime dependency jar in {@code lib/}. Rebuilt from scratch on each call, so no
 * class or jar the build no longer has can reach a run.
 *
 * <p>Not thread-safe: one layout of one folder at a time.
 */
final class TaskRoot {
  private TaskRoot() {}

  /**
   * @param project the project whose build is the function's code
   * @return the folder where {@link #layOut(MavenProject)} lays it out: {@code
   *     target/tracker-lambda/task}
   */
  static Path of(MavenProject project) {
    return Path.of(project.getBuild().getDirectory(), "tracker-lambda", "task");
  }

  /**
   * Lays out the project's compiled classes and runtime dependencies in {@link #of(MavenProject)}.
   *
   * @param project the project, its dependencies resolved
   * @return the folder
   * @throws MojoExecutionException when it cannot be written
   */
  static Path layOut(MavenProject project) throws MojoExecutionException {
    List<File> dependencies =
        project.getArtifacts().stream()
            .filter(a -> !Artifact.SCOPE_TEST.equals(a.getScope()))
            .filter(a -> !Artifact.SCOPE_PROVIDED.equals(a.getScope()))
            .filter(a -> a.getArtifactHandler().isAddedToClasspath())
            .map(Artifact::getFile)
            .toList();
    Path root = of(project);
    try {
      return layOut(Path.of(project.getBuild().getOutputDirectory()), dependencies, root);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot lay out the function's code in " + root, e);
    }
  }

  /**
   * @param classes the project's compiled classes (may not exist: a project without sources)
   * @param dependencies the runtime dependencies' files: jars, or classes folders of reactor
   *     modules not packaged yet
   * @param root the folder to (re)create
   * @return {@code root}
   */
  static Path layOut(Path classes, Collection<File> dependencies, Path root) throws IOException {
    delete(root);
    Path lib = Files.createDirectories(root.resolve("lib"));
    if (Files.isDirectory(classes)) {
      copyTree(classes, root);
    }
    for (File dependency : dependencies) {
      Path file = dependency.toPath();
      if (Files.isDirectory(file)) {
        copyTree(file, root);
      } else if (file.getFileName().toString().endsWith(".jar")) {
        Files.copy(file, lib.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return root;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
