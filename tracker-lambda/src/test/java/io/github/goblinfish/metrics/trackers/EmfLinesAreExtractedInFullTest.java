package io.github.goblinfish.metrics.trackers;

import static io.github.goblinfish.metrics.trackers.EmfLinesDeclareWhatCloudWatchAcceptsTest.CLOCK;
import static io.github.goblinfish.metrics.trackers.EmfLinesDeclareWhatCloudWatchAcceptsTest.NOW;
import static io.github.goblinfish.metrics.trackers.EmfLinesDeclareWhatCloudWatchAcceptsTest.line;
import static io.github.goblinfish.metrics.trackers.EmfSchemaCheck.assertValidEmf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every EMF line is one CloudWatch extracts in full: what it would drop without a word is refused
 * at configuration, or left out of the metrics with a warning on the line, and the line is always
 * written (issue 21).
 */
class EmfLinesAreExtractedInFullTest {
  private static final long DAY = 24L * 3600 * 1000;
  private static final long HOUR = 3600L * 1000;

  /** A clock that reads {@code instant}, or throws {@code failure} when it is not null. */
  static Clock clock(Instant instant, RuntimeException failure) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        if (failure != null) {
          throw failure;
        }
        return instant;
      }
    };
  }

  private static final EmfLinesDeclareWhatCloudWatchAcceptsTest.Scenario ORDERS =
      (tracker, ticker) -> {
        tracker.setIdentifier("function_name", "orders");
        tracker.setMetric("order_lines", 3);
      };

  private static JsonArray warnings(JsonObject root) {
    return root.has("tracker_warnings") ? root.getAsJsonArray("tracker_warnings") : new JsonArray();
  }

  private static List<String> declared(JsonObject root) {
    List<String> names = new ArrayList<>();
    for (JsonElement directive : root.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics")) {
      for (JsonElement metric : directive.getAsJsonObject().getAsJsonArray("Metrics")) {
        names.add(metric.getAsJsonObject().get("Name").getAsString());
      }
    }
    return names;
  }

  // --- the Timestamp (findings 13 and 14)
  // ---------------------------------------------------------

  @Test
  void aClockThatThrowsStillGivesTheEmfLineTimedByTheSystemClockWithAWarning() {
    String line =
        line(
            LineFormat.emf()
                .clock(clock(null, new IllegalStateException("no time")))
                .receivingClock(CLOCK)
                .build(),
            ORDERS);
    JsonObject root = assertValidEmf(line);
    assertEquals(NOW, root.getAsJsonObject("_aws").get("Timestamp").getAsLong());
    assertEquals(List.of("latency_ms:main", "metric:order_lines"), declared(root));
    assertEquals(
        "[\"EMF: the clock threw java.lang.IllegalStateException: no time; the Timestamp is the"
            + " system clock's\"]",
        warnings(root).toString());
  }

  @Test
  void aClockReadingAnInstantBeyondEpochMillisecondsStillGivesTheEmfLine() {
    String line =
        line(
            LineFormat.emf().clock(clock(Instant.MAX, null)).receivingClock(CLOCK).build(), ORDERS);
    JsonObject root = assertValidEmf(line);
    assertEquals(NOW, root.getAsJsonObject("_aws").get("Timestamp").getAsLong());
    assertEquals(1, warnings(root).size());
    assertTrue(
        warnings(root).get(0).getAsString().startsWith("EMF: the clock threw java.lang.Arithmetic"),
        warnings(root).toString());
  }

  @Test
  void aTimestampOutsideFourteenDaysBackToTwoHoursAheadGivesWayToTheSystemClocksWithAWarning() {
    long[] refused = {0L, NOW - 14 * DAY - 1, NOW + 2 * HOUR + 1, NOW + 365 * DAY};
    for (long millis : refused) {
      String line =
          line(
              LineFormat.emf()
                  .clock(clock(Instant.ofEpochMilli(millis), null))
                  .receivingClock(CLOCK)
                  .build(),
              ORDERS);
      JsonObject root = assertValidEmf(line);
      assertEquals(NOW, root.getAsJsonObject("_aws").get("Timestamp").getAsLong());
      assertEquals(
          "[\"EMF: the clock read "
              + millis
              + " ms since 1970, outside what CloudWatch takes (14 days back to 2 hours ahead of "
              + NOW
              + "); the Timestamp is the system clock's\"]",
          warnings(root).toString());
      assertEquals(List.of("latency_ms:main", "metric:order_lines"), declared(root));
    }
    for (long millis : new long[] {NOW - 14 * DAY, NOW + 2 * HOUR, NOW - 1}) {
      JsonObject root =
          assertValidEmf(
              line(
                  LineFormat.emf()
                      .clock(clock(Instant.ofEpochMilli(millis), null))
                      .receivingClock(CLOCK)
                      .build(),
                  ORDERS));
      assertEquals(millis, root.getAsJsonObject("_aws").get("Timestamp").getAsLong());
      assertFalse(root.has("tracker_warnings"));
    }
  }

  @Test
  void aFaultInsideTheEmfFormatStillGivesTheDefaultLineWithAWarning() {
    String[] line = new String[1];
    String err =
        StandardStreams.captureErr(
            () ->
                line[0] =
                    line(
                        LineFormat.emf()
                            .receivingClock(clock(null, new IllegalStateException("broken")))
                            .build(),
                        ORDERS));
    JsonObject root = JsonParser.parseString(line[0]).getAsJsonObject();
    assertFalse(root.has("_aws"));
    assertEquals(
        "[\"the line format io.github.goblinfish.metrics.trackers.EmfLineFormat failed (see"
            + " standard error); written in the default format\"]",
        warnings(root).toString());
    assertEquals("orders", root.get("function_name").getAsString());
    assertTrue(
        err.startsWith(
            "tracker-lambda: the line format io.github.goblinfish.metrics.trackers.EmfLineFormat"
                + " threw: java.lang.IllegalStateException: broken"),
        err);
  }

  // --- at most 100 metric definitions a line (finding 15) ----------------------------------------

  @Test
  void aHundredAndOneMetricsDeclareTheFirstHundredAndWarnOfTheLast() {
    JsonObject root =
        assertValidEmf(
            EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
                LineFormat.emf().dimensions(List.of(List.of("service"), List.of())).service("s"),
                (tracker, ticker) -> {
                  for (int i = 0; i < 100; i++) {
                    tracker.setMetric("m" + i, i);
                  }
                }));
    List<String> declared = declared(root);
    assertEquals(100, declared.size());
    assertEquals("metric:m98", declared.get(99));
    assertEquals(99, root.get("metric:m99").getAsInt(), "kept in the line");
    assertEquals(
        "[\"EMF: 1 metrics not declared: at most 100 a line; they stay in the line:"
            + " 'metric:m99'\"]",
        warnings(root).toString());
  }

  // --- identifiers and latencies among the first 200 fields (finding 16)
  // --------------------------

  /** The leaves of a JSON document, flattened as Logs Insights names them, in document order. */
  static List<String> flattenedFields(JsonElement element, String prefix, List<String> fields) {
    if (element.isJsonObject()) {
      for (String key : element.getAsJsonObject().keySet()) {
        flattenedFields(
            element.getAsJsonObject().get(key),
            prefix.isEmpty() ? key : prefix + "." + key,
            fields);
      }
    } else if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        flattenedFields(array.get(i), prefix + "." + i, fields);
      }
    } else {
      fields.add(prefix);
    }
    return fields;
  }

  @Test
  void identifiersAndLatenciesAreAmongTheFirst200FieldsLogsInsightsDiscovers() {
    for (int metricCount : new int[] {40, 60, 100}) {
      EmfLineFormat.Builder format = LineFormat.emf();
      for (int i = 0; i < metricCount; i++) {
        format.unit("metric_" + i, EmfUnit.COUNT);
      }
      String line =
          EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
              format,
              (tracker, ticker) -> {
                tracker.setIdentifier("request_id", "c2a8a74e-83cc-4a3e-ac57-6400dab24672");
                tracker.setIdentifier("function_name", "orders");
                tracker.setIdentifier("function_version", "$LATEST");
                tracker.setIdentifier("cold_start", false);
                tracker.setIdentifier("init_type", "on-demand");
                tracker.setIdentifier("xray_trace_id", "1-6b0f2998-9fee764368318dcddc13fb19");
                tracker.setIdentifier("correlation_id", "7f9c2d1e");
                for (int i = 0; i < 19; i++) {
                  tracker.track("step_" + i, () -> ticker.advanceMicros(1));
                }
                for (int i = 0; i < metricCount; i++) {
                  tracker.setMetric("metric_" + i, i);
                }
              });
      List<String> fields = flattenedFields(JsonParser.parseString(line), "", new ArrayList<>());
      assertTrue(fields.size() > 200, metricCount + " metrics: " + fields.size() + " fields");
      List<String> first200 = fields.subList(0, 200);
      for (String field :
          List.of(
              "request_id",
              "function_name",
              "cold_start",
              "xray_trace_id",
              "correlation_id",
              "latencies.main",
              "latencies.step_18")) {
        assertTrue(
            first200.contains(field),
            () -> metricCount + " metrics: " + field + " is field " + (fields.indexOf(field) + 1));
      }
      assertEquals("request_id", fields.get(0));
    }
  }

  // --- numbers no parser refuses (finding 17) ----------------------------------------------------

  @Test
  void aNumberOfThousandsOfDigitsIsRoundedToNineHundredEightyInEveryFormat() {
    BigDecimal fraction = new BigDecimal("0." + "123456789".repeat(555) + "7");
    BigInteger integer = new BigInteger("9".repeat(5000));
    BigDecimal longestKept = new BigDecimal("-0." + "3".repeat(980));
    EmfLinesDeclareWhatCloudWatchAcceptsTest.Scenario scenario =
        (tracker, ticker) -> {
          tracker.setIdentifier("function_name", "orders");
          tracker.setMetric("fraction", fraction);
          tracker.setMetric("integer", integer);
          tracker.setMetric("kept", longestKept);
        };
    MathContext digits980 = new MathContext(980, RoundingMode.HALF_EVEN);
    for (LineFormat format :
        List.of(LineFormat.json(), LineFormat.emf().clock(CLOCK).receivingClock(CLOCK).build())) {
      String line = line(format, scenario);
      JsonObject metrics =
          JsonParser.parseString(line).getAsJsonObject().getAsJsonObject("metrics");
      String fractionText = metrics.get("fraction").getAsString();
      String integerText = metrics.get("integer").getAsString();
      assertTrue(fractionText.length() <= 1000, fractionText.length() + " characters");
      assertTrue(integerText.length() <= 1000, integerText.length() + " characters");
      assertEquals(fraction.round(digits980), new BigDecimal(fractionText));
      assertEquals(
          new BigDecimal(integer).round(digits980).compareTo(new BigDecimal(integerText)), 0);
      assertEquals("1.000000000000000000", integerText.substring(0, 20));
      assertTrue(integerText.endsWith("E+5000"), integerText);
      assertEquals(longestKept, new BigDecimal(metrics.get("kept").getAsString()), "exact");
      JsonArray warnings =
          JsonParser.parseString(line).getAsJsonObject().getAsJsonArray("tracker_warnings");
      assertEquals(
          "metric 'fraction': a number of 4996 significant digits, rounded to 980 so that its"
              + " JSON text stays within 1000 characters",
          warnings.get(0).getAsString());
      assertEquals(
          "metric 'integer': a number of 5000 significant digits, rounded to 980 so that its"
              + " JSON text stays within 1000 characters",
          warnings.get(1).getAsString());
      if (format instanceof EmfLineFormat) {
        JsonObject root = assertValidEmf(line);
        assertEquals(fractionText, root.get("metric:fraction").getAsString());
        assertTrue(declared(root).contains("metric:fraction"));
        assertFalse(declared(root).contains("metric:integer"), "beyond 2^360");
      }
    }
  }

  // --- dimensions (finding 18) -------------------------------------------------------------------

  @Test
  void withNoDimensionSetFilledNoMetricIsDeclaredSoFunctionsNeverMixInOneSeries() {
    JsonObject root =
        assertValidEmf(
            EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
                LineFormat.emf().dimensions(List.of(List.of("function_name"), List.of("flag"))),
                (tracker, ticker) -> {
                  tracker.setIdentifier("flag", true);
                  tracker.setMetric("order_lines", 3);
                }));
    assertEquals("[]", root.getAsJsonObject("_aws").get("CloudWatchMetrics").toString());
    assertEquals(3, root.get("metric:order_lines").getAsInt(), "kept in the line");
    assertEquals(
        "[\"EMF: 2 of 2 dimension sets left out: no identifier holds text of 1 to 1024 printable"
            + " ASCII characters for 'function_name', 'flag'\","
            + "\"EMF: no metric declared: no configured dimension set could be filled, and without"
            + " dimensions every function's points would mix in one series; 2 metrics stay in the"
            + " line, undeclared\"]",
        warnings(root).toString());
  }

  @Test
  void aDimensionValueOverLimitLeavesItsSetOutOfWholeAndCutLinesAlike() {
    String tooLong = "f".repeat(1025);
    for (boolean cut : new boolean[] {false, true}) {
      String line =
          EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
              LineFormat.emf()
                  .dimensions(EmfLineFormat.parseDimensions("function_name;service"))
                  .service("api"),
              (tracker, ticker) -> {
                tracker.setIdentifier("function_name", tooLong);
                tracker.setMetric("order_lines", 3);
                if (cut) {
                  tracker.setMetric("dump", "x".repeat(300_000));
                }
              });
      JsonObject root = assertValidEmf(line);
      JsonObject directive =
          root.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics").get(0).getAsJsonObject();
      assertEquals("[[\"service\"]]", directive.get("Dimensions").toString(), "cut: " + cut);
      assertEquals(cut ? 1024 : 1025, root.get("function_name").getAsString().length());
      assertTrue(
          warnings(root)
              .toString()
              .contains(
                  "EMF: 1 of 2 dimension sets left out: no identifier holds text of 1 to 1024"
                      + " printable ASCII characters for 'function_name'"),
          warnings(root).toString());
    }
  }

  // --- units and the cold start (the smaller items) ----------------------------------------------

  @Test
  void timedOutIsACountLikeFailed() {
    JsonObject root =
        assertValidEmf(
            EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
                LineFormat.emf().dimensions(List.of(List.of())),
                (tracker, ticker) -> tracker.setMetric("timed_out", 1)));
    assertEquals(
        "[{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:timed_out\",\"Unit\":\"Count\"}]",
        root.getAsJsonObject("_aws")
            .getAsJsonArray("CloudWatchMetrics")
            .get(0)
            .getAsJsonObject()
            .get("Metrics")
            .toString());
  }

  @Test
  void aUnitSetForALatencyIsWarnedOfOnTheLine() {
    JsonObject root =
        assertValidEmf(
            EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
                LineFormat.emf()
                    .dimensions(List.of(List.of()))
                    .unit("load_order", EmfUnit.SECONDS)
                    .unit("rows", EmfUnit.COUNT)
                    .unit("both", EmfUnit.BYTES),
                (tracker, ticker) -> {
                  tracker.track("load_order", () -> ticker.advanceMicros(5));
                  tracker.track("both", () -> ticker.advanceMicros(5));
                  tracker.setMetric("both", 7);
                }));
    assertEquals(
        "[\"EMF: 1 units set for latencies ignored: latencies are always Milliseconds:"
            + " 'load_order'\"]",
        warnings(root).toString());
  }

  @Test
  void theColdStartIsCountedOnLinesWithABooleanColdStartIdentifierOnly() {
    EmfLineFormat.Builder format = LineFormat.emf().dimensions(List.of(List.of()));
    for (boolean cold : new boolean[] {true, false}) {
      JsonObject root =
          assertValidEmf(
              EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
                  format, (tracker, ticker) -> tracker.setIdentifier("cold_start", cold)));
      assertEquals(cold ? 1 : 0, root.get("metric:cold_start").getAsInt());
      assertEquals(List.of("latency_ms:main", "metric:cold_start"), declared(root));
      assertEquals(
          "{\"Name\":\"metric:cold_start\",\"Unit\":\"Count\"}",
          root.getAsJsonObject("_aws")
              .getAsJsonArray("CloudWatchMetrics")
              .get(0)
              .getAsJsonObject()
              .getAsJsonArray("Metrics")
              .get(1)
              .toString());
    }
    JsonObject none =
        assertValidEmf(EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(format, (t, k) -> {}));
    assertFalse(none.has("metric:cold_start"));
    JsonObject text =
        assertValidEmf(
            EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
                format, (tracker, ticker) -> tracker.setIdentifier("cold_start", "yes")));
    assertFalse(text.has("metric:cold_start"));
    JsonObject own =
        assertValidEmf(
            EmfLinesDeclareWhatCloudWatchAcceptsTest.emfLine(
                format,
                (tracker, ticker) -> {
                  tracker.setIdentifier("cold_start", true);
                  tracker.setMetric("cold_start", 5);
                }));
    assertEquals(5, own.get("metric:cold_start").getAsInt(), "a metric of the caller's wins");
  }
}
