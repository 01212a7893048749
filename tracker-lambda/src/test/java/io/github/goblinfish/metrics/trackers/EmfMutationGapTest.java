package io.github.goblinfish.metrics.trackers;

import static io.github.goblinfish.metrics.trackers.EmfSchemaCheck.assertValidEmf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact boundaries of the EMF line that the other EMF tests leave loose: what a cut EMF line
 * reserves for its own members and charges per declared entry, to the byte, and the edges of the
 * value range and of printable ASCII. Each test was written against a mutant that survived the
 * other tests. The exact assertions come before the schema check, so that they also run where
 * the EMF schema is absent (the schema check then skips the rest of the test).
 *
 * <p>A cut line keeps 256,000 - 8,192 = 247,808 bytes of entries (see {@code
 * LineMutationGapTest.theCutKeepsEntriesToTheByteOfItsBudget}); the EMF format takes from that
 * {@code 64 + D + 2 * 1,024 + 32 + 16,384} for {@code _aws}, the first directive, the service
 * member and its warnings, where {@code D} is the JSON size of the directive head with every
 * configured dimension set, plus 16. An entry whose value can be declared (a latency, or a number
 * CloudWatch accepts) costs {@code 3 * size + 101 + D / 100} instead of its {@code size}: its root
 * member and its definition, and its share of the directives repeated every 100 metrics.
 */
class EmfMutationGapTest {
  private static final int MAX = ProcessTracker.MAX_LINE_BYTES;

  /** The line of {@code scenario} under {@code format} with the fixed clock, checked as a line. */
  private static String line(EmfLineFormat.Builder format, EmfLineFormatTest.Scenario scenario) {
    String line = EmfLineFormatTest.line(format.clock(EmfLineFormatTest.CLOCK).build(), scenario);
    LineJson.parseLine(line);
    return line;
  }

  /** Text metrics {@code m000}, {@code m001}... of exactly 1,000 bytes each as {"name":"text"}. */
  private static void thousandByteTexts(ProcessTracker tracker, int count) {
    for (int i = 0; i < count; i++) {
      tracker.setMetric(String.format("m%03d", i), "v".repeat(1000 - 11));
    }
  }

  private static String declaredNames(JsonObject root) {
    List<String> names = new ArrayList<>();
    root.getAsJsonObject("_aws")
        .getAsJsonArray("CloudWatchMetrics")
        .forEach(
            directive ->
                directive
                    .getAsJsonObject()
                    .getAsJsonArray("Metrics")
                    .forEach(
                        metric -> names.add(metric.getAsJsonObject().get("Name").getAsString())));
    return names.toString();
  }

  // --- the cut line's budget, to the byte ------------------------------------------------------

  @Test
  void aCutEmfLineReservesItsOwnMembersToTheByte() {
    // Namespace tracker-lambda, dimensions [[]]: the head
    // {"Namespace":"tracker-lambda","Dimensions":[[]],"Metrics":[ is 59 bytes, D = 75, and the
    // EMF members take 64 + 75 + 2,048 + 32 + 16,384 = 18,603: 229,205 bytes of entries are kept.
    // "main" ({"main":0.000}, 14 bytes) costs 3 * 14 + 101 + 0 = 143; 229 texts of 1,000 bytes
    // (never declared: charged their size only) leave 62: a text of 63 bytes is dropped, the next
    // of exactly 62 is kept.
    String line =
        line(
            LineFormat.emf().dimensions(List.of(List.of())),
            (tracker, ticker) -> {
              thousandByteTexts(tracker, 229);
              tracker.setMetric("over", "v".repeat(63 - 11));
              tracker.setMetric("fits", "v".repeat(62 - 11));
              // Over the limit in all; cut to 1,024 chars it no longer fits either.
              tracker.setMetric("gone", "v".repeat(MAX));
            });
    JsonObject root = LineJson.parseLine(line);
    JsonObject metrics = root.getAsJsonObject("metrics");
    assertEquals(230, metrics.size());
    assertTrue(metrics.has("fits"));
    assertFalse(metrics.has("over"));
    assertFalse(metrics.has("gone"));
    assertEquals("[latency_ms:main]", declaredNames(root));
    assertEquals(
        "[\"line cut to fit 256000 bytes: 1 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, 2 metrics, 0 identifiers\"]",
        root.get("tracker_warnings").toString());
    assertValidEmf(line);
  }

