package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each automatic identifier reads its own value from the invocation: a constant added to {@link
 * LambdaIdentifier} without its own reading fails here rather than reading another one's value.
 */
class EveryIdentifierReadsItsOwnValueTest {

  @Test
  void everyIdentifierReadsItsOwnValueFromAContextWhoseValuesAllDiffer() {
    TestContext context =
        TestContext.builder()
            .requestId("the-request")
            .functionName("the-function")
            .functionVersion("the-version")
            .tenantId("the-tenant")
            .xrayTraceId("Root=the-trace;Sampled=1")
            .build();
    Map<LambdaIdentifier, Object> read = new HashMap<>();
    for (LambdaIdentifier identifier : LambdaIdentifier.values()) {
      read.put(identifier, identifier.read(context, true));
    }
    Map<LambdaIdentifier, Object> expected = new HashMap<>();
    expected.put(LambdaIdentifier.REQUEST_ID, "the-request");
    expected.put(LambdaIdentifier.FUNCTION_NAME, "the-function");
    expected.put(LambdaIdentifier.FUNCTION_VERSION, "the-version");
    expected.put(LambdaIdentifier.COLD_START, true);
    expected.put(LambdaIdentifier.INIT_TYPE, InitType.VALUE);
    expected.put(LambdaIdentifier.XRAY_TRACE_ID, "the-trace");
    expected.put(LambdaIdentifier.TENANT_ID, "the-tenant");
    assertEquals(expected, read);
  }

  @Test
  void withoutAContextOnlyTheIdentifiersOfTheProcessHaveAValue() {
    for (LambdaIdentifier identifier : LambdaIdentifier.values()) {
      Object expected =
          identifier == LambdaIdentifier.COLD_START
              ? Boolean.FALSE
              : identifier == LambdaIdentifier.INIT_TYPE ? InitType.VALUE : null;
      assertEquals(expected, identifier.read(null, false), identifier.name());
    }
  }
}
