package io.github.goblinfish.metrics.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a cold-start function's jars go, as Lambda's Java runtimes lay them out: the runtime's own
 * jars (the runtime interface client, its serialization jar and {@code aws-lambda-java-core}) on
 * the JVM's class path, and the function's deployment package in the task root, the working
 * directory, whose {@code lib/*.jar} the runtime client's own class loader reads. So the function's
 * classes, ours among them, load as on Lambda: through that class loader, after the class path's
 * loader has failed to find them.
 *
 * <pre>{@code
 * FunctionLayout layout = FunctionLayout.of(functions, work, "tracker");
 * command.addAll(List.of("-cp", layout.classPath(), "...AWSLambda", handler));
 * new ProcessBuilder(command).directory(layout.taskRoot().toFile());
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #of} writes the task root and is not meant to run
 * concurrently for one folder.
 */
final class FunctionLayout {
  /** The one library jar the runtime also ships on its class path. */
  static final String LAMBDA_CORE_PREFIX = "aws-lambda-java-core-";

  private final Path taskRoot;
  private final String classPath;

  private FunctionLayout(Path taskRoot, String classPath) {
    this.taskRoot = taskRoot;
    this.classPath = classPath;
  }

  /**
   * Lays out the function whose library jars are in {@code functions/<folder>}, with the
   * benchmark's own code from {@code functions/code}: its task root is {@code work/task-<folder>},
   * written anew so that no jar of an earlier build stays in it.
   *
   * @param functions the folder of the functions' jar folders ({@code ric}, {@code code}, ...)
   * @param work where the task roots are written
   * @param folder the function's folder of library jars
   * @return the layout
   * @throws IllegalStateException when the folder has no {@code aws-lambda-java-core} jar
   */
  static FunctionLayout of(Path functions, Path work, String folder) {
    try {
      Path taskRoot = work.resolve("task-" + folder);
      deleteTree(taskRoot);
      Path lib = Files.createDirectories(taskRoot.resolve("lib"));
      Path lambdaCore = null;
      for (Path jar : jars(functions.resolve("code"), functions.resolve(folder))) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
        if (jar.getFileName().toString().startsWith(LAMBDA_CORE_PREFIX)) {
          lambdaCore = jar;
        }
      }
      if (lambdaCore == null) {
        throw new IllegalStateException(
            "no " + LAMBDA_CORE_PREFIX + "*.jar in " + functions.resolve(folder));
      }
      String classPath =
          String.join(
              File.pathSeparator,
              functions.resolve("ric").toAbsolutePath() + File.separator + "*",
              lambdaCore.toAbsolutePath().toString());
      return new FunctionLayout(taskRoot.toAbsolutePath(), classPath);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the task root: the runtime's working directory, holding the function's jars in lib/
   */
  Path taskRoot() {
    return taskRoot;
  }

  /**
   * @return the JVM's class path: the runtime interface client's jars and aws-lambda-java-core
   */
  String classPath() {
    return classPath;
  }

  private static List<Path> jars(Path... folders) throws IOException {
    List<Path> jars = new ArrayList<>();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.list(folder)) {
        files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
      }
    }
    return jars;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
