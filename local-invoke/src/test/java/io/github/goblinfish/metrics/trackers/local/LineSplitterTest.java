package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private static List<String> texts(List<byte[]> events) {
    return events.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void linesAcrossReadsAreJoinedAndEmptyLinesKept() {
    LineSplitter splitter = new LineSplitter();
    byte[] first = "one\ntw".getBytes(StandardCharsets.UTF_8);
    byte[] second = "o\n\nthree".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("one"), texts(splitter.append(first, first.length)));
    assertEquals(List.of("two", ""), texts(splitter.append(second, second.length)));
    assertArrayEquals("three".getBytes(StandardCharsets.UTF_8), splitter.takeRest());
    assertNull(splitter.takeRest());
  }

  @Test
  void eightMegabytesWithoutANewlineBecomeEventsOfAtMostOneCloudWatchEvent() {
    // Held back: never more than one event, so each byte is copied a bounded number of times.
    LineSplitter splitter = new LineSplitter();
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) 'x');
    List<Integer> sizes = new ArrayList<>();
    int total = 8 * 1024 * 1024;
    for (int written = 0; written < total; written += chunk.length) {
      splitter.append(chunk, chunk.length).forEach(e -> sizes.add(e.length));
      assertTrue(splitter.pendingBytes() < Utf8Chunks.MAX_EVENT_BYTES);
    }
    sizes.add(splitter.takeRest().length);
    int max = Utf8Chunks.MAX_EVENT_BYTES;
    int full = total / max;
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < full; i++) {
      expected.add(max);
    }
    expected.add(total - full * max);
    assertEquals(expected, sizes);
  }

  @Test
  void aLongLineIsCutBetweenUtf8Characters() {
    LineSplitter splitter = new LineSplitter(5);
    byte[] text = "ab\u00e9\u00e9\u00e9\n".getBytes(StandardCharsets.UTF_8);
    // "ab" + three 2-byte characters: the cut after 5 bytes would split the second one.
    assertEquals(List.of("ab\u00e9", "\u00e9\u00e9"), texts(splitter.append(text, text.length)));
  }
}
