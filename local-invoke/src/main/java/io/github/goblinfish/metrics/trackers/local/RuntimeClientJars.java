package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the runtime interface client's jars, which the build copies next to the runner ({@code
 * local-invoke/target/runtime}) so the function never sees the runner's own dependencies. The
 * runnable jar ({@code tracker-lambda-local-invoke-<version>-all.jar}) carries them inside, and
 * they are extracted into the run's temporary folder; when the runner runs from the local Maven
 * repository, the same jars are found there.
 */
final class RuntimeClientJars {
  static final String PROPERTY = "local-invoke.runtime";
  static final String ENV = "LOCAL_INVOKE_RUNTIME";
  static final String RIC_PREFIX = "aws-lambda-java-runtime-interface-client";

  /** Where the runnable jar carries the client's jars, next to this class. */
  static final String EMBEDDED = "runtime/";

  private RuntimeClientJars() {}

  /**
   * The client's jars: from -Dlocal-invoke.runtime, target/runtime next to the runner, inside the
   * runnable jar (extracted into {@code tempDir}), or ~/.m2.
   */
  static List<Path> locate(Path tempDir) throws LocalInvokeException {
    String configured = System.getProperty(PROPERTY, System.getenv(ENV));
    if (configured != null && !configured.isBlank()) {
      return fromDirectory(Path.of(configured));
    }
    Path home = ownLocation();
    // target/classes/ (a directory) or target/<artifact>.jar: either way target/runtime is a
    // sibling.
    Path sibling = home == null ? null : home.getParent().resolve("runtime");
    if (sibling != null && Files.isDirectory(sibling) && ricJar(Template.jars(sibling)) != null) {
      return Template.jars(sibling);
    }
    List<String> coordinates = listedCoordinates();
    List<Path> embedded = extractEmbedded(coordinates, tempDir.resolve("runtime"));
    if (embedded != null) {
      return embedded;
    }
    List<Path> fromRepository = fromLocalRepository(coordinates);
    if (fromRepository != null) {
      return fromRepository;
    }
    throw new LocalInvokeException(
        "runtime client jars not found in "
            + sibling
            + "; run ./mvnw -B package -DskipTests first (or set -D"
            + PROPERTY
            + "=<dir>)");
  }

  private static List<Path> fromDirectory(Path dir) throws LocalInvokeException {
    List<Path> jars = Template.jars(dir);
    if (ricJar(jars) == null) {
      throw new LocalInvokeException(
          "runtime client jars not found in " + dir + "; run ./mvnw -B package -DskipTests first");
    }
    return jars;
  }

  /**
   * The client's jars as the build listed them in runtime-client.list: group:artifact:type:version
   * or group:artifact:type:classifier:version, then the scope.
   */
  private static List<String> listedCoordinates() {
    InputStream list = RuntimeClientJars.class.getResourceAsStream("runtime-client.list");
    if (list == null) {
      return List.of();
    }
    List<String> coordinates = new ArrayList<>();
    try (list) {
      for (String line : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String coordinate = line.strip().split("\\s+")[0];
        String[] parts = coordinate.split(":");
        if (parts.length >= 5 && parts[2].equals("jar")) {
          coordinates.add(coordinate);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return coordinates;
  }

  /** A listed jar's file name, as the local repository and copy-dependencies name it. */
  private static String fileName(String coordinate) {
    String[] parts = coordinate.split(":");
    String version = parts[parts.length - 2];
    String classifier = parts.length == 6 ? "-" + parts[3] : "";
    return parts[1] + "-" + version + classifier + ".jar";
  }

  /** Copies the jars the runnable jar carries into {@code target}; null when it carries none. */
  private static List<Path> extractEmbedded(List<String> coordinates, Path target)
      throws LocalInvokeException {
    if (coordinates.isEmpty()
        || RuntimeClientJars.class.getResource(EMBEDDED + fileName(coordinates.get(0))) == null) {
      return null;
    }
    List<Path> jars = new ArrayList<>();
    try {
      Files.createDirectories(target);
      for (String coordinate : coordinates) {
        String name = fileName(coordinate);
        try (InputStream in = RuntimeClientJars.class.getResourceAsStream(EMBEDDED + name)) {
          if (in == null) {
            return null;
          }
          Path jar = target.resolve(name);
          Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
          jars.add(jar);
        }
      }
    } catch (IOException e) {
      throw new LocalInvokeException(
          "cannot extract the runtime client's jars into " + target + ": " + e.getMessage(), e);
    }
    return ricJar(jars) == null ? null : jars;
  }

  /** Resolves the listed coordinates against the local repository. */
  private static List<Path> fromLocalRepository(List<String> coordinates) {
    if (coordinates.isEmpty()) {
      return null;
    }
    String repoProperty = System.getProperty("maven.repo.local");
    Path repo =
        repoProperty != null
            ? Path.of(repoProperty)
            : Path.of(System.getProperty("user.home"), ".m2", "repository");
    List<Path> jars = new ArrayList<>();
    for (String coordinate : coordinates) {
      String[] parts = coordinate.split(":");
      String version = parts[parts.length - 2];
      Path jar =
          repo.resolve(parts[0].replace('.', '/'))
              .resolve(parts[1])
              .resolve(version)
              .resolve(fileName(coordinate));
      if (!Files.isRegularFile(jar)) {
        return null;
      }
      jars.add(jar);
    }
    return ricJar(jars) == null ? null : jars;
  }

  private static Path ownLocation() {
    CodeSource source = RuntimeClientJars.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  static Path ricJar(List<Path> jars) {
    return jars.stream()
        .filter(f -> f.getFileName().toString().startsWith(RIC_PREFIX))
        .findFirst()
        .orElse(null);
  }

  /**
   * Copies the client's JNI library out of its jar into {@code target}. The client would otherwise
   * unpack it to the fixed path /tmp/.libaws-lambda-jni.so, which concurrent runs overwrite while
   * another JVM is loading it; its NativeClient.JNI property makes it load ours instead.
   */
  static Path extractJni(List<Path> runtimeJars, Path target) throws LocalInvokeException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      throw new LocalInvokeException(
          "the runtime client's native library exists for Linux only (this is "
              + System.getProperty("os.name")
              + ")");
    }
    String arch = System.getProperty("os.arch", "");
    String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
    String entryName = "jni/libaws-lambda-jni." + (musl() ? "linux_musl-" : "linux-") + cpu + ".so";
    Path ric = ricJar(runtimeJars);
    try (ZipFile zip = new ZipFile(ric.toFile())) {
      ZipEntry entry = zip.getEntry(entryName);
      if (entry == null) {
        throw new LocalInvokeException(ric + " has no " + entryName);
      }
      Path lib = target.resolve("libaws-lambda-jni.so");
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
      }
      return lib;
    } catch (IOException e) {
      throw new LocalInvokeException(
          "cannot extract the runtime client's JNI library: " + e.getMessage(), e);
    }
  }

  private static boolean musl() {
    try (Stream<Path> files = Files.list(Path.of("/lib"))) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl"));
    } catch (IOException e) {
      return false;
    }
  }
}
