package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSizeLimitTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();
  private final ProcessTracker tracker =
      ProcessTracker.builder().ticker(ticker).output(lines::add).build();

  private JsonObject onlyLineWithinLimit() {
    assertEquals(1, lines.size());
    String line = lines.get(0);
    assertTrue(
        line.getBytes(StandardCharsets.UTF_8).length <= ProcessTracker.MAX_LINE_BYTES,
        () -> "line has " + line.getBytes(StandardCharsets.UTF_8).length + " bytes");
    assertFalse(line.contains("\n"));
    return JsonParser.parseString(line).getAsJsonObject();
  }

  @Test
  void aLineJustUnderTheLimitIsWrittenWhole() {
    String value = "x".repeat(ProcessTracker.MAX_LINE_BYTES - 100);
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
          tracker.setIdentifier("filler", "f".repeat(ProcessTracker.MAX_LINE_BYTES));
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
          tracker.setIdentifier("filler", "f".repeat(ProcessTracker.MAX_LINE_BYTES));
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
}
