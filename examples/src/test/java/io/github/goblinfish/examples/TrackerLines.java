package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.test.LoggedEvent;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import java.util.List;

/** The examples' contexts, and reading the one line an invocation logs. */
final class TrackerLines {
  static final String REQUEST_ID = "5e0c2a1f-8b7d-4c3e-9a6f-1d2e3f4a5b6c";
  static final String TRACE_HEADER =
      "Root=1-6745a3c2-0e1d2c3b4a5968778695a4b3;Parent=53995c3f42cd8ad8;Sampled=1";
  static final String TRACE_ROOT = "1-6745a3c2-0e1d2c3b4a5968778695a4b3";

  /** Stands for the identifiers every tracked handler adds from the Context. */
  static final String AUTOMATIC_IDENTIFIERS = "<automatic identifiers>";

  private TrackerLines() {}

  /** A Context as the runtime gives one to a function named after its template logical id. */
  static TestContext context(String functionName) {
    return TestContext.builder()
        .requestId(REQUEST_ID)
        .functionName(functionName)
        .xrayTraceId(TRACE_HEADER)
        .build();
  }

  /** The invocation's only log event, without the newline that ends it. */
  static String only(TestContext context) {
    List<LoggedEvent> logged = context.logged();
    assertEquals(1, logged.size(), "one log call per invocation: " + logged);
    assertTrue(logged.get(0).viaBytes(), "the line goes out through log(byte[])");
    String call = logged.get(0).text();
    assertTrue(call.endsWith("\n"), "the line ends with a newline for stdout fallbacks");
    String line = call.substring(0, call.length() - 1);
    assertFalse(line.contains("\n"), "no raw line break inside the line");
    return line;
  }

  /**
   * Asserts the exact line, where {@link #AUTOMATIC_IDENTIFIERS} in {@code expected} stands for the
   * Context's identifiers. {@code cold_start} is true only for the first invocation of the test
   * JVM, whichever test that is, so only its type is fixed.
   */
  static TrackerLine assertLine(TestContext context, String expected) {
    String text = only(context);
    TrackerLine line = TrackerLine.parse(text);
    Object coldStart = line.identifier("cold_start");
    assertTrue(coldStart instanceof Boolean, "cold_start is a JSON boolean: " + text);
    String identifiers =
        "\"request_id\":\""
            + REQUEST_ID
            + "\",\"function_name\":\""
            + context.getFunctionName()
            + "\",\"function_version\":\"$LATEST\",\"cold_start\":"
            + coldStart
            + ",\"xray_trace_id\":\""
            + TRACE_ROOT
            + "\"";
    assertEquals(expected.replace(AUTOMATIC_IDENTIFIERS, identifiers), text);
    return line;
  }
}
