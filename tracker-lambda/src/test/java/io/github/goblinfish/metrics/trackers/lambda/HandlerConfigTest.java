package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goblinfish.metrics.trackers.LineFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlerConfigTest {

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
            LambdaIdentifier.XRAY_TRACE_ID, "xray_trace_id"),
        config.identifierNames());
    assertEquals(Optional.empty(), config.entryName());
    assertSame(LineFormat.json(), config.format());
  }

  @Test
  void identifiersVariableChoosesWhichToKeep() {
    assertEquals(
        Map.of(LambdaIdentifier.REQUEST_ID, "request_id", LambdaIdentifier.COLD_START, "cold_start"),
        withEnvironment(Map.of("TRACKER_IDENTIFIERS", "request_id, cold_start")).build().identifierNames());
    assertEquals(Map.of(), withEnvironment(Map.of("TRACKER_IDENTIFIERS", "none")).build().identifierNames());
    assertEquals(5, withEnvironment(Map.of("TRACKER_IDENTIFIERS", "ALL")).build().identifierNames().size());
  }

  @Test
  void codeWinsOverTheIdentifiersVariable() {
    HandlerConfig config =
        withEnvironment(Map.of("TRACKER_IDENTIFIERS", "none"))
            .omitIdentifier(LambdaIdentifier.XRAY_TRACE_ID)
            .build();
    assertEquals(4, config.identifierNames().size());
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
            + " xray_trace_id",
        error.getMessage());
  }

  @Test
  void entryNameComesFromTheVariableUnlessTheCodeNamesIt() {
    assertEquals(
        Optional.of("orders"),
        withEnvironment(Map.of("TRACKER_ENTRY_NAME", " orders ")).build().entryName());
    assertEquals(
        Optional.of("code"),
        withEnvironment(Map.of("TRACKER_ENTRY_NAME", "orders")).entryName("code").build().entryName());
    assertEquals(
        Optional.empty(), withEnvironment(Map.of("TRACKER_ENTRY_NAME", "  ")).build().entryName());
  }

  @Test
  void unknownFormatFailsAtInitialisationNamingTheVariable() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> withEnvironment(Map.of("TRACKER_FORMAT", "xml")).build());
    assertEquals("TRACKER_FORMAT='xml' is not accepted: use json", error.getMessage());
  }

  @Test
  void formatSetInCodeIgnoresTheFormatVariable() {
    assertSame(
        LineFormat.json(),
        withEnvironment(Map.of("TRACKER_FORMAT", "xml")).format(LineFormat.json()).build().format());
  }
}
