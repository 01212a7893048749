package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.internal.InitClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * A {@link RequestStreamHandler} whose every invocation is tracked, like {@link
 * TrackedRequestHandler}.
 *
 * <pre>{@code
 * public final class EchoHandler extends TrackedRequestStreamHandler {
 *   protected void handleTracked(InputStream in, OutputStream out, Context context)
 *       throws IOException {
 *     byte[] event = tracker().track("read_event", () -> in.readAllBytes());
 *     tracker().setMetric("event_bytes", event.length);
 *     out.write(event);
 *   }
 * }
 * }</pre>
 *
 * <p>The handler's {@link IOException} or other exception reaches the runtime unchanged.
 * Thread-safe: one instance serves concurrent invocations.
 */
public abstract class TrackedRequestStreamHandler implements RequestStreamHandler {
  private final InvocationTracking tracking;

  /**
   * Tracks with the given configuration.
   *
   * @param config entry name, identifiers and output
   */
  protected TrackedRequestStreamHandler(HandlerConfig config) {
    this.tracking = new InvocationTracking(config, getClass());
    InvocationClassesWarmUp.startOnce(tracking);
    InitClock.constructionEnded();
  }

  /**
   * Tracks with the default configuration, sending each line to {@code output}.
   *
   * @param output receives each invocation's line
   */
  protected TrackedRequestStreamHandler(Consumer<String> output) {
    this(InvocationTracking.markedBuilder().output(output).build());
  }

  /** Tracks with the {@link HandlerConfig#defaults() default configuration}. */
  protected TrackedRequestStreamHandler() {
    this(InvocationTracking.markedDefaults());
  }

  /**
   * Tracks the invocation and runs {@link #handleTracked(InputStream, OutputStream, Context)}.
   *
   * @param input the event
   * @param output where the response goes
   * @param context the invocation's context; null is tolerated
   * @throws IOException what the handler threw
   */
  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    new TrackedInvocation<Void, IOException>(tracking, context) {
      @Override
      Void handle(Context context) throws IOException {
        handleTracked(input, output, context);
        return null;
      }
    }.run();
  }

  /**
   * Handles one invocation; its time is the entry's latency.
   *
   * @param input the event
   * @param output where the response goes
   * @param context the invocation's context
   * @throws IOException if reading or writing fails
   */
  protected abstract void handleTracked(InputStream input, OutputStream output, Context context)
      throws IOException;

  /**
   * Returns the tracker of the invocation running on the calling thread.
   *
   * @return the current invocation's tracker
   */
  protected final ProcessTracker tracker() {
    return ProcessTracker.current();
  }
}
