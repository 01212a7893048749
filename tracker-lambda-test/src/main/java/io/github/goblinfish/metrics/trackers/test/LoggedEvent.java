package io.github.goblinfish.metrics.trackers.test;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;

/**
 * One call of the logger: the bytes of the log event the runtime makes of it, and how it was made.
 *
 * <pre>{@code
 * LoggedEvent event = context.logged().get(0);
 * assertTrue(event.viaBytes()); // a tracker line comes through log(byte[])
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LoggedEvent {
  private final byte[] bytes;
  private final boolean viaBytes;
  private final LogLevel level;

  LoggedEvent(byte[] bytes, boolean viaBytes, LogLevel level) {
    this.bytes = bytes;
    this.viaBytes = viaBytes;
    this.level = level;
  }

  /**
   * The event's bytes, exactly as logged: a String message as UTF-8.
   *
   * @return a copy of the bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The event's bytes decoded as UTF-8, trailing newline included.
   *
   * @return the event's text
   */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Whether the call passed bytes ({@code log(byte[])}) rather than a String. It matters in
   * Lambda's JSON log format, where the runtime wraps a String message in a JSON object of its own
   * and writes bytes as they are.
   *
   * @return true for {@code log(byte[])} and {@code log(byte[], LogLevel)}
   */
  public boolean viaBytes() {
    return viaBytes;
  }

  /**
   * The level the call gave.
   *
   * @return the level, {@link LogLevel#UNDEFINED} for the calls without one
   */
  public LogLevel level() {
    return level;
  }

  @Override
  public String toString() {
    return (viaBytes ? "bytes " : "text ") + level + ": " + text();
  }
}
