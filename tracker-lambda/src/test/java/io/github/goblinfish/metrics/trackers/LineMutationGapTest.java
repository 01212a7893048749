package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Exact boundaries of the line that the other tests leave loose: the byte limit to the byte for
 * every UTF-8 width, the cut's budget to the byte, cut warnings, and numbers that are neither
 * primitive nor big. Each test was written against a mutant that survived the other tests.
 */
class LineMutationGapTest {
  private static final int MAX = ProcessTracker.MAX_LINE_BYTES;

  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();

  private ProcessTracker tracker() {
    return ProcessTracker.builder().ticker(ticker).output(lines::add).build();
  }

  private String lineWithIdentifier(String value) {
    lines.clear();
    ProcessTracker tracker = tracker();
    tracker.trackProcess("main", () -> tracker.setIdentifier("big", value));
    assertEquals(1, lines.size());
    return lines.get(0);
  }

  /** The bytes of the line around an identifier value: {"latencies":...,"big":""}. */
  private int overhead() {
    return LineJson.utf8Bytes(lineWithIdentifier(""));
  }

  // --- the byte limit, exactly, for each UTF-8 width ------------------------------------------

  @Test
  void aLineOfExactlyTheLimitIsWrittenWholeForEveryUtf8Width() {
    // 1-byte (DEL is not escaped), 2-byte from U+0080 to U+07FF, 3-byte from U+0800, 4-byte pairs.
    String[] units = {"\u007f", "\u0080", "\u07ff", "\u0800", "\uffef", "\uD83D\uDE00"};
    int[] bytes = {1, 2, 2, 3, 3, 4};
    int overhead = overhead();
    for (int i = 0; i < units.length; i++) {
      int room = MAX - overhead;
      String value = units[i].repeat(room / bytes[i]) + "x".repeat(room % bytes[i]);
      String line = lineWithIdentifier(value);
      assertEquals(MAX, LineJson.utf8Bytes(line), "unit " + i);
      assertEquals(value, LineJson.parseLine(line).get("big").getAsString(), "unit " + i + " whole");
      assertFalse(line.contains("tracker_warnings"), "unit " + i);
    }
  }

  @Test
  void aLineOneByteOverTheLimitIsCutForEveryUtf8Width() {
    String[] units = {"\u007f", "\u0080", "\u07ff", "\u0800", "\uffef", "\uD83D\uDE00"};
    int[] bytes = {1, 2, 2, 3, 3, 4};
    int overhead = overhead();
    for (int i = 0; i < units.length; i++) {
      int room = MAX - overhead + 1;
      String value = units[i].repeat(room / bytes[i]) + "x".repeat(room % bytes[i]);
      String line = lineWithIdentifier(value);
      JsonObject parsed = LineJson.parseLine(line);
      assertEquals(
          "[\"line cut to fit 256000 bytes: 1 names or text values shortened to 1024 characters;"
              + " dropped 0 latencies, 0 metrics, 0 identifiers\"]",
          parsed.get("tracker_warnings").toString(),
          "unit " + i);
      assertEquals(LineJson.cut(value, 1024), parsed.get("big").getAsString(), "unit " + i);
    }
  }

  @Test
  void aLineOfFourByteCharactersOverTheLimitIsCutWithoutSplittingThem() {
    // 90,000 four-byte characters: 180,000 chars, 360,000 bytes.
    String value = "\uD83D\uDE00".repeat(90_000);
    JsonObject parsed = LineJson.parseLine(lineWithIdentifier(value));
    assertEquals("\uD83D\uDE00".repeat(512), parsed.get("big").getAsString());
  }

  // --- the cut --------------------------------------------------------------------------------

