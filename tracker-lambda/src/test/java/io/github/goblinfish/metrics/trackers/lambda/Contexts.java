package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.test.LoggedEvent;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.util.List;
import java.util.stream.Collectors;

/** The tests' contexts: tracker-lambda-test's TestContext, for a function named "orders". */
final class Contexts {
  private Contexts() {}

  static TestContext of(String requestId) {
    return of(requestId, null);
  }

  static TestContext of(String requestId, String traceHeader) {
    return TestContext.builder()
        .requestId(requestId)
        .functionName("orders")
        .xrayTraceId(traceHeader)
        .build();
  }

  /** What came through {@code log(byte[])}, one string per call, newline kept. */
  static List<String> byteEvents(TestContext context) {
    return context.logged().stream()
        .filter(LoggedEvent::viaBytes)
        .map(LoggedEvent::text)
        .collect(Collectors.toList());
  }

  /** What came through {@code log(String)}, one string per call. */
  static List<String> textEvents(TestContext context) {
    return context.logged().stream()
        .filter(event -> !event.viaBytes())
        .map(LoggedEvent::text)
        .collect(Collectors.toList());
  }
}
