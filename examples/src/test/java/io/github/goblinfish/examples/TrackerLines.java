package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;

/** Reading the one line an invocation logs. */
final class TrackerLines {
  /** Stands for the identifiers every tracked handler adds from the Context. */
  static final String AUTOMATIC_IDENTIFIERS = "<automatic identifiers>";

  private TrackerLines() {}

  /** The invocation's only logged call, without the newline that ends it. */
  static String only(TestContext context) {
    List<String> logged = context.logged();
    assertEquals(1, logged.size(), "one log call per invocation: " + logged);
    String call = logged.get(0);
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
  static JsonObject assertLine(TestContext context, String expected) {
    String line = only(context);
    JsonObject parsed = parse(line);
    JsonElement coldStart = parsed.get("cold_start");
    assertTrue(
        coldStart != null
            && coldStart.isJsonPrimitive()
            && coldStart.getAsJsonPrimitive().isBoolean(),
        "cold_start is a JSON boolean: " + line);
    String identifiers =
        "\"request_id\":\""
            + TestContext.REQUEST_ID
            + "\",\"function_name\":\""
            + context.getFunctionName()
            + "\",\"function_version\":\"$LATEST\",\"cold_start\":"
            + coldStart.getAsBoolean()
            + ",\"xray_trace_id\":\""
            + TestContext.TRACE_ROOT
            + "\"";
    assertEquals(expected.replace(AUTOMATIC_IDENTIFIERS, identifiers), line);
    return parsed;
  }

  static JsonObject parse(String line) {
    return JsonParser.parseString(line).getAsJsonObject();
  }
}
