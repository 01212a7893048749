package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamEchoHandlerTest {
  private final FakeTicker ticker = new FakeTicker();
  private final TestContext context = TrackerLines.context("StreamEchoFunction");
  private final StreamEchoHandler handler = new StreamEchoHandler(ticker);

  @Test
  void echoesTheEventBytesAsTheRuntimePassesThem() throws IOException {
    // A stream handler gets the event's bytes untouched, so the file is the input.
    byte[] event = Repository.eventBytes("stream-echo.json");
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    handler.handleRequest(new ByteArrayInputStream(event), output, context);

    JsonObject response =
        JsonParser.parseString(output.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals(
        JsonParser.parseString(new String(event, StandardCharsets.UTF_8)), response.get("echo"));
    assertEquals(event.length, response.get("event_bytes").getAsInt());
    assertEquals(3, response.get("top_level_fields").getAsInt());

    TrackerLines.assertLine(
        context,
        "{\"latencies\":{\"StreamEchoHandler\":0.000,\"read_event\":0.000,\"parse_event\":0.000,"
            + "\"build_response\":0.000,\"write_response\":0.000},"
            + "\"untracked\":0.000,\"metrics\":{\"event_bytes\":"
            + event.length
            + ",\"top_level_fields\":3},"
            + TrackerLines.AUTOMATIC_IDENTIFIERS
            + "}");
  }

  @Test
  void eventThatIsNotJsonFailsTheInvocationAndTheLineSaysWhy() {
    byte[] event = "hello, not json {".getBytes(StandardCharsets.UTF_8);

    assertThrows(
        JsonSyntaxException.class,
        () ->
            handler.handleRequest(
                new ByteArrayInputStream(event), new ByteArrayOutputStream(), context));

    TrackerLines.assertLine(
        context,
        "{\"latencies\":{\"StreamEchoHandler\":0.000,\"read_event\":0.000,\"parse_event\":0.000},"
            + "\"untracked\":0.000,\"metrics\":{\"event_bytes\":17,\"failed\":1,"
            + "\"exception_type\":\"com.google.gson.JsonSyntaxException\"},"
            + TrackerLines.AUTOMATIC_IDENTIFIERS
            + "}");
  }
}
