package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Echoes any JSON event back with a little about it, working on raw bytes as a {@code
 * RequestStreamHandler} does when the event type is not known in advance or the default
 * deserialization is in the way.
 *
 * <p>What it shows: timers around each stage of a stream handler ({@code read_event}, {@code
 * parse_event}, {@code build_response}, {@code write_response}) and the metrics {@code event_bytes}
 * and {@code top_level_fields}.
 *
 * <p>The response is {@code {"echo":<the event>,"event_bytes":<n>,"top_level_fields":<n>}}. An
 * event that is not JSON fails the invocation (the line then has {@code failed} and {@code
 * exception_type}). Invoke it with
 *
 * <pre>
 * sam local invoke StreamEchoFunction -e events/stream-echo.json
 * </pre>
 */
public final class StreamEchoHandler extends TrackedRequestStreamHandler {
  private static final Gson GSON = new Gson();

  /** The constructor the Lambda runtime calls. */
  public StreamEchoHandler() {
    this(Ticker.system());
  }

  /** Lets tests fix the clock, with the production configuration. */
  StreamEchoHandler(Ticker ticker) {
    super(HandlerConfig.builder().ticker(ticker).build());
  }

  @Override
  protected void handleTracked(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = tracker().track("read_event", input::readAllBytes);
    tracker().setMetric("event_bytes", event.length);

    JsonElement parsed;
    try (Timer timer = tracker().timer("parse_event")) {
      parsed = JsonParser.parseString(new String(event, StandardCharsets.UTF_8));
    }

    JsonObject response = new JsonObject();
    try (Timer timer = tracker().timer("build_response")) {
      int fields = parsed.isJsonObject() ? parsed.getAsJsonObject().size() : 0;
      tracker().setMetric("top_level_fields", fields);
      response.add("echo", parsed);
      response.addProperty("event_bytes", event.length);
      response.addProperty("top_level_fields", fields);
    }

    try (Timer timer = tracker().timer("write_response")) {
      // Not closed: the runtime owns the stream; flushing is what hands the bytes over.
      Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
      GSON.toJson(response, writer);
      writer.flush();
    }
  }
}
