package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongLinesAreCutToFitTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();
  private final ProcessTracker tracker =
      ProcessTracker.builder().ticker(ticker).output(lines::add).build();

  private JsonObject onlyLineWithinLimit() {
    assertEquals(1, lines.size());
    String line = lines.get(0);
    assertTrue(
        line.getBytes(StandardCharsets.UTF_8).length <= LineLimit.MAX_LINE_BYTES,
        () -> "line has " + line.getBytes(StandardCharsets.UTF_8).length + " bytes");
    assertFalse(line.contains("\n"));
    return JsonParser.parseString(line).getAsJsonObject();
  }

  @Test
  void aLineJustUnderTheLimitIsWrittenWhole() {
    String value = "x".repeat(LineLimit.MAX_LINE_BYTES - 100);
    tracker.trackProcess("main", () -> tracker.setIdentifier("big", value));
    JsonObject line = onlyLineWithinLimit();
    assertEquals(value, line.get("big").getAsString());
    assertFalse(line.has("tracker_warnings"));
  }

  @Test
  void hugeTextValuesAreShortenedAndTheCutIsSaid() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier("request_id", "r-1");
          tracker.setMetric("payload", "é".repeat(200_000));
          tracker.setIdentifier("dump", "y".repeat(300_000));
        });
    JsonObject line = onlyLineWithinLimit();
    assertEquals("r-1", line.get("request_id").getAsString());
    assertEquals("é".repeat(1024), line.getAsJsonObject("metrics").get("payload").getAsString());
    assertEquals("y".repeat(1024), line.get("dump").getAsString());
    assertEquals(
        "[\"line cut to fit 256000 bytes: 2 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, 0 metrics, 0 identifiers\"]",
        line.get("tracker_warnings").toString());
    assertEquals("0.000", line.getAsJsonObject("latencies").get("main").getAsString());
  }

  @Test
  void tooManyEntriesKeepIdentifiersThenLatenciesAndCountWhatWasDropped() {
    String longName = "n".repeat(300);
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier("request_id", "r-1");
          for (int i = 0; i < 500; i++) {
            tracker.track(longName + i, () -> ticker.advanceMicros(1));
            tracker.setMetric(longName + "m" + i, i);
          }
        });
    JsonObject line = onlyLineWithinLimit();
    assertEquals("r-1", line.get("request_id").getAsString());
    JsonObject latencies = line.getAsJsonObject("latencies");
    assertTrue(latencies.has("main"), "the process latency is kept first");
    int keptLatencies = latencies.size() - 1;
    int keptMetrics = line.getAsJsonObject("metrics").size();
    assertEquals(500, keptLatencies, "latencies are kept before metrics");
    assertTrue(keptMetrics > 0 && keptMetrics < 500, "kept metrics: " + keptMetrics);
    assertEquals(
        "[\"line cut to fit 256000 bytes: 0 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, "
            + (500 - keptMetrics)
            + " metrics, 0 identifiers\"]",
        line.get("tracker_warnings").toString());
  }

  @Test
  void namesThatTheCutMakesEqualAreNotWrittenTwice() {
    String prefix = "p".repeat(1024);
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier(prefix + "a", "1");
          tracker.setIdentifier(prefix + "b", "2");
          tracker.setIdentifier("filler", "f".repeat(LineLimit.MAX_LINE_BYTES));
        });
    JsonObject line = onlyLineWithinLimit();
    assertEquals("1", line.get(prefix).getAsString());
    assertEquals(
        List.of("latencies", "metrics", "tracker_warnings", prefix, "filler"),
        new ArrayList<>(line.keySet()));
  }

  @Test
  void earlierWarningsAreKeptInACutLine() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.timer("left_open");
          tracker.setIdentifier("filler", "f".repeat(LineLimit.MAX_LINE_BYTES));
        });
    JsonObject line = onlyLineWithinLimit();
    assertEquals(
        "[\"line cut to fit 256000 bytes: 1 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, 0 metrics, 0 identifiers\","
            + "\"timer 'left_open' was still open when the line was written; measured until then\"]",
        line.get("tracker_warnings").toString());
  }

  @Test
  void escapingHeavyValuesStillFit() {
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 0; i < 100; i++) {
            tracker.setIdentifier("ctl" + i, "\u0001".repeat(5_000));
          }
        });
    JsonObject line = onlyLineWithinLimit();
    assertTrue(line.get("tracker_warnings").getAsString().startsWith("line cut to fit"));
  }

  @Test
  void oneNameTimedTenThousandTimesStaysOneEntry() {
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 0; i < 10_000; i++) {
            tracker.track("repeat", () -> ticker.advanceMicros(1));
          }
        });
    assertEquals(
        "{\"latencies\":{\"main\":10.000,\"repeat\":10.000},"
            + "\"latency_counts\":{\"repeat\":10000},\"metrics\":{}}",
        lines.get(0));
  }

  // --- the byte limit and the cut, to the byte ---------------------------------------------------

  private static final int MAX = LineLimit.MAX_LINE_BYTES;

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
      assertEquals(
          value, LineJson.parseLine(line).get("big").getAsString(), "unit " + i + " whole");
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

  @Test
  void fitLeavesARecordThatFitsAsItIsAndCutsOneThatDoesNotWithAWarning() {
    RunRecord small = RunRecord.builder("main").latency("main", 1_000_000L, 1).build();
    assertTrue(LineLimit.fit(small, 100) == small, "a record that fits comes back as it is");
    RunRecord.Builder big = RunRecord.builder("main").latency("main", 1_000_000L, 1);
    for (int i = 0; i < 50; i++) {
      big.identifier("id" + i, "v".repeat(400));
    }
    RunRecord fitted = LineLimit.fit(big.build(), 12_000);
    String line = LineFormat.json().render(fitted);
    assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 12_000, () -> line.length() + "");
    assertEquals(Map.of("main", 1_000_000L), fitted.latenciesNanos());
    assertTrue(fitted.identifiers().size() < 50 && fitted.identifiers().size() > 0);
    assertTrue(
        fitted
            .warnings()
            .get(0)
            .startsWith(
                "line cut to fit 256000 bytes: 0 names or text"
                    + " values shortened to 1024 characters; dropped 0 latencies, 0 metrics, "),
        fitted.warnings().get(0));
    assertThrows(IllegalArgumentException.class, () -> LineLimit.fit(small, 0));
  }
}
