package io.github.goblinfish.metrics.trackers.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes the runtime client's telemetry log frames.
 *
 * <p>Layout, as aws-lambda-java-runtime-interface-client 2.10.1 writes it in {@code
 * logging/FramedTelemetryLogSink} and {@code logging/FrameType} (big-endian):
 *
 * <pre>
 *   int32  type      0xa55a0000 | level.ordinal() &lt;&lt; 2
 *                    | 1 &lt;&lt; 1 (timestamp present) | format.ordinal()
 *   int32  length    of the message in bytes
 *   int64  timestamp microseconds since the epoch (present when bit 1 of type is set)
 *   byte[] message   exactly the bytes of one log call, no terminator
 * </pre>
 *
 * with {@code LogFormat} {JSON, TEXT} and {@code LogLevel} {UNDEFINED, TRACE, DEBUG, INFO, WARN,
 * ERROR, FATAL} from aws-lambda-java-core, so the low bit is 0 for JSON and 1 for TEXT.
 *
 * <p>A message is read in pieces of at most one CloudWatch event ({@link
 * Utf8Chunks#MAX_EVENT_BYTES}), each becoming its own event as Lambda continues a long log call in
 * the next events; memory stays bounded whatever length a frame announces.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
final class TelemetryFrames {
  static final int MAGIC = 0xa55a0000;
  static final int MAGIC_MASK = 0xffff0000;
  private static final List<String> LEVELS =
      List.of("UNDEFINED", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
  private static final List<String> FORMATS = List.of("JSON", "TEXT");

  private final InputStream in;
  private final int maxEvent;
  private final byte[] header = new byte[8];
  private final byte[] piece;

  TelemetryFrames(InputStream in) {
    this(in, Utf8Chunks.MAX_EVENT_BYTES);
  }

  TelemetryFrames(InputStream in, int maxEvent) {
    this.in = in;
    this.maxEvent = maxEvent;
    this.piece = new byte[maxEvent];
  }

  /**
   * Reads one frame and hands its event (or events, for a message longer than one event) to {@code
   * sink}.
   *
   * @return false at a clean end of the stream (between frames)
   * @throws IOException if the stream is not frames or ends inside one
   */
  boolean next(Consumer<LogEvent> sink) throws IOException {
    int first = in.read();
    if (first < 0) {
      return false;
    }
    header[0] = (byte) first;
    readFully(header, 1, 7);
    ByteBuffer head = ByteBuffer.wrap(header);
    int type = head.getInt();
    if ((type & MAGIC_MASK) != MAGIC) {
      throw new IOException(String.format("not a telemetry frame: type 0x%08x", type));
    }
    long length = Integer.toUnsignedLong(head.getInt());
    Instant timestamp;
    if ((type & 0b10) != 0) {
      readFully(header, 0, 8);
      long micros = ByteBuffer.wrap(header).getLong();
      timestamp =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    } else {
      timestamp = Instant.now();
    }
    int levelOrdinal = (type >>> 2) & 0x7;
    String level = levelOrdinal < LEVELS.size() ? LEVELS.get(levelOrdinal) : "LEVEL" + levelOrdinal;
    String format = FORMATS.get(type & 1);
    if (length == 0) {
      sink.accept(new LogEvent(LogEvent.Source.TELEMETRY, new byte[0], timestamp, level, format));
      return true;
    }
    long left = length;
    int size = 0;
    while (left > 0 || size > 0) {
      int take = (int) Math.min(maxEvent - size, left);
      readFully(piece, size, take);
      size += take;
      left -= take;
      int emit = left == 0 ? size : Utf8Chunks.completeLength(piece, size);
      if (left > 0 && size < maxEvent) {
        continue;
      }
      sink.accept(
          new LogEvent(
              LogEvent.Source.TELEMETRY, Arrays.copyOf(piece, emit), timestamp, level, format));
      System.arraycopy(piece, emit, piece, 0, size - emit);
      size -= emit;
    }
    return true;
  }

  private void readFully(byte[] buf, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = in.read(buf, off + done, len - done);
      if (n < 0) {
        throw new EOFException("telemetry stream ended inside a frame");
      }
      done += n;
    }
  }

  /** Encodes one frame the way the runtime client does; used by tests. */
  static byte[] encode(String level, String format, long micros, byte[] message) {
    ByteBuffer buf = ByteBuffer.allocate(16 + message.length);
    buf.putInt(MAGIC | LEVELS.indexOf(level) << 2 | 1 << 1 | FORMATS.indexOf(format));
    buf.putInt(message.length);
    buf.putLong(micros);
    buf.put(message);
    return buf.array();
  }
}
