package io.github.goblinfish.metrics.trackers.local;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * Decodes the runtime client's telemetry log frames.
 *
 * <p>Layout, as aws-lambda-java-runtime-interface-client 2.10.1 writes it in
 * {@code logging/FramedTelemetryLogSink} and {@code logging/FrameType} (big-endian):
 * <pre>
 *   int32  type      0xa55a0000 | level.ordinal() &lt;&lt; 2 | 1 &lt;&lt; 1 (timestamp present) | format.ordinal()
 *   int32  length    of the message in bytes
 *   int64  timestamp microseconds since the epoch (present when bit 1 of type is set)
 *   byte[] message   exactly the bytes of one log call, no terminator
 * </pre>
 * with {@code LogFormat} {JSON, TEXT} and {@code LogLevel} {UNDEFINED, TRACE, DEBUG, INFO, WARN,
 * ERROR, FATAL} from aws-lambda-java-core, so the low bit is 0 for JSON and 1 for TEXT.
 */
final class TelemetryFrames {
    static final int MAGIC = 0xa55a0000;
    static final int MAGIC_MASK = 0xffff0000;
    private static final String[] LEVELS = {"UNDEFINED", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    private static final String[] FORMATS = {"JSON", "TEXT"};
    // Lambda caps an event well below this; it only stops a corrupt length from exhausting memory.
    private static final int MAX_LENGTH = 64 * 1024 * 1024;

    private final DataInputStream in;

    TelemetryFrames(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The next frame, or null at a clean end of stream. */
    LogEvent next() throws IOException {
        int type;
        try {
            type = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if ((type & MAGIC_MASK) != MAGIC) {
            throw new IOException(String.format("not a telemetry frame: type 0x%08x", type));
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("bad telemetry frame length " + length);
        }
        Instant timestamp;
        if ((type & 0b10) != 0) {
            long micros = in.readLong();
            timestamp = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        } else {
            timestamp = Instant.now();
        }
        byte[] message = new byte[length];
        in.readFully(message);
        int level = (type >>> 2) & 0x7;
        return new LogEvent(LogEvent.Source.TELEMETRY, message, timestamp,
                level < LEVELS.length ? LEVELS[level] : "LEVEL" + level, FORMATS[type & 1]);
    }

    /** Encodes one frame the way the runtime client does; used by tests. */
    static byte[] encode(String level, String format, long micros, byte[] message) {
        int levelOrdinal = java.util.Arrays.asList(LEVELS).indexOf(level);
        int formatOrdinal = java.util.Arrays.asList(FORMATS).indexOf(format);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16 + message.length);
        buf.putInt(MAGIC | levelOrdinal << 2 | 1 << 1 | formatOrdinal);
        buf.putInt(message.length);
        buf.putLong(micros);
        buf.put(message);
        return buf.array();
    }
}
