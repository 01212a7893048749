package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks EMF lines against the schema published with the EMF specification, found as {@code
 * shared/reference/emf.schema.json} beside the repository (not copied into it), and against the
 * rules the schema cannot say (metric values and dimension values are root members).
 */
final class EmfSchemaCheck {
  static final String SCHEMA_PATH = "shared/reference/emf.schema.json";

  private static final Schema SCHEMA = load();

  private EmfSchemaCheck() {}

  /**
   * The schema declares no {@code $schema}; its keywords ({@code $comment}, {@code type}, {@code
   * items}, {@code pattern}, {@code enum}, lengths and counts) read the same from draft 7 on, and
   * the EMF specification's schema was written for draft 7.
   */
  private static Schema load() {
    Path directory = Path.of("").toAbsolutePath();
    for (int up = 0; up < 4 && directory != null; up++, directory = directory.getParent()) {
      Path candidate = directory.resolve(SCHEMA_PATH);
      if (Files.isRegularFile(candidate)) {
        try (InputStream in = Files.newInputStream(candidate)) {
          return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
              .getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return null;
  }

  static void assumeSchema() {
    Assumptions.assumeTrue(
        SCHEMA != null,
        "EMF schema not found: " + SCHEMA_PATH + " in a parent of " + Path.of("").toAbsolutePath());
  }

  /** The schema's complaints about a document; skips the test when the schema is absent. */
  static List<Error> schemaErrors(String document) {
    assumeSchema();
    return SCHEMA.validate(document, InputFormat.JSON);
  }

  /** Asserts that an EMF line is valid and self-consistent, and returns it parsed. */
  static JsonObject assertValidEmf(String line) {
    assertTrue(
        line.getBytes(StandardCharsets.UTF_8).length <= ProcessTracker.MAX_LINE_BYTES,
        "line within the size bound");
    assertFalse(line.contains("\n"));
    List<Error> errors = schemaErrors(line);
    assertTrue(errors.isEmpty(), () -> "schema errors " + errors + " in " + cut(line));
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    assertEquals("_aws", root.keySet().iterator().next(), "_aws comes first");
    Set<String> declared = new HashSet<>();
    for (JsonElement element : root.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics")) {
      JsonObject directive = element.getAsJsonObject();
      JsonArray metrics = directive.getAsJsonArray("Metrics");
      assertTrue(metrics.size() <= EmfRules.MAX_METRICS_PER_DIRECTIVE);
      for (JsonElement metric : metrics) {
        String name = metric.getAsJsonObject().get("Name").getAsString();
        assertTrue(declared.add(name), () -> "declared twice: " + name);
        assertTrue(name.length() <= 255, "metric name length");
        JsonElement value = root.get(name);
        assertTrue(
            value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber(),
            () -> "metric " + name + " has no numeric root member");
      }
      for (JsonElement set : directive.getAsJsonArray("Dimensions")) {
        for (JsonElement key : set.getAsJsonArray()) {
          JsonElement value = root.get(key.getAsString());
          assertTrue(
              value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString(),
              () -> "dimension " + key + " has no text root member");
          assertFalse(declared.contains(key.getAsString()), "a dimension is no metric");
        }
      }
    }
    return root;
  }

  private static String cut(String line) {
    return line.length() > 2000 ? line.substring(0, 2000) + "..." : line;
  }
}
