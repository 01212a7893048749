package io.github.goblinfish.metrics.trackers.local;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One log event as CloudWatch Logs would receive it from the function: either one frame the runtime
 * client wrote on the telemetry descriptor (one {@code LambdaLogger.log} call, newlines included),
 * or one line of the child's stdout/stderr (Lambda splits those by line), or a line the platform
 * itself writes (a timeout).
 *
 * <pre>{@code
 * for (LogEvent e : invocation.logs()) {
 *     if (e.source() == LogEvent.Source.TELEMETRY && "JSON".equals(e.format())) {
 *         System.out.println(e.level() + " " + e.text());
 *     }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LogEvent {

  /** Where an event came from. */
  public enum Source {
    /** A frame on {@code _LAMBDA_TELEMETRY_LOG_FD}: one {@code LambdaLogger.log(...)} call. */
    TELEMETRY,
    /** One line the function wrote on stdout or stderr (Lambda merges both). */
    STDOUT,
    /** A line from the runner acting as the Lambda service (e.g. a timeout notice). */
    PLATFORM
  }

  private final Source source;
  private final byte[] message;
  private final Instant timestamp;
  private final String level;
  private final String format;

  LogEvent(Source source, byte[] message, Instant timestamp, String level, String format) {
    this.source = Objects.requireNonNull(source);
    this.message = message.clone();
    this.timestamp = Objects.requireNonNull(timestamp);
    this.level = level;
    this.format = format;
  }

  static LogEvent platform(String text) {
    return new LogEvent(
        Source.PLATFORM, text.getBytes(StandardCharsets.UTF_8), Instant.now(), null, null);
  }

  /**
   * @return where the event came from
   */
  public Source source() {
    return source;
  }

  /**
   * @return the exact bytes of the event's message
   */
  public byte[] message() {
    return message.clone();
  }

  /**
   * @return the message decoded as UTF-8
   */
  public String text() {
    return new String(message, StandardCharsets.UTF_8);
  }

  /**
   * @return the frame's timestamp (microsecond precision), or the time the line was read
   */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * @return the frame's log level (UNDEFINED, TRACE .. FATAL), or {@code null} for stdout lines
   */
  public String level() {
    return level;
  }

  /**
   * @return the frame's log format ({@code JSON} or {@code TEXT}), or {@code null} for stdout lines
   */
  public String format() {
    return format;
  }

  @Override
  public String toString() {
    return source + (format == null ? "" : " " + format + " " + level) + ": " + text();
  }
}
