package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryFramesTest {

  private static List<LogEvent> readAll(TelemetryFrames frames) throws IOException {
    List<LogEvent> events = new ArrayList<>();
    while (frames.next(events::add)) {
      // collecting
    }
    return events;
  }

  private static List<LogEvent> readAll(byte[] stream) throws IOException {
    return readAll(new TelemetryFrames(new ByteArrayInputStream(stream)));
  }

  @Test
  void decodesTheRuntimeClientsLayout() throws IOException {
    // TEXT (ordinal 1) + timestamp bit (2) + UNDEFINED (0 << 2) => 0xa55a0003; then length 2,
    // microseconds 1_700_000_000_123_456, then the bytes "hi".
    byte[] frame = HexFormat.of().parseHex("a55a0003" + "00000002" + "00060a2418202240" + "6869");
    LogEvent e = readAll(frame).get(0);
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
    LogEvent e = readAll(frame).get(0);
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
    List<LogEvent> events = readAll(out.toByteArray());
    assertEquals(3, events.size());
    assertArrayEquals(multiLine, events.get(0).message());
    assertEquals("FATAL", events.get(1).level());
    assertEquals("caf\u00e9 \u2603", events.get(1).text());
    assertEquals("", events.get(2).text());
  }

  @Test
  void aMessageLongerThanOneEventBecomesSeveralAndLaterFramesStillArrive() throws IOException {
    int max = Utf8Chunks.MAX_EVENT_BYTES;
    byte[] big = new byte[2 * max + 10];
    Arrays.fill(big, (byte) 'a');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(TelemetryFrames.encode("INFO", "TEXT", 7, big));
    out.writeBytes(
        TelemetryFrames.encode("WARN", "TEXT", 8, "after".getBytes(StandardCharsets.UTF_8)));
    List<LogEvent> events = readAll(out.toByteArray());
    assertEquals(List.of(max, max, 10, 5), events.stream().map(e -> e.message().length).toList());
    assertTrue(events.subList(0, 3).stream().allMatch(e -> e.level().equals("INFO")));
    assertEquals("after", events.get(3).text());
    assertEquals("WARN", events.get(3).level());
  }

  @Test
  void piecesOfALongMessageNeverSplitAUtf8Character() throws IOException {
    // 4-byte characters across the cut: every piece is whole characters, and all of them together
    // are the message.
    String message = "a" + "\ud83d\ude00".repeat(20);
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    List<LogEvent> events =
        readAll(
            new TelemetryFrames(
                new ByteArrayInputStream(TelemetryFrames.encode("INFO", "TEXT", 1, bytes)), 10));
    StringBuilder joined = new StringBuilder();
    for (LogEvent e : events) {
      assertTrue(e.message().length <= 10);
      assertEquals(e.text(), new String(e.message(), StandardCharsets.UTF_8));
      assertFalse(e.text().contains("\ufffd"), e.text());
      joined.append(e.text());
    }
    assertEquals(message, joined.toString());
    assertEquals(
        List.of(9, 8, 8, 8, 8, 8, 8, 8, 8, 8),
        events.stream().map(e -> e.message().length).toList());
  }

  @Test
  void aFrameAnnouncingGigabytesIsReadInBoundedPiecesAndItsEndIsAnError() {
    // Length 0xfffffff0 with a few bytes behind it: no 4 GB buffer, an EOF inside the frame.
    ByteBuffer head = ByteBuffer.allocate(20);
    head.putInt(TelemetryFrames.MAGIC | 1 << 1 | 1)
        .putInt(0xfffffff0)
        .putLong(1)
        .putInt(0x41424344);
    List<LogEvent> events = new ArrayList<>();
    TelemetryFrames frames = new TelemetryFrames(new ByteArrayInputStream(head.array()));
    EOFException e = assertThrows(EOFException.class, () -> frames.next(events::add));
    assertEquals("telemetry stream ended inside a frame", e.getMessage());
  }

  @Test
  void aSixtyFourMegabyteLogCallIsDeliveredWithoutHoldingItWhole() throws IOException {
    int length = 64 * 1024 * 1024 + 1;
    byte[] header =
        ByteBuffer.allocate(16)
            .putInt(TelemetryFrames.MAGIC | 1 << 1 | 1)
            .putInt(length)
            .putLong(1)
            .array();
    InputStream zeros =
        new InputStream() {
          private int left = length;

          @Override
          public int read() {
            return left-- > 0 ? 'z' : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) {
              return -1;
            }
            int n = Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 'z');
            left -= n;
            return n;
          }
        };
    InputStream stream =
        new SequenceInputStream(
            new SequenceInputStream(new ByteArrayInputStream(header), zeros),
            new ByteArrayInputStream(
                TelemetryFrames.encode(
                    "INFO", "TEXT", 2, "next".getBytes(StandardCharsets.UTF_8))));
    long[] bytes = {0};
    List<String> small = new ArrayList<>();
    TelemetryFrames frames = new TelemetryFrames(stream);
    while (frames.next(
        e -> {
          bytes[0] += e.message().length;
          if (e.message().length < 100) {
            small.add(e.text());
          }
        })) {
      // counting
    }
    assertEquals(length + 4L, bytes[0]);
    assertEquals("next", small.get(small.size() - 1));
  }

  @Test
  void rejectsWhatIsNotAFrame() {
    byte[] notFrame = "hello world, this is stdout".getBytes(StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> readAll(notFrame));
    assertEquals("not a telemetry frame: type 0x68656c6c", e.getMessage());
  }

  @Test
  void truncatedFrameIsAnError() {
    byte[] frame =
        TelemetryFrames.encode("INFO", "TEXT", 1, "abcdef".getBytes(StandardCharsets.UTF_8));
    byte[] cut = Arrays.copyOf(frame, frame.length - 2);
    assertThrows(EOFException.class, () -> readAll(cut));
    byte[] header = Arrays.copyOf(frame, 3);
    assertThrows(EOFException.class, () -> readAll(header));
  }
}