  @Test
  void aDeclaredEntryCostsThreeTimesItsSizePlusItsShareOfTheDirectivesInTheCut() {
    // Namespace of 241 n's: the head is 59 - 16 + 243 = 286 bytes, D = 302, D / 100 = 3, and the
    // EMF members take 64 + 302 + 2,048 + 32 + 16,384 = 18,830: 228,978 bytes of entries are kept.
    // "main" costs 3 * 14 + 101 + 3 = 146; 228 texts of 1,000 bytes and one of 699 leave 133. The
    // number {"over":1} (10 bytes) costs 3 * 10 + 104 = 134 and is dropped; {"fit":1} (9 bytes)
    // costs 131 and is kept, and declared.
    String line =
        line(
            LineFormat.emf().namespace("n".repeat(241)).dimensions(List.of(List.of())),
            (tracker, ticker) -> {
              thousandByteTexts(tracker, 228);
              tracker.setMetric("pad", "v".repeat(699 - 10));
              tracker.setMetric("over", 1);
              tracker.setMetric("fit", 1);
              tracker.setMetric("gone", "v".repeat(MAX));
            });
    JsonObject root = LineJson.parseLine(line);
    JsonObject metrics = root.getAsJsonObject("metrics");
    assertEquals(230, metrics.size());
    assertTrue(metrics.has("pad"));
    assertFalse(metrics.has("over"));
    assertEquals(1, metrics.get("fit").getAsInt());
    assertEquals("[latency_ms:main, metric:fit]", declaredNames(root));
    assertEquals(1, root.get("metric:fit").getAsInt());
    assertFalse(root.has("metric:over"));
    assertEquals(
        "[\"line cut to fit 256000 bytes: 1 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, 2 metrics, 0 identifiers\"]",
        root.get("tracker_warnings").toString());
    assertValidEmf(line);
  }

  // --- the edges of CloudWatch's value range ------------------------------------------------------

  @Test
  void bigDecimalsOfExactlyTwoToThePlusOrMinus360AreAccepted() {
    BigDecimal largest = new BigDecimal(Math.scalb(1.0, 360));
    BigDecimal smallest = new BigDecimal(Math.scalb(1.0, -360));
    assertEquals(new BigDecimal(BigInteger.TWO.pow(360)), largest);
    assertTrue(EmfRules.acceptedValue(largest));
    assertTrue(EmfRules.acceptedValue(largest.negate()));
    assertTrue(EmfRules.acceptedValue(smallest));
    assertTrue(EmfRules.acceptedValue(smallest.negate()));
    assertFalse(EmfRules.acceptedValue(largest.add(BigDecimal.ONE)));
    assertFalse(EmfRules.acceptedValue(smallest.subtract(smallest.movePointLeft(1))));
  }

  @Test
  void aBigDecimalOfExactlyTwoTo360IsDeclared() {
    BigDecimal largest = new BigDecimal(Math.scalb(1.0, 360));
    String line =
        line(
            LineFormat.emf().dimensions(List.of(List.of())),
            (tracker, ticker) -> tracker.setMetric("largest", largest));
    assertEquals(
        "{\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:largest\"}]}]},"
            + "\"latencies\":{\"main\":0.000},\"metrics\":{\"largest\":"
            + largest.toPlainString()
            + "},\"latency_ms:main\":0.000,\"metric:largest\":"
            + largest.toPlainString()
            + "}",
        line);
    assertValidEmf(line);
  }

  // --- the edges of printable ASCII ---------------------------------------------------------------

  @Test
  void tildeIsTheLastPrintableAsciiCharacterAndDeleteIsNot() {
    String line =
        line(
            LineFormat.emf()
                .service("api~v2")
                .dimensions(List.of(List.of("function_name"), List.of("service"))),
            (tracker, ticker) -> {
              tracker.setIdentifier("function_name", "~orders~");
              tracker.setMetric("tilde~", 1);
              tracker.setMetric("del\u007f", 2);
              tracker.setMetric("space here", 3);
            });
    assertEquals(
        "{\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[\"function_name\"],[\"service\"]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:tilde~\"},{\"Name\":\"metric:space here\"}]}]},"
            + "\"latencies\":{\"main\":0.000},"
            + "\"metrics\":{\"tilde~\":1,\"del\u007f\":2,\"space here\":3},"
            + "\"tracker_warnings\":[\"EMF: 1 metric names not declared: not 1 to 255 printable"
            + " ASCII characters: 'metric:del\u007f'\"],"
            + "\"function_name\":\"~orders~\",\"service\":\"api~v2\",\"latency_ms:main\":0.000,"
            + "\"metric:tilde~\":1,\"metric:space here\":3}",
        line);

    String deletedLine =
        line(
            LineFormat.emf(),
            (tracker, ticker) -> tracker.setIdentifier("function_name", "orders\u007f"));
    JsonObject deleted = LineJson.parseLine(deletedLine);
    assertEquals(
        "[\"EMF: 1 of 1 dimension sets left out: no identifier holds text of 1 to 1024 printable"
            + " ASCII characters for 'function_name'; metrics declared with no dimensions\"]",
        deleted.get("tracker_warnings").toString());
    assertEquals("~", LineFormat.emf().service("~").build().service().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> LineFormat.emf().service("api\u007f"));
    assertValidEmf(line);
    assertValidEmf(deletedLine);
  }
}
