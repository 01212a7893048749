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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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

  /**
   * Asserts that CloudWatch extracts every metric an EMF line declares when it receives the line at
   * {@code receivedAt} (epoch milliseconds), and returns the line parsed. Besides the schema: every
   * declared metric has a finite numeric root member, every dimension key a root member of 1 to
   * 1,024 printable ASCII characters, the namespace follows CloudWatch's pattern, the Timestamp is
   * within 14 days back and 2 hours ahead, and at most 100 metric definitions in the whole line.
   */
  static JsonObject assertExtractedInFull(String line, long receivedAt) {
    assertTrue(
        line.getBytes(StandardCharsets.UTF_8).length <= LineLimit.MAX_LINE_BYTES,
        "line within the size bound");
    assertFalse(line.contains("\n"));
    List<Error> errors = schemaErrors(line);
    assertTrue(errors.isEmpty(), () -> "schema errors " + errors + " in " + cut(line));
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    JsonObject aws = root.getAsJsonObject("_aws");
    long timestamp = aws.get("Timestamp").getAsLong();
    assertTrue(
        timestamp >= receivedAt - 14L * 24 * 3600 * 1000
            && timestamp <= receivedAt + 2L * 3600 * 1000,
        () -> "Timestamp " + timestamp + " outside CloudWatch's window around " + receivedAt);
    Set<String> declared = new HashSet<>();
    for (JsonElement element : aws.getAsJsonArray("CloudWatchMetrics")) {
      JsonObject directive = element.getAsJsonObject();
      String namespace = directive.get("Namespace").getAsString();
      assertTrue(
          NAMESPACE.matcher(namespace).matches() && !namespace.startsWith("AWS/"),
          () -> "namespace " + namespace);
      JsonArray metrics = directive.getAsJsonArray("Metrics");
      for (JsonElement metric : metrics) {
        String name = metric.getAsJsonObject().get("Name").getAsString();
        assertTrue(declared.add(name), () -> "declared twice: " + name);
        assertTrue(name.length() <= 255, "metric name length");
        JsonElement value = root.get(name);
        assertTrue(
            value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber(),
            () -> "metric " + name + " has no numeric root member");
        double number = new BigDecimal(value.getAsString()).doubleValue();
        assertTrue(
            Double.isFinite(number)
                && (number == 0 || Math.abs(number) >= 0x1p-360 && Math.abs(number) <= 0x1p360),
            () -> "metric " + name + " has a value CloudWatch refuses: " + value);
        assertTrue(value.getAsString().length() <= 1000, "number text length");
      }
      for (JsonElement set : directive.getAsJsonArray("Dimensions")) {
        for (JsonElement key : set.getAsJsonArray()) {
          JsonElement value = root.get(key.getAsString());
          assertTrue(
              value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString(),
              () -> "dimension " + key + " has no text root member");
          String text = value.getAsString();
          assertTrue(
              DIMENSION_VALUE.matcher(text).matches() && !text.isBlank(),
              () -> "dimension " + key + " has a value CloudWatch refuses: " + cut(text));
          assertFalse(declared.contains(key.getAsString()), "a dimension is no metric");
        }
      }
    }
    assertTrue(
        declared.size() <= EmfRules.MAX_METRICS_PER_LINE,
        () -> declared.size() + " metric definitions in one line");
    return root;
  }

  /**
   * Asserts that a line of this library, written with the tests' fixed clock, is extracted in full
   * and has {@code _aws} last, after every field a query looks for.
   */
  static JsonObject assertValidEmf(String line) {
    JsonObject root = assertExtractedInFull(line, EmfLinesDeclareWhatCloudWatchAcceptsTest.NOW);
    String last = null;
    for (String key : root.keySet()) {
      last = key;
    }
    assertEquals("_aws", last, "_aws comes last");
    return root;
  }

  /** CloudWatch's pattern {@code [^:].*}: 1 to 255 ASCII characters, no control characters. */
  private static final Pattern NAMESPACE =
      Pattern.compile("[\\x20-\\x39\\x3B-\\x7E][\\x20-\\x7E]{0,254}");

  private static final Pattern DIMENSION_VALUE = Pattern.compile("[\\x20-\\x7E]{1,1024}");

  private static String cut(String line) {
    return line.length() > 2000 ? line.substring(0, 2000) + "..." : line;
  }
}
