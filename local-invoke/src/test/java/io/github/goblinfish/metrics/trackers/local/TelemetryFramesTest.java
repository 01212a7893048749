package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TelemetryFramesTest {

    @Test
    void decodesTheRuntimeClientsLayout() throws IOException {
        // TEXT (ordinal 1) + timestamp bit (2) + UNDEFINED (0 << 2) => 0xa55a0003; then length 2,
        // microseconds 1_700_000_000_123_456, then the bytes "hi".
        byte[] frame = HexFormat.of().parseHex("a55a0003" + "00000002" + "00060a2418202240" + "6869");
        LogEvent e = new TelemetryFrames(new ByteArrayInputStream(frame)).next();
        assertEquals("TEXT", e.format());
        assertEquals("UNDEFINED", e.level());
        assertEquals("hi", e.text());
        assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), e.timestamp());
    }

    @Test
    void levelAndFormatBits() throws IOException {
        // JSON (ordinal 0) + timestamp bit + INFO (3 << 2) => 0xa55a000e
        byte[] frame = TelemetryFrames.encode("INFO", "JSON", 1_700_000_000_123_456L, new byte[] {'x'});
        assertEquals("a55a000e", HexFormat.of().formatHex(frame, 0, 4));
        LogEvent e = new TelemetryFrames(new ByteArrayInputStream(frame)).next();
        assertEquals("JSON", e.format());
        assertEquals("INFO", e.level());
        assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), e.timestamp());
    }

    @Test
    void consecutiveFramesKeepNewlinesAndExactBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] multiLine = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] utf8 = "caf\u00e9 \u2603".getBytes(StandardCharsets.UTF_8);
        out.writeBytes(TelemetryFrames.encode("UNDEFINED", "TEXT", 1, multiLine));
        out.writeBytes(TelemetryFrames.encode("FATAL", "TEXT", 2, utf8));
        out.writeBytes(TelemetryFrames.encode("ERROR", "JSON", 3, new byte[0]));
        TelemetryFrames frames = new TelemetryFrames(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(multiLine, frames.next().message());
        LogEvent second = frames.next();
        assertEquals("FATAL", second.level());
        assertEquals("caf\u00e9 \u2603", second.text());
        assertEquals("", frames.next().text());
        assertNull(frames.next());
    }

    @Test
    void rejectsWhatIsNotAFrame() {
        byte[] notFrame = "hello world, this is stdout".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class,
                () -> new TelemetryFrames(new ByteArrayInputStream(notFrame)).next());
        assertEquals("not a telemetry frame: type 0x68656c6c", e.getMessage());
    }

    @Test
    void truncatedFrameIsAnError() {
        byte[] frame = TelemetryFrames.encode("INFO", "TEXT", 1, "abcdef".getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 2);
        assertThrows(EOFException.class, () -> new TelemetryFrames(new ByteArrayInputStream(cut)).next());
    }
}
