package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A run's temporary folder ({@code local-invoke-*} in {@code java.io.tmpdir}), marked with the
 * runner's process id and start time so that a later runner can remove the folders of runners that
 * died without cleaning up.
 *
 * <p>Thread-safe: it holds no mutable state.
 */
final class TempFolder {
  static final String PREFIX = "local-invoke-";
  static final String OWNER_FILE = "owner";

  private TempFolder() {}

  /** Creates a folder owned by this process, after removing those of runners no longer alive. */
  static Path create() throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    removeStale(root);
    Path dir = Files.createTempDirectory(root, PREFIX);
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(dir.resolve(OWNER_FILE), owner(self), StandardCharsets.UTF_8);
    return dir;
  }

  /** Removes the run folders in {@code root} whose owner is no longer alive. */
  static void removeStale(Path root) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path dir : dirs) {
        if (ownerIsGone(dir)) {
          deleteTree(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: another runner may be cleaning up at the same time
    }
  }

  private static boolean ownerIsGone(Path dir) {
    String owner;
    try {
      owner = Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      // Not marked (yet): a runner may be creating it; leave it.
      return false;
    }
    String[] parts = owner.split(" ");
    long pid;
    try {
      pid = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return true;
    }
    String started = process.get().info().startInstant().map(Instant::toString).orElse("");
    // The pid was reused by another process: the owner is gone too.
    return parts.length > 1 && !started.isEmpty() && !parts[1].equals(started);
  }

  private static String owner(ProcessHandle process) {
    return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("");
  }

  /** Writes the {@link ParentWatch} agent jar into {@code dir}. */
  static Path writeParentWatchJar(Path dir) throws IOException {
    Path jar = dir.resolve("parent-watch.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", ParentWatch.class.getName());
    String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
    try (InputStream in = ParentWatch.class.getClassLoader().getResourceAsStream(entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      if (in == null) {
        throw new IOException("cannot find " + entry);
      }
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try {
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
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // best effort: a leftover temp dir is removed by the next runner
    }
  }
}
