package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks EMF lines against {@value #SCHEMA_RESOURCE}, a JSON schema kept in the test resources and
 * written from the published EMF specification, and against the rules a schema cannot say (metric
 * values and dimension values are root members).
 */
final class EmfSchemaCheck {
  static final String SCHEMA_RESOURCE = "emf-specification.schema.json";

  private static final Schema SCHEMA = load();

  private EmfSchemaCheck() {}

  private static Schema load() {
    try (InputStream in = EmfSchemaCheck.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            SCHEMA_RESOURCE + " is missing from the test resources of " + EmfSchemaCheck.class);
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails unless the schema is loaded. The schema ships with the tests, so no check is ever skipped
   * for want of it.
   */
  static void assumeSchema() {
    assertNotNull(SCHEMA, SCHEMA_RESOURCE);
  }

  /** The schema's complaints about a document. */
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
