package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Null, blank and reserved names are rejected at the call site; any other text reaches the line
 * escaped on one line, with lone surrogates replaced so that the line is valid UTF-8.
 */
class NamesAreCheckedAndTextIsEscapedTest extends OneTrackerWritingToAList {
  @Test
  void nullAndBlankNamesAreRejectedAtTheCallSite() {
    tracker.trackProcess(
        "main",
        () -> {
          for (String bad : new String[] {"", " ", "\t\n"}) {
            assertEquals(
                "name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> tracker.timer(bad))
                    .getMessage());
            assertThrows(IllegalArgumentException.class, () -> tracker.setMetric(bad, 1));
            assertThrows(IllegalArgumentException.class, () -> tracker.setMetric(bad, "x"));
            assertThrows(IllegalArgumentException.class, () -> tracker.incrementMetric(bad));
            assertThrows(IllegalArgumentException.class, () -> tracker.setIdentifier(bad, "x"));
            assertThrows(IllegalArgumentException.class, () -> tracker.track(bad, () -> 1));
          }
          assertEquals(
              "name must not be null",
              assertThrows(NullPointerException.class, () -> tracker.timer(null)).getMessage());
          assertThrows(NullPointerException.class, () -> tracker.setMetric(null, 1));
          assertThrows(NullPointerException.class, () -> tracker.setMetric(null, "x"));
          assertThrows(NullPointerException.class, () -> tracker.incrementMetric(null, 2));
          assertThrows(NullPointerException.class, () -> tracker.setIdentifier(null, "x"));
          assertThrows(NullPointerException.class, () -> tracker.setIdentifier(null, true));
        });
    assertEquals("{\"latencies\":{\"main\":0.000},\"metrics\":{}}", onlyLine());
  }

  @Test
  void blankProcessNameIsRejectedBeforeAnythingRuns() {
    boolean[] ran = {false};
    assertThrows(
        IllegalArgumentException.class, () -> tracker.trackProcess(" ", () -> ran[0] = true));
    assertFalse(ran[0]);
    assertTrue(lines.isEmpty());
  }

  @Test
  void identifiersNamedLikeTheLinesOwnKeysAreRejected() {
    for (String reserved :
        new String[] {"latencies", "latency_counts", "metrics", "tracker_warnings", "_aws"}) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> tracker.setIdentifier(reserved, "x"));
      assertTrue(error.getMessage().startsWith("identifier name '" + reserved + "' is reserved"));
      assertThrows(IllegalArgumentException.class, () -> tracker.setIdentifier(reserved, false));
    }
  }

  @Test
  void controlCharactersQuotesAndNewlinesAreEscapedOnOneLine() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier("user\n\"x\"", "line1\nline2\r\u0000\u001f\\\u2028");
          tracker.setMetric("tab\tname", "\"}{\"forged\":1");
        });
    String line = onlyLine();
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"tab\\tname\":\"\\\"}{\\\"forged\\\":1\"},"
            + "\"user\\n\\\"x\\\"\":\"line1\\nline2\\r\\u0000\\u001f\\\\\\u2028\"}",
        line);
    assertFalse(line.contains("\n"));
    assertFalse(line.contains("\r"));
  }

  @Test
  void loneSurrogatesAreReplacedSoTheLineIsValidUtf8() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier("pair", "\uD83D\uDE00");
          tracker.setIdentifier("lone\uD800", "x\uDC00y\uD83D");
        });
    String line = onlyLine();
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{},\"pair\":\"\uD83D\uDE00\","
            + "\"lone\uFFFD\":\"x\uFFFDy\uFFFD\"}",
        line);
    assertEquals(line, new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void namesThatBecomeEqualOnceLoneSurrogatesAreReplacedAppearOnce() {
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
  void aTimerKnowsTheNameItRecordsUnderCleanedOfLoneSurrogates() {
    assertEquals("step", tracker.timer("step").name());
    assertEquals("step\uFFFD", tracker.timer("step\uD800").name());
    assertEquals("outside", ProcessTracker.current().timer("outside").name());
  }
}
