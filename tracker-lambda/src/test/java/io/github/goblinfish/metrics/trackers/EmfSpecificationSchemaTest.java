package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EMF schema in the test resources says what the EMF specification says: its example passes,
 * each stated limit holds at its edge and fails one past it.
 */
class EmfSpecificationSchemaTest {
  /** When the specification's example was written, in epoch milliseconds. */
  private static final long SPECIFICATION_TIMESTAMP = 1574109732004L;

  /** The specification's example document, one metric with one dimension. */
  private static final String SPECIFICATION_EXAMPLE =
      "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{\"Namespace\":"
          + "\"lambda-function-metrics\",\"Dimensions\":[[\"functionVersion\"]],\"Metrics\":"
          + "[{\"Name\":\"time\",\"Unit\":\"Milliseconds\",\"StorageResolution\":60}]}]},"
          + "\"functionVersion\":\"$LATEST\",\"time\":100,"
          + "\"requestId\":\"989ffbf8-9ace-4817-a57c-e4dd734019ee\"}";

  private static String document(String directive) {
    return "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[" + directive + "]}}";
  }

  private static String directive(String namespace, String dimensions, String metrics) {
    return "{\"Namespace\":"
        + namespace
        + ",\"Dimensions\":"
        + dimensions
        + ",\"Metrics\":"
        + metrics
        + "}";
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  private static String names(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> quoted("d" + i))
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String metrics(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "{\"Name\":\"m" + i + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static final String ONE_METRIC = "[{\"Name\":\"m\"}]";

  @Test
  void theSpecificationsExampleIsValid() {
    assertEquals(List.of(), EmfSchemaCheck.schemaErrors(SPECIFICATION_EXAMPLE));
    JsonObject root =
        EmfSchemaCheck.assertExtractedInFull(SPECIFICATION_EXAMPLE, SPECIFICATION_TIMESTAMP);
    assertEquals(100, root.get("time").getAsInt());
  }

  static Stream<Arguments> documentsAtTheLimits() {
    return Stream.of(
        Arguments.of("no dimensions at all", document(directive("\"n\"", "[[]]", ONE_METRIC))),
        Arguments.of(
            "30 names in a set", document(directive("\"n\"", "[" + names(30) + "]", "[]"))),
        Arguments.of("100 metrics", document(directive("\"n\"", "[[]]", metrics(100)))),
        Arguments.of(
            "namespace of 1024 characters",
            document(directive(quoted("n".repeat(1024)), "[[]]", ONE_METRIC))),
        Arguments.of(
            "dimension name of 250 characters",
            document(directive("\"n\"", "[[" + quoted("d".repeat(250)) + "]]", ONE_METRIC))),
        Arguments.of(
            "metric name of 1024 characters",
            document(directive("\"n\"", "[[]]", "[{\"Name\":" + quoted("m".repeat(1024)) + "}]"))),
        Arguments.of(
            "high resolution",
            document(directive("\"n\"", "[[]]", "[{\"Name\":\"m\",\"StorageResolution\":1}]"))),
        Arguments.of(
            "other members of _aws are ignored",
            "{\"_aws\":{\"Timestamp\":1,\"LogGroupName\":\"g\",\"CloudWatchMetrics\":[]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentsAtTheLimits")
  void documentsAtTheLimitsAreValid(String what, String document) {
    assertEquals(List.of(), EmfSchemaCheck.schemaErrors(document), what);
  }

  static Stream<Arguments> documentsPastTheLimits() {
    return Stream.of(
        Arguments.of("no _aws", "{\"m\":1}"),
        Arguments.of("no Timestamp", "{\"_aws\":{\"CloudWatchMetrics\":[]}}"),
        Arguments.of(
            "Timestamp as text", "{\"_aws\":{\"Timestamp\":\"1\",\"CloudWatchMetrics\":[]}}"),
        Arguments.of(
            "Timestamp with a fraction", "{\"_aws\":{\"Timestamp\":1.5,\"CloudWatchMetrics\":[]}}"),
        Arguments.of("no CloudWatchMetrics", "{\"_aws\":{\"Timestamp\":1}}"),
        Arguments.of(
            "CloudWatchMetrics not an array",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":{}}}"),
        Arguments.of("no Namespace", document("{\"Dimensions\":[[]],\"Metrics\":[]}")),
        Arguments.of("no Dimensions", document("{\"Namespace\":\"n\",\"Metrics\":[]}")),
        Arguments.of("no Metrics", document("{\"Namespace\":\"n\",\"Dimensions\":[[]]}")),
        Arguments.of("empty namespace", document(directive("\"\"", "[[]]", ONE_METRIC))),
        Arguments.of(
            "namespace of 1025 characters",
            document(directive(quoted("n".repeat(1025)), "[[]]", ONE_METRIC))),
        Arguments.of("no dimension set", document(directive("\"n\"", "[]", ONE_METRIC))),
        Arguments.of(
            "31 names in a set", document(directive("\"n\"", "[" + names(31) + "]", "[]"))),
        Arguments.of("empty dimension name", document(directive("\"n\"", "[[\"\"]]", ONE_METRIC))),
        Arguments.of(
            "dimension name of 251 characters",
            document(directive("\"n\"", "[[" + quoted("d".repeat(251)) + "]]", ONE_METRIC))),
        Arguments.of("101 metrics", document(directive("\"n\"", "[[]]", metrics(101)))),
        Arguments.of("metric without a name", document(directive("\"n\"", "[[]]", "[{}]"))),
        Arguments.of(
            "empty metric name", document(directive("\"n\"", "[[]]", "[{\"Name\":\"\"}]"))),
        Arguments.of(
            "metric name of 1025 characters",
            document(directive("\"n\"", "[[]]", "[{\"Name\":" + quoted("m".repeat(1025)) + "}]"))),
        Arguments.of(
            "unit spelled wrong",
            document(directive("\"n\"", "[[]]", "[{\"Name\":\"m\",\"Unit\":\"Counts\"}]"))),
        Arguments.of(
            "unit in the wrong case",
            document(directive("\"n\"", "[[]]", "[{\"Name\":\"m\",\"Unit\":\"count\"}]"))),
        Arguments.of(
            "storage resolution of 30",
            document(directive("\"n\"", "[[]]", "[{\"Name\":\"m\",\"StorageResolution\":30}]"))),
        Arguments.of(
            "unknown member of a metric definition",
            document(directive("\"n\"", "[[]]", "[{\"Name\":\"m\",\"Value\":1}]"))),
        Arguments.of(
            "unknown member of a directive",
            document(
                "{\"Namespace\":\"n\",\"Dimensions\":[[]],\"Metrics\":[],\"Unit\":\"Count\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentsPastTheLimits")
  void documentsPastTheLimitsAreRejected(String what, String document) {
    List<Error> errors = EmfSchemaCheck.schemaErrors(document);

    assertFalse(errors.isEmpty(), what + " must not pass the schema");
  }

  @Test
  void theSchemaAcceptsExactlyTheUnitsOfEmfUnit() throws IOException {
    JsonArray units;
    try (InputStream in =
        EmfSchemaCheck.class.getResourceAsStream(EmfSchemaCheck.SCHEMA_RESOURCE)) {
      JsonObject schema =
          JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .getAsJsonObject();
      units =
          schema
              .getAsJsonObject("definitions")
              .getAsJsonObject("MetricDefinition")
              .getAsJsonObject("properties")
              .getAsJsonObject("Unit")
              .getAsJsonArray("enum");
    }
    Set<String> schemaUnits = new TreeSet<>();
    for (JsonElement unit : units) {
      schemaUnits.add(unit.getAsString());
    }
    Set<String> libraryUnits =
        Stream.of(EmfUnit.values())
            .map(EmfUnit::emfName)
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(27, units.size());
    assertEquals(libraryUnits, schemaUnits);
  }

  @Test
  void theSchemaIsReadFromThisModulesTestResources() throws URISyntaxException {
    URL schema = EmfSchemaCheck.class.getResource(EmfSchemaCheck.SCHEMA_RESOURCE);
    Path module = Path.of("").toAbsolutePath();

    assertEquals("file", schema.getProtocol());
    assertTrue(
        Path.of(schema.toURI()).startsWith(module.resolve("target")),
        schema + " lies in " + module);
  }
}
