package io.github.goblinfish.metrics.trackers.test;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps each call as one event, as the runtime's own logger frames each call as one; or hands each
 * call's bytes to a consumer instead, keeping nothing.
 */
final class KeepingLogger implements LambdaLogger {
  private final boolean keep;
  private final Consumer<byte[]> forward;
  private final List<LoggedEvent> events = new ArrayList<>();

  KeepingLogger(boolean keep, Consumer<byte[]> forward) {
    this.keep = keep && forward == null;
    this.forward = forward;
  }

  @Override
  public void log(String message) {
    log(message, LogLevel.UNDEFINED);
  }

  @Override
  public void log(byte[] message) {
    log(message, LogLevel.UNDEFINED);
  }

  @Override
  public void log(String message, LogLevel level) {
    if (forward != null) {
      forward.accept(String.valueOf(message).getBytes(StandardCharsets.UTF_8));
    } else if (keep) {
      // The runtime writes a null message as the text "null".
      keep(String.valueOf(message).getBytes(StandardCharsets.UTF_8), false, level);
    }
  }

  @Override
  public void log(byte[] message, LogLevel level) {
    Objects.requireNonNull(message, "message");
    if (forward != null) {
      forward.accept(message);
    } else if (keep) {
      // A copy: the caller may reuse its array.
      keep(Arrays.copyOf(message, message.length), true, level);
    }
  }

  private void keep(byte[] bytes, boolean viaBytes, LogLevel level) {
    LoggedEvent event =
        new LoggedEvent(bytes, viaBytes, level == null ? LogLevel.UNDEFINED : level);
    synchronized (events) {
      events.add(event);
    }
  }

  List<LoggedEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