  @Test
  void theCutNeverSplitsASurrogatePair() {
    // Char 1024 would be the low half of a pair: the cut keeps 1023 chars.
    String name = "n".repeat(1023) + "\uD83D\uDE00" + "tail";
    String value = "v".repeat(1023) + "\uD83D\uDE00" + "tail";
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier(name, value);
          tracker.setIdentifier("filler", "f".repeat(MAX));
        });
    JsonObject parsed = LineJson.parseLine(lines.get(0));
    assertEquals("v".repeat(1023), parsed.get("n".repeat(1023)).getAsString());
    assertEquals(
        List.of("latencies", "metrics", "tracker_warnings", "n".repeat(1023), "filler"),
        new ArrayList<>(parsed.keySet()));
  }

  @Test
  void theCutKeepsEntriesToTheByteOfItsBudget() {
    // A cut line keeps 256,000 - 8,192 = 247,808 bytes of entries, each counted as {"name":value}.
    // "main" takes 14 ({"main":0.000}); 247 metrics of exactly 1,000 bytes take 247,000; 794 are
    // left: a metric of 795 bytes is dropped, the next of exactly 794 is kept.
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 0; i < 247; i++) {
            tracker.setMetric(String.format("m%03d", i), "v".repeat(1000 - 11));
          }
          tracker.setMetric("over", "v".repeat(795 - 11));
          tracker.setMetric("fits", "v".repeat(794 - 11));
          // Over the limit in all; cut to 1,024 chars it no longer fits either.
          tracker.setMetric("gone", "v".repeat(MAX));
        });
    JsonObject parsed = LineJson.parseLine(lines.get(0));
    JsonObject metrics = parsed.getAsJsonObject("metrics");
    assertEquals(248, metrics.size());
    assertTrue(metrics.has("fits"));
    assertFalse(metrics.has("over"));
    assertFalse(metrics.has("gone"));
    assertEquals(
        "[\"line cut to fit 256000 bytes: 1 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, 2 metrics, 0 identifiers\"]",
        parsed.get("tracker_warnings").toString());
  }

  @Test
  void aRepeatedLatencyCountsTwiceItsSizePlusTwelveInTheCutBudget() {
    // "main" timed twice: {"main":0.000} is 14 bytes, counted 14 + 14 + 12 = 40. 247 metrics of
    // 1,000 bytes leave 247,808 - 40 - 247,000 = 768: a 769-byte metric is dropped, 768 kept.
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.track("main", () -> {});
          for (int i = 0; i < 247; i++) {
            tracker.setMetric(String.format("m%03d", i), "v".repeat(1000 - 11));
          }
          tracker.setMetric("over", "v".repeat(769 - 11));
          tracker.setMetric("fits", "v".repeat(768 - 11));
          tracker.setMetric("gone", "v".repeat(MAX));
        });
    JsonObject parsed = LineJson.parseLine(lines.get(0));
    JsonObject metrics = parsed.getAsJsonObject("metrics");
    assertTrue(metrics.has("fits"));
    assertFalse(metrics.has("over"));
    assertEquals("{\"main\":2}", parsed.get("latency_counts").toString());
  }

  @Test
  void aCutLineKeepsFiveEarlierWarningsOfAtMost200CharsAndCountsTheRest() {
    String longName = "t".repeat(300);
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.timer(longName);
          for (int i = 1; i < 25; i++) {
            tracker.timer("t" + i);
          }
          tracker.setIdentifier("filler", "f".repeat(MAX));
        });
    JsonObject parsed = LineJson.parseLine(lines.get(0));
    List<String> warnings = new ArrayList<>();
    parsed.getAsJsonArray("tracker_warnings").forEach(w -> warnings.add(w.getAsString()));
    String open = "' was still open when the line was written; measured until then";
    assertEquals(
        List.of(
            "line cut to fit 256000 bytes: 1 names or text values shortened to 1024 characters;"
                + " dropped 0 latencies, 0 metrics, 0 identifiers",
            ("timer '" + longName + open).substring(0, 200),
            "timer 't1" + open,
            "timer 't2" + open,
            "timer 't3" + open,
            "timer 't4" + open,
            // 25 warnings: 20 kept by the tracker, 5 counted; the cut keeps 5 of the 20.
            "and 20 more warnings"),
        warnings);
  }

  @Test
  void aCutLinePutsTheProcessFirstAndKeepsAFullTableOfLatencies() {
    // Eight latencies fill the first table exactly.
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.track("early", () -> ticker.advanceMicros(1));
          for (int i = 1; i <= 6; i++) {
            tracker.track("t" + i, () -> ticker.advanceMicros(2));
          }
          tracker.setIdentifier("filler", "f".repeat(MAX));
        });
    assertEquals(1, lines.size());
    JsonObject parsed = LineJson.parseLine(lines.get(0));
    assertEquals(
        "{\"main\":0.013,\"early\":0.001,\"t1\":0.002,\"t2\":0.002,\"t3\":0.002,"
            + "\"t4\":0.002,\"t5\":0.002,\"t6\":0.002}",
        parsed.get("latencies").toString());
    assertTrue(parsed.get("tracker_warnings").getAsString().startsWith("line cut to fit"));
  }

  @Test
  void bothLineWritersAppendEverythingTheyAreGivenAndReturnThemselves() throws Exception {
    LineWriter.Chars chars = new LineWriter.Chars(4);
    LineWriter.Utf8 utf8 = new LineWriter.Utf8(4);
    for (LineWriter writer : new LineWriter[] {chars, utf8}) {
      writer.write('a');
      writer.write(new char[] {'x', 'b', 'c', 'y'}, 1, 2);
      writer.write("xdey", 1, 2);
      assertEquals(writer, writer.append("f").append('g').append("hi", 0, 1));
      writer.write("\u00e9\u20ac\uD83D\uDE00", 0, 4);
      writer.appendMillis(Long.MAX_VALUE);
      writer.flush();
      writer.close();
    }
    String expected = "abcdefgh\u00e9\u20ac\uD83D\uDE009223372036854.776";
    assertEquals(expected, chars.builder.toString());
    assertEquals(
        expected + "\n", new String(utf8.lineBytes(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void theUtf8WriterWritesALoneSurrogateAsTheReplacementCharacter() throws Exception {
    LineWriter.Utf8 utf8 = new LineWriter.Utf8(1);
    utf8.write("a\uD800b\uDC00c\uD800");
    assertEquals(
        "a\uFFFDb\uFFFDc\uFFFD\n",
        new String(utf8.lineBytes(), java.nio.charset.StandardCharsets.UTF_8));
  }

  // --- numbers --------------------------------------------------------------------------------

  @Test
  void otherNumbersAreReadWhenSetAsAnIntegerWhenWholeAndAsADoubleOtherwise() {
    DoubleAdder fraction = new DoubleAdder();
    fraction.add(1.5);
    DoubleAdder whole = new DoubleAdder();
    whole.add(3.0);
    LongAdder count = new LongAdder();
    count.add(-7);
    DoubleAdder huge = new DoubleAdder();
    huge.add(1e300);
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("fraction", fraction);
          tracker.setMetric("whole", whole);
          tracker.setMetric("count", count);
          tracker.setMetric("huge", huge);
          tracker.incrementMetric("fraction", 2);
          tracker.incrementMetric("whole", 2);
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"fraction\":3.5,\"whole\":5,\"count\":-7,"
            + "\"huge\":1.0E300}}",
        lines.get(0));
  }

  @Test
  void incrementingAFloatOrABigIntegerKeepsItsKind() {
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("float", 0.5f);
          tracker.incrementMetric("float", 1);
          tracker.setMetric("big", new java.math.BigInteger("100000000000000000000"));
          tracker.incrementMetric("big", -1);
          tracker.setMetric("min", Long.MIN_VALUE);
          tracker.incrementMetric("min", -1);
          tracker.setMetric("max", Long.MAX_VALUE);
          tracker.incrementMetric("max", -1);
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"float\":1.5,\"big\":99999999999999999999,"
            + "\"min\":-9223372036854775809,\"max\":9223372036854775806}}",
        lines.get(0));
  }

  // --- the clock --------------------------------------------------------------------------------

  @Test
  void aTickerThatGoesBackwardsGivesZeroNotANegativeLatency() {
    long[] now = {5_000_000L};
    ProcessTracker tracker = ProcessTracker.builder().ticker(() -> now[0]).output(lines::add).build();
    tracker.trackProcess(
        "main",
        () -> {
          try (Timer timer = tracker.timer("back")) {
            now[0] -= 3_000_000L;
          }
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000,\"back\":0.000},\"metrics\":{},\"tracker_warnings\":"
            + "[\"the ticker went backwards while timing 'back'; recorded as 0\"]}",
        lines.get(0));
  }

  // --- bugs found by LinePropertyTest, fixed in e4147f3 ------------------------------------------

  @Test
  void namesThatBecomeEqualOnceLoneSurrogatesAreReplacedAppearOnce() {
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main\uD800",
        () -> {
          tracker.track("main\uDC00", () -> ticker.advanceMicros(1));
          tracker.setMetric("a\uD800", 1);
          tracker.setMetric("a\uDC00", 2);
          tracker.setIdentifier("id\uD800", "x");
          tracker.setIdentifier("id\uFFFD", "y");
        });
    // One entry per cleaned name: the latencies add up, a later value replaces in place.
    assertEquals(
        "{\"latencies\":{\"main\uFFFD\":0.002},\"latency_counts\":{\"main\uFFFD\":2},"
            + "\"metrics\":{\"a\uFFFD\":2},\"id\uFFFD\":\"y\"}",
        lines.get(0));
    LineJson.parseLine(lines.get(0)); // rejects duplicate keys at any depth
  }

  @Test
  void entriesThatTheCutMergesAreCountedAsDropped() {
    String prefix = "p".repeat(1024);
    ProcessTracker tracker = tracker();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier(prefix + "a", "1");
          tracker.setIdentifier(prefix + "b", "2");
          tracker.setMetric(prefix + "a", 1);
          tracker.setMetric(prefix + "b", 2);
          tracker.setIdentifier("filler", "f".repeat(MAX));
        });
    JsonObject parsed = LineJson.parseLine(lines.get(0));
    assertEquals(
        "[\"line cut to fit 256000 bytes: 5 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, 1 metrics, 1 identifiers\"]",
        parsed.get("tracker_warnings").toString());
  }
}
