package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.LineFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationComesFromCodeThenTheEnvironmentTest {

  private static HandlerConfig.Builder withEnvironment(Map<String, String> variables) {
    return HandlerConfig.builder().environment(variables::get);
  }

  @Test
  void withoutVariablesEveryIdentifierIsOnUnderItsDefaultName() {
    HandlerConfig config = withEnvironment(Map.of()).build();
    assertEquals(
        Map.of(
            LambdaIdentifier.REQUEST_ID, "request_id",
            LambdaIdentifier.FUNCTION_NAME, "function_name",
            LambdaIdentifier.FUNCTION_VERSION, "function_version",
            LambdaIdentifier.COLD_START, "cold_start",
            LambdaIdentifier.INIT_TYPE, "init_type",
            LambdaIdentifier.XRAY_TRACE_ID, "xray_trace_id",
            LambdaIdentifier.TENANT_ID, "tenant_id"),
        config.identifierNames());
    assertEquals(Optional.empty(), config.entryName());
    assertSame(LineFormat.json(), config.format());
  }

  @Test
  void identifiersVariableChoosesWhichToKeep() {
    assertEquals(
        Map.of(
            LambdaIdentifier.REQUEST_ID, "request_id", LambdaIdentifier.COLD_START, "cold_start"),
        withEnvironment(Map.of("TRACKER_IDENTIFIERS", "request_id, cold_start"))
            .build()
            .identifierNames());
    assertEquals(
        Map.of(), withEnvironment(Map.of("TRACKER_IDENTIFIERS", "none")).build().identifierNames());
    assertEquals(
        7, withEnvironment(Map.of("TRACKER_IDENTIFIERS", "ALL")).build().identifierNames().size());
  }

  @Test
  void codeWinsOverTheIdentifiersVariable() {
    HandlerConfig config =
        withEnvironment(Map.of("TRACKER_IDENTIFIERS", "none"))
            .omitIdentifier(LambdaIdentifier.XRAY_TRACE_ID)
            .build();
    assertEquals(6, config.identifierNames().size());
  }

  @Test
  void unknownIdentifierInTheVariableFailsAtInitialisationNamingTheVariable() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> withEnvironment(Map.of("TRACKER_IDENTIFIERS", "request_id,trace")).build());
    assertEquals(
        "TRACKER_IDENTIFIERS='request_id,trace' is not accepted: use all, none, or a"
            + " comma-separated list of request_id, function_name, function_version, cold_start,"
            + " init_type, xray_trace_id, tenant_id",
        error.getMessage());
  }

  @Test
  void entryNameComesFromTheVariableUnlessTheCodeNamesIt() {
    assertEquals(
        Optional.of("orders"),
        withEnvironment(Map.of("TRACKER_ENTRY_NAME", " orders ")).build().entryName());
    assertEquals(
        Optional.of("code"),
        withEnvironment(Map.of("TRACKER_ENTRY_NAME", "orders"))
            .entryName("code")
            .build()
            .entryName());
    assertEquals(
        Optional.empty(), withEnvironment(Map.of("TRACKER_ENTRY_NAME", "  ")).build().entryName());
  }

  @Test
  void unknownFormatFailsAtInitialisationNamingTheVariable() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> withEnvironment(Map.of("TRACKER_FORMAT", "xml")).build());
    assertEquals("TRACKER_FORMAT='xml' is not accepted: use json or emf", error.getMessage());
  }

  @Test
  void formatSetInCodeIgnoresTheFormatVariable() {
    assertSame(
        LineFormat.json(),
        withEnvironment(Map.of("TRACKER_FORMAT", "xml"))
            .format(LineFormat.json())
            .build()
            .format());
  }

  @Test
  void emfFormatAndItsSettingsComeFromTheVariables() {
    LineFormat format =
        withEnvironment(
                Map.of(
                    "TRACKER_FORMAT", "EMF",
                    "TRACKER_NAMESPACE", "orders",
                    "TRACKER_SERVICE", "order-api",
                    "TRACKER_DIMENSIONS", "service;function_name,service",
                    "TRACKER_UNITS", "records_failed=Count, payload=Bytes",
                    "TRACKER_HIGH_RESOLUTION", "load_order"))
            .build()
            .format();
    EmfLineFormat emf = (EmfLineFormat) format;
    assertEquals("orders", emf.namespace());
    assertEquals(Optional.of("order-api"), emf.service());
    assertEquals(
        List.of(List.of("service"), List.of("function_name", "service")), emf.dimensions());
  }

  @Test
  void emptyDimensionsVariableMeansMetricsWithoutDimensions() {
    EmfLineFormat emf =
        (EmfLineFormat)
            withEnvironment(Map.of("TRACKER_FORMAT", "emf", "TRACKER_DIMENSIONS", ""))
                .build()
                .format();
    assertEquals(List.of(List.of()), emf.dimensions());
    assertEquals(
        EmfLineFormat.DEFAULT_DIMENSIONS,
        ((EmfLineFormat) withEnvironment(Map.of("TRACKER_FORMAT", "emf")).build().format())
            .dimensions());
  }

  @Test
  void badEmfVariablesFailAtInitialisationNamingTheVariable() {
    assertEquals(
        "TRACKER_UNITS='payload' is not accepted: use name=Unit pairs separated by commas, such as"
            + " records_failed=Count,payload=Bytes",
        rejection(Map.of("TRACKER_FORMAT", "emf", "TRACKER_UNITS", "payload")));
    assertTrue(
        rejection(Map.of("TRACKER_FORMAT", "emf", "TRACKER_UNITS", "payload=Kilos"))
            .startsWith(
                "TRACKER_UNITS='payload=Kilos' is not accepted: unit 'Kilos' is not an EMF unit; accepted: Seconds, "));
    assertTrue(
        rejection(Map.of("TRACKER_FORMAT", "emf", "TRACKER_NAMESPACE", "my orders"))
            .startsWith(
                "TRACKER_NAMESPACE='my orders' is not accepted: namespace 'my orders' is not accepted"));
    assertTrue(
        rejection(Map.of("TRACKER_FORMAT", "emf", "TRACKER_DIMENSIONS", "a,,b"))
            .startsWith(
                "TRACKER_DIMENSIONS='a,,b' is not accepted: dimensions \"a,,b\" is not accepted"));
  }

  private static String rejection(Map<String, String> variables) {
    return assertThrows(IllegalArgumentException.class, () -> withEnvironment(variables).build())
        .getMessage();
  }

  @Test
  void unitsAndHighResolutionFromTheVariablesReachTheLine() {
    LineFormat format =
        withEnvironment(
                Map.of(
                    "TRACKER_FORMAT", "emf",
                    "TRACKER_DIMENSIONS", "",
                    "TRACKER_UNITS", "records_failed=Count",
                    "TRACKER_HIGH_RESOLUTION", "main"))
            .build()
            .format();
    java.util.List<String> lines = new java.util.ArrayList<>();
    io.github.goblinfish.metrics.trackers.ProcessTracker.builder()
        .format(format)
        .ticker(() -> 0L)
        .output(lines::add)
        .build()
        .trackProcess(
            "main",
            () ->
                io.github.goblinfish.metrics.trackers.ProcessTracker.current()
                    .incrementMetric("records_failed"));
    String line = lines.get(0);
    assertTrue(
        line.contains(
            "\"Metrics\":[{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\","
                + "\"StorageResolution\":1},{\"Name\":\"metric:records_failed\",\"Unit\":\"Count\"}]"),
        line);
  }

  @Test
  void aUnitPairWithNoNameIsRejectedNamingTheVariable() {
    assertEquals(
        "TRACKER_UNITS='=Count' is not accepted: name must not be blank",
        rejection(Map.of("TRACKER_FORMAT", "emf", "TRACKER_UNITS", "=Count")));
  }

  @Test
  void twoIdentifiersRenamedToOneKeyFailTheBuildNamingBoth() {
    IllegalArgumentException clash =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HandlerConfig.builder()
                    .environment(name -> null)
                    .identifierName(LambdaIdentifier.REQUEST_ID, "function_name")
                    .build());
    assertEquals(
        "identifiers REQUEST_ID and FUNCTION_NAME would both be written as 'function_name';"
            + " give one of them another name or omit it",
        clash.getMessage());
    // Omitting the other one resolves the clash.
    assertEquals(
        "function_name",
        HandlerConfig.builder()
            .environment(name -> null)
            .identifierName(LambdaIdentifier.REQUEST_ID, "function_name")
            .omitIdentifier(LambdaIdentifier.FUNCTION_NAME)
            .build()
            .identifierNames()
            .get(LambdaIdentifier.REQUEST_ID));
  }
}
