package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The repository's root files (template.yaml, events/, Makefile), and events read as Lambda reads
 * them, with aws-lambda-java-tests' {@code EventLoader}.
 */
final class Repository {
  private Repository() {}

  static Path root() {
    String configured = System.getProperty("examples.repositoryRoot");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    return root.toAbsolutePath().normalize();
  }

  static Path events() {
    return root().resolve("events");
  }

  static byte[] eventBytes(String fileName) {
    try {
      return Files.readAllBytes(events().resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an event file as the Java runtime would deserialize it for a handler taking {@code type}:
   * an {@code aws-lambda-java-events} type with the services' field names (such as {@code Records}
   * and {@code eventSourceARN}), or a plain type such as {@code Map}.
   */
  static <T> T event(String fileName, Class<T> type) {
    return EventLoader.loadEvent(events().resolve(fileName).toString(), type);
  }

  /** Reads a plain JSON object event as the {@code Map} a handler of a map type gets. */
  @SuppressWarnings("unchecked")
  static <V> Map<String, V> mapEvent(String fileName) {
    return (Map<String, V>) event(fileName, Map.class);
  }
}
