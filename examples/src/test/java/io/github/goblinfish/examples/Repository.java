package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's root files (template.yaml, events/, Makefile) and events read as Lambda does.
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
   * Reads an {@code aws-lambda-java-events} type with the serializer the Java runtime picks for it,
   * which knows the services' field names (such as {@code Records} and {@code eventSourceARN}).
   */
  static <T> T event(String fileName, Class<T> type) {
    PojoSerializer<T> serializer =
        LambdaEventSerializers.serializerFor(type, Repository.class.getClassLoader());
    return read(fileName, serializer);
  }

  /** Reads a plain type, such as {@code Map<String, Object>}, with the runtime's Jackson setup. */
  @SuppressWarnings("unchecked")
  static <T> T pojoEvent(String fileName, TypeToken<T> type) {
    Type generic = type.getType();
    PojoSerializer<Object> serializer = JacksonFactory.getInstance().getSerializer(generic);
    return (T) read(fileName, serializer);
  }

  private static <T> T read(String fileName, PojoSerializer<T> serializer) {
    try (InputStream in = Files.newInputStream(events().resolve(fileName))) {
      return serializer.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
