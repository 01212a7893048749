package io.github.goblinfish.examples.docs.javadoc.stream;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The class example of TrackedRequestStreamHandler's Javadoc, compiled. */
public final class EchoHandler extends TrackedRequestStreamHandler {
  protected void handleTracked(InputStream in, OutputStream out, Context context)
      throws IOException {
    byte[] event = tracker().track("read_event", () -> in.readAllBytes());
    tracker().setMetric("event_bytes", event.length);
    out.write(event);
  }
}
