package io.github.goblinfish.metrics.trackers;

import static io.github.goblinfish.metrics.trackers.EmfSchemaCheck.assertValidEmf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmfLinesDeclareWhatCloudWatchAcceptsTest {
  static final long NOW = 1_764_072_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

  /** The body of a run, given the run's tracker and ticker. */
  interface Scenario {
    void run(ProcessTracker tracker, FakeTicker ticker);
  }

  /** Runs a scenario under {@code format} with a fake ticker and returns its one line. */
  static String line(LineFormat format, Scenario scenario) {
    FakeTicker ticker = new FakeTicker();
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder().ticker(ticker).output(lines::add).format(format).build();
    try {
      tracker.trackProcess("main", () -> scenario.run(tracker, ticker));
    } catch (RuntimeException expected) {
      // A failing body still writes its line.
    }
    assertEquals(1, lines.size());
    return lines.get(0);
  }

  /** Runs under the EMF format, checks the line against the schema, returns it. */
  static String emfLine(EmfLineFormat.Builder format, Scenario scenario) {
    String line = line(format.clock(CLOCK).receivingClock(CLOCK).build(), scenario);
    assertValidEmf(line);
    return line;
  }

  /**
   * The default line with its identifiers moved to the front: what an EMF line is once its EMF
   * members are removed.
   */
  static String identifiersFirst(String defaultLine) {
    JsonObject root = JsonParser.parseString(defaultLine).getAsJsonObject();
    JsonObject reordered = new JsonObject();
    for (String key : root.keySet()) {
      if (!ProcessTracker.RESERVED_NAMES.contains(key)) {
        reordered.add(key, root.get(key));
      }
    }
    for (String key : root.keySet()) {
      if (ProcessTracker.RESERVED_NAMES.contains(key)) {
        reordered.add(key, root.get(key));
      }
    }
    return reordered.toString();
  }

  /** The EMF line with the EMF members removed: the default line, identifiers first. */
  static String withoutEmfMembers(String emfLine) {
    JsonObject root = JsonParser.parseString(emfLine).getAsJsonObject();
    root.remove("_aws");
    root.remove(EmfLineFormat.SERVICE_MEMBER);
    for (String key : new ArrayList<>(root.keySet())) {
      if (key.startsWith(EmfLineFormat.LATENCY_PREFIX)
          || key.startsWith(EmfLineFormat.METRIC_PREFIX)) {
        root.remove(key);
      }
    }
    return root.toString();
  }

  private static final Scenario ORDER =
      (tracker, ticker) -> {
        ticker.advanceMicros(1_000);
        tracker.track("load_order", () -> ticker.advanceMicros(8_100));
        tracker.setMetric("order_lines", 3);
        tracker.setMetric("error_name", "none");
        tracker.setIdentifier("function_name", "orders");
        tracker.setIdentifier("order_id", "o-1");
      };

  @Test
  void theWholeLineIsPinnedIdentifiersFirstAndAwsLast() {
    assertEquals(
        "{\"function_name\":\"orders\",\"order_id\":\"o-1\","
            + "\"latencies\":{\"main\":9.100,\"load_order\":8.100},"
            + "\"metrics\":{\"order_lines\":3,\"error_name\":\"none\"},"
            + "\"latency_ms:main\":9.100,\"latency_ms:load_order\":8.100,\"metric:order_lines\":3,"
            + "\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[\"function_name\"]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"latency_ms:load_order\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:order_lines\"}]}]}}",
        emfLine(LineFormat.emf(), ORDER));
  }

  @Test
  void theDefaultMembersAreThoseOfTheDefaultLineByteForByte() {
    Scenario busy =
        (tracker, ticker) -> {
          ORDER.run(tracker, ticker);
          tracker.track("load_order", () -> ticker.advanceMicros(900));
          tracker.setMetric("ratio", 0.25);
          tracker.setMetric("big", new BigDecimal("1.50"));
          tracker.setIdentifier("cold_start", true);
          tracker.setIdentifier("quote\"d", "a\u0001b");
        };
    String emf = emfLine(LineFormat.emf(), busy);
    String json = line(LineFormat.json(), busy);
    assertEquals(identifiersFirst(json), withoutEmfMembers(emf));
    JsonObject root = JsonParser.parseString(emf).getAsJsonObject();
    assertEquals(1, root.get("metric:cold_start").getAsInt(), "the cold start metric");
    assertEquals("9.000", root.getAsJsonObject("latencies").get("load_order").getAsString());
    assertEquals(2, root.getAsJsonObject("latency_counts").get("load_order").getAsInt());
    assertEquals("9.000", root.get("latency_ms:load_order").getAsString(), "the total");
    assertEquals("1.50", root.get("metric:big").getAsString());
    assertEquals(0.25, root.get("metric:ratio").getAsDouble());
  }

  @Test
  void aLineWithWarningsKeepsThemAndAddsTheEmfOnesAfter() {
    Scenario scenario =
        (tracker, ticker) -> {
          tracker.timer("left_open");
          tracker.setIdentifier("function_name", "orders");
        };
    String emf = emfLine(LineFormat.emf(), scenario);
    assertEquals(identifiersFirst(line(LineFormat.json(), scenario)), withoutEmfMembers(emf));

    Scenario withoutFunctionName = (tracker, ticker) -> tracker.timer("left_open");
    JsonObject root = assertValidEmf(emfLine(LineFormat.emf(), withoutFunctionName));
    assertEquals(
        "[\"timer 'left_open' was still open when the line was written; measured until then\","
            + "\"EMF: 1 of 1 dimension sets left out: no identifier holds text of 1 to 1024"
            + " printable ASCII characters for 'function_name'\","
            + "\"EMF: no metric declared: no configured dimension set could be filled, and without"
            + " dimensions every function's points would mix in one series; 2 metrics stay in the"
            + " line, undeclared\"]",
        root.get("tracker_warnings").toString());
    assertEquals("[]", root.getAsJsonObject("_aws").get("CloudWatchMetrics").toString());
  }

  @Test
  void aLineDeclaresAtMostHundredMetricsAndKeepsTheOthersAsPlainMembersWithAWarning() {
    String line =
        emfLine(
            LineFormat.emf(),
            (tracker, ticker) -> {
              tracker.setIdentifier("function_name", "orders");
              for (int i = 0; i < 150; i++) {
                tracker.track("step" + i, () -> ticker.advanceMicros(1));
              }
              for (int i = 0; i < 60; i++) {
                tracker.setMetric("m" + i, i);
              }
            });
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    JsonArray directives = root.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics");
    assertEquals(1, directives.size(), "one directive: the line holds at most 100 definitions");
    List<String> names = new ArrayList<>();
    for (JsonElement metric : directives.get(0).getAsJsonObject().getAsJsonArray("Metrics")) {
      names.add(metric.getAsJsonObject().get("Name").getAsString());
    }
    assertEquals(100, names.size());
    assertEquals("latency_ms:main", names.get(0));
    assertEquals("latency_ms:step98", names.get(99));
    assertEquals("0.001", root.get("latency_ms:step149").getAsString(), "kept, undeclared");
    assertEquals(59, root.get("metric:m59").getAsInt(), "kept, undeclared");
    assertEquals(150, root.getAsJsonObject("latencies").size() - 1);
    assertEquals(60, root.getAsJsonObject("metrics").size());
    assertEquals(
        "[\"EMF: 111 metrics not declared: at most 100 a line; they stay in the line:"
            + " 'latency_ms:step99', 'latency_ms:step100', 'latency_ms:step101',"
            + " 'latency_ms:step102', 'latency_ms:step103' and 106 more\"]",
        root.get("tracker_warnings").toString());
  }

  @Test
  void exactlyHundredMetricsMakeOneDirective() {
    String line =
        emfLine(
            LineFormat.emf().dimensions(List.of(List.of())),
            (tracker, ticker) -> {
              for (int i = 0; i < 99; i++) {
                tracker.setMetric("m" + i, i);
              }
            });
    JsonArray directives =
        JsonParser.parseString(line)
            .getAsJsonObject()
            .getAsJsonObject("_aws")
            .getAsJsonArray("CloudWatchMetrics");
    assertEquals(1, directives.size());
    assertEquals(100, directives.get(0).getAsJsonObject().getAsJsonArray("Metrics").size());
  }

  @Test
  void valuesCloudWatchRefusesStayInMetricsButAreNotDeclared() {
    assertEquals(
        "{\"latencies\":{\"main\":0.000},"
            + "\"metrics\":{\"nan\":\"NaN\",\"inf\":\"Infinity\",\"minus_inf\":\"-Infinity\","
            + "\"nothing\":null,\"fine\":2.5,\"zero\":0.0,\"too_big\":1.0E300,\"too_small\":1.0E-200,"
            + "\"huge\":"
            + BigInteger.TWO.pow(400)
            + ",\"huge_ok\":"
            + BigInteger.TWO.pow(360)
            + "},"
            + "\"tracker_warnings\":[\"EMF: 7 metrics not declared: their values are not numbers"
            + " CloudWatch accepts (null, NaN, infinite, or beyond 2^360 or below 2^-360 in"
            + " magnitude): 'nan', 'inf', 'minus_inf', 'nothing', 'too_big' and 2 more\"],"
            + "\"latency_ms:main\":0.000,\"metric:fine\":2.5,\"metric:zero\":0.0,"
            + "\"metric:huge_ok\":"
            + BigInteger.TWO.pow(360)
            + ",\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:fine\"},{\"Name\":\"metric:zero\"},{\"Name\":\"metric:huge_ok\"}]}]}}",
        emfLine(
            LineFormat.emf().dimensions(List.of(List.of())),
            (tracker, ticker) -> {
              tracker.setMetric("nan", Double.NaN);
              tracker.setMetric("inf", Double.POSITIVE_INFINITY);
              tracker.setMetric("minus_inf", Float.NEGATIVE_INFINITY);
              tracker.setMetric("nothing", (Number) null);
              tracker.setMetric("fine", 2.5);
              tracker.setMetric("zero", 0.0);
              tracker.setMetric("too_big", 1e300);
              tracker.setMetric("too_small", 1e-200);
              tracker.setMetric("huge", BigInteger.TWO.pow(400));
              tracker.setMetric("huge_ok", BigInteger.TWO.pow(360));
            }));
  }

  @Test
  void acceptedValuesFollowCloudWatchRange() {
    assertTrue(EmfRules.acceptedValue(Long.MIN_VALUE));
    assertTrue(EmfRules.acceptedValue(Math.scalb(1.0, 360)));
    assertFalse(EmfRules.acceptedValue(Math.nextUp(Math.scalb(1.0, 360))));
    assertTrue(EmfRules.acceptedValue(-Math.scalb(1.0, -360)));
    assertFalse(EmfRules.acceptedValue(Math.nextDown(Math.scalb(1.0, -360))));
    assertTrue(EmfRules.acceptedValue(-0.0f));
    assertFalse(EmfRules.acceptedValue(Float.NaN));
    assertTrue(EmfRules.acceptedValue(new BigDecimal("-1E+108")));
    assertFalse(EmfRules.acceptedValue(new BigDecimal("-1E+109")));
    assertTrue(EmfRules.acceptedValue(new BigDecimal("0E-400")));
    assertFalse(EmfRules.acceptedValue(new BigDecimal("1E-400")));
    assertTrue(EmfRules.acceptedValue(new BigDecimal("1E-108")));
    assertFalse(EmfRules.acceptedValue(BigInteger.TWO.pow(360).add(BigInteger.ONE).negate()));
    assertFalse(EmfRules.acceptedValue(null));
    assertFalse(EmfRules.acceptedValue("3"));
  }

  @Test
  void textMetricsAndIdentifiersAreNeverMetrics() {
    String line =
        emfLine(
            LineFormat.emf(),
            (tracker, ticker) -> {
              tracker.setMetric("error_name", "ValueError");
              tracker.setIdentifier("function_name", "orders");
              tracker.setIdentifier("cold_start", true);
              tracker.setIdentifier("correlation_id", "c-1");
            });
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    assertEquals(
        "[{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:cold_start\",\"Unit\":\"Count\"}]",
        root.getAsJsonObject("_aws")
            .getAsJsonArray("CloudWatchMetrics")
            .get(0)
            .getAsJsonObject()
            .get("Metrics")
            .toString());
    assertEquals("ValueError", root.getAsJsonObject("metrics").get("error_name").getAsString());
    assertEquals("c-1", root.get("correlation_id").getAsString());
    assertTrue(root.get("cold_start").getAsBoolean());
    assertEquals(1, root.get("metric:cold_start").getAsInt(), "counts the cold start, as a number");
    assertFalse(root.has("metric:error_name"));
    assertFalse(root.has("tracker_warnings"));
  }

  @Test
  void anEmptyDimensionSetNeedsNoValue() {
    assertEquals(
        "{\"latencies\":{\"main\":0.002},\"metrics\":{},\"latency_ms:main\":0.002,"
            + "\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"shop\","
            + "\"Dimensions\":[[]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"}]}]}}",
        emfLine(
            LineFormat.emf().namespace("shop").dimensions(EmfLineFormat.parseDimensions("")),
            (tracker, ticker) -> ticker.advanceMicros(2)));
  }

  @Test
  void aSetWhoseValueIsMissingIsLeftOutAndTheOthersKept() {
    String line =
        emfLine(
            LineFormat.emf()
                .dimensions(
                    EmfLineFormat.parseDimensions(
                        "function_name;function_name,cold_start;tenant;function_name,blank;")),
            (tracker, ticker) -> {
              tracker.setIdentifier("function_name", "orders");
              tracker.setIdentifier("cold_start", true);
              tracker.setIdentifier("blank", " ");
            });
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    assertEquals(
        "[[\"function_name\"],[]]",
        root.getAsJsonObject("_aws")
            .getAsJsonArray("CloudWatchMetrics")
            .get(0)
            .getAsJsonObject()
            .get("Dimensions")
            .toString());
    assertEquals(
        "[\"EMF: 3 of 5 dimension sets left out: no identifier holds text of 1 to 1024"
            + " printable ASCII characters for 'cold_start', 'tenant', 'blank'\"]",
        root.get("tracker_warnings").toString());
  }

  @Test
  void dimensionValuesMustBeShortPrintableAscii() {
    for (String bad : new String[] {"caf\u00e9", "tab\there", "x".repeat(1025)}) {
      JsonObject root =
          assertValidEmf(
              emfLine(
                  LineFormat.emf(),
                  (tracker, ticker) -> tracker.setIdentifier("function_name", bad)));
      assertEquals(
          "[]", root.getAsJsonObject("_aws").get("CloudWatchMetrics").toString(), "none declared");
      assertTrue(
          root.get("tracker_warnings")
              .getAsJsonArray()
              .get(0)
              .getAsString()
              .startsWith("EMF: 1 of 1"));
    }
    JsonObject longest =
        assertValidEmf(
            emfLine(
                LineFormat.emf(),
                (tracker, ticker) -> tracker.setIdentifier("function_name", "y".repeat(1024))));
    assertFalse(longest.has("tracker_warnings"));
  }

  @Test
  void theServiceIsARootMemberAndCanBeADimension() {
    assertEquals(
        "{\"function_name\":\"orders-fn\",\"service\":\"order-api\","
            + "\"latencies\":{\"main\":0.000},\"metrics\":{},\"latency_ms:main\":0.000,"
            + "\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"orders\","
            + "\"Dimensions\":[[\"service\"],[\"service\",\"function_name\"]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"}]}]}}",
        emfLine(
            LineFormat.emf()
                .namespace("orders")
                .service("order-api")
                .dimensions(EmfLineFormat.parseDimensions(" service ; service , function_name ")),
            (tracker, ticker) -> tracker.setIdentifier("function_name", "orders-fn")));
  }

  @Test
  void anIdentifierNamedServiceWins() {
    EmfLineFormat.Builder format =
        LineFormat.emf().service("order-api").dimensions(List.of(List.of("service")));
    JsonObject same =
        JsonParser.parseString(
                emfLine(format, (tracker, ticker) -> tracker.setIdentifier("service", "order-api")))
            .getAsJsonObject();
    assertFalse(same.has("tracker_warnings"));
    String line = emfLine(format, (tracker, ticker) -> tracker.setIdentifier("service", "billing"));
    assertEquals(1, line.split("\"service\":", -1).length - 1, "one service member");
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    assertEquals("billing", root.get("service").getAsString());
    assertEquals(
        "[\"EMF: the identifier 'service' is kept, so the configured service 'order-api' is not"
            + " written\"]",
        root.get("tracker_warnings").toString());
  }

  @Test
  void highResolutionAndUnitsAreDeclaredPerName() {
    assertEquals(
        "{\"latencies\":{\"main\":0.040,\"call\":0.040},"
            + "\"metrics\":{\"records_failed\":2,\"payload\":1.5,\"plain\":7,\"failed\":1,"
            + "\"exception_type\":\"java.lang.IllegalStateException\"},"
            + "\"latency_ms:main\":0.040,\"latency_ms:call\":0.040,\"metric:records_failed\":2,"
            + "\"metric:payload\":1.5,\"metric:plain\":7,\"metric:failed\":1,"
            + "\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"latency_ms:call\",\"Unit\":\"Milliseconds\",\"StorageResolution\":1},"
            + "{\"Name\":\"metric:records_failed\",\"Unit\":\"Count\",\"StorageResolution\":1},"
            + "{\"Name\":\"metric:payload\",\"Unit\":\"Kilobytes/Second\"},"
            + "{\"Name\":\"metric:plain\"},"
            + "{\"Name\":\"metric:failed\",\"Unit\":\"Count\"}]}]}}",
        emfLine(
            LineFormat.emf()
                .dimensions(List.of(List.of()))
                .unit("records_failed", EmfUnit.COUNT)
                .unit("payload", EmfUnit.KILOBYTES_PER_SECOND)
                .unit("plain", EmfUnit.NONE)
                .highResolution("call")
                .highResolution("records_failed")
                .highResolution("not_there"),
            (tracker, ticker) -> {
              tracker.track("call", () -> ticker.advanceMicros(40));
              tracker.incrementMetric("records_failed", 2);
              tracker.setMetric("payload", 1.5);
              tracker.setMetric("plain", 7);
              throw new IllegalStateException("boom");
            }));
  }

  @Test
  void namesEmfCannotTakeAreKeptButNotDeclared() {
    String longName = "n".repeat(245);
    String line =
        emfLine(
            LineFormat.emf().dimensions(List.of(List.of())),
            (tracker, ticker) -> {
              tracker.track("caf\u00e9", () -> ticker.advanceMicros(1));
              tracker.track(longName, () -> ticker.advanceMicros(1));
              tracker.track(longName.substring(1), () -> ticker.advanceMicros(1));
              tracker.setMetric("x", 1);
              tracker.setMetric("y", 2);
              tracker.setIdentifier("metric:x", "taken");
            });
    JsonObject root = JsonParser.parseString(line).getAsJsonObject();
    assertEquals("taken", root.get("metric:x").getAsString());
    assertEquals(2, root.get("metric:y").getAsInt());
    assertTrue(root.has("latency_ms:" + longName.substring(1)), "255 characters is accepted");
    assertFalse(root.has("latency_ms:" + longName));
    assertEquals(
        "[\"EMF: 2 metric names not declared: not 1 to 255 printable ASCII characters:"
            + " 'latency_ms:caf\u00e9', 'latency_ms:"
            + "n".repeat(49)
            + "...'\","
            + "\"EMF: 1 metric names not declared: an identifier has the same name: 'metric:x'\"]",
        root.get("tracker_warnings").toString());
    assertEquals(4, root.getAsJsonObject("latencies").size(), "all latencies are kept");
  }

  @Test
  void aLineWithNothingToDeclareStillHasOneDirective() {
    assertEquals(
        "{\"latencies\":{\"\u00e9t\u00e9\":0.000},"
            + "\"metrics\":{},\"tracker_warnings\":[\"EMF: 1 metric names not declared: not 1 to"
            + " 255 printable ASCII characters: 'latency_ms:\u00e9t\u00e9'\"],"
            + "\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[]],\"Metrics\":[]}]}}",
        emfLine2(LineFormat.emf().dimensions(List.of(List.of()))));
  }

  private static String emfLine2(EmfLineFormat.Builder format) {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder()
            .ticker(new FakeTicker())
            .output(lines::add)
            .format(format.clock(CLOCK).receivingClock(CLOCK).build())
            .build();
    tracker.trackProcess("\u00e9t\u00e9", () -> {});
    assertValidEmf(lines.get(0));
    return lines.get(0);
  }

  @Test
  void theTimestampComesFromTheClockWhenTheLineIsWritten() {
    long[] now = {5L};
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(now[0]);
          }
        };
    EmfLineFormat format = LineFormat.emf().clock(moving).receivingClock(moving).build();
    String first = line(format, (tracker, ticker) -> now[0] = 1_000L);
    String second = line(format, (tracker, ticker) -> now[0] = 2_000L);
    assertEquals(1000L, timestamp(first), first);
    assertEquals(2000L, timestamp(second), second);

    long before = System.currentTimeMillis();
    String system = line(LineFormat.emf().build(), (tracker, ticker) -> {});
    long stamp = timestamp(system);
    assertTrue(stamp >= before && stamp <= System.currentTimeMillis(), "system clock by default");
  }

  static long timestamp(String line) {
    return JsonParser.parseString(line)
        .getAsJsonObject()
        .getAsJsonObject("_aws")
        .get("Timestamp")
        .getAsLong();
  }

  @Test
  void manyLatenciesAndMetricsOverTheSizeBoundAreCutConsistently() {
    String longName = "n".repeat(200);
    String line =
        emfLine(
            LineFormat.emf(),
            (tracker, ticker) -> {
              tracker.setIdentifier("function_name", "orders");
              for (int i = 0; i < 500; i++) {
                tracker.track(longName + i, () -> ticker.advanceMicros(1));
                tracker.setMetric(longName + "m" + i, i);
              }
            });
    JsonObject root = assertValidEmf(line);
    JsonObject latencies = root.getAsJsonObject("latencies");
    JsonObject metrics = root.getAsJsonObject("metrics");
    assertEquals("orders", root.get("function_name").getAsString());
    assertTrue(latencies.size() > 1 && latencies.size() < 501, "some latencies were cut");
    assertEquals(0, metrics.size(), "latencies are kept before metrics");
    int declared = 0;
    for (JsonElement directive : root.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics")) {
      declared += directive.getAsJsonObject().getAsJsonArray("Metrics").size();
    }
    assertEquals(100, declared, "the first 100 kept latencies are declared, nothing else");
    for (String name : latencies.keySet()) {
      assertEquals(latencies.get(name), root.get("latency_ms:" + name));
    }
    String warnings = root.get("tracker_warnings").toString();
    assertTrue(
        warnings.startsWith(
            "[\"line cut to fit 256000 bytes: 0 names or text values shortened to 1024"
                + " characters; dropped "
                + (501 - latencies.size())
                + " latencies, 500 metrics, 0 identifiers\""),
        warnings);
  }

  @Test
  void hugeValuesAreCutAndTheEmfMembersStillFit() {
    String line =
        emfLine(
            LineFormat.emf().service("order-api").dimensions(List.of(List.of("service"))),
            (tracker, ticker) -> {
              tracker.setIdentifier("dump", "\u0001".repeat(300_000));
              tracker.setMetric("count", 4);
            });
    JsonObject root = assertValidEmf(line);
    assertEquals(4, root.get("metric:count").getAsInt());
    assertEquals("order-api", root.get("service").getAsString());
    assertEquals(1024, root.get("dump").getAsString().length());
  }

  @Test
  void escapedNamesDeclaredInManyDirectivesStillFit() {
    String quotes = "\"\\".repeat(100);
    String line =
        emfLine(
            LineFormat.emf()
                .service("s".repeat(1024))
                .dimensions(List.of(List.of("service"), List.of()))
                .highResolution(quotes + "m1"),
            (tracker, ticker) -> {
              for (int i = 0; i < 3_000; i++) {
                tracker.track(quotes + i, () -> ticker.advanceMicros(1));
              }
              for (int i = 0; i < 3_000; i++) {
                tracker.setMetric(quotes + "m" + i, i);
              }
            });
    JsonObject root = assertValidEmf(line);
    int declared = 0;
    for (JsonElement directive : root.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics")) {
      assertEquals("[[\"service\"],[]]", directive.getAsJsonObject().get("Dimensions").toString());
      declared += directive.getAsJsonObject().getAsJsonArray("Metrics").size();
    }
    int latencies = root.getAsJsonObject("latencies").size();
    int metrics = root.getAsJsonObject("metrics").size();
    assertTrue(latencies > 100, "latencies kept: " + latencies);
    assertEquals(100, declared, "at most 100 a line of the " + (latencies + metrics) + " kept");
    assertTrue(
        root.get("tracker_warnings").getAsJsonArray().get(0).getAsString().contains(" dropped "));
  }

  @Test
  void emfWarningsShowAfterTheTrackersOwnWithinTheCapOfTwentyAndTheRestAreCounted() {
    String line =
        emfLine(
            LineFormat.emf(),
            (tracker, ticker) -> {
              for (int i = 0; i < 25; i++) {
                tracker.timer("open" + i);
              }
            });
    JsonArray warnings =
        JsonParser.parseString(line).getAsJsonObject().getAsJsonArray("tracker_warnings");
    assertEquals(21, warnings.size(), "twenty warnings and the count of the others");
    assertTrue(warnings.get(17).getAsString().startsWith("timer 'open17'"));
    assertTrue(warnings.get(18).getAsString().startsWith("EMF: 1 of 1 dimension sets left out"));
    assertTrue(warnings.get(19).getAsString().startsWith("EMF: no metric declared"));
    assertEquals("and 7 more warnings", warnings.get(20).getAsString());
  }

  @Test
  void oneFormatServesManyTrackersAtOnce() throws Exception {
    EmfLineFormat format = LineFormat.emf().clock(CLOCK).receivingClock(CLOCK).build();
    List<Thread> threads = new ArrayList<>();
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  ProcessTracker tracker =
                      ProcessTracker.builder()
                          .ticker(new FakeTicker())
                          .output(lines::add)
                          .format(format)
                          .build();
                  tracker.trackProcess(
                      "main", () -> tracker.setIdentifier("function_name", "f" + id));
                }
              }));
    }
    for (Thread thread : threads) {
      thread.start();
    }
    for (Thread thread : threads) {
      Waits.join(thread);
    }
    assertEquals(200, lines.size());
    for (String line : lines) {
      JsonObject root = assertValidEmf(line);
      assertFalse(root.has("tracker_warnings"), line);
    }
  }

  @Test
  void theSchemaCheckRejectsWhatCloudWatchWouldRefuse() {
    EmfSchemaCheck.assumeSchema();
    String good =
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
            + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Count/Second\"}]}]},"
            + "\"m\":1}";
    assertTrue(EmfSchemaCheck.schemaErrors(good).isEmpty());
    for (String bad :
        List.of(
            good.replace("Count/Second", "Counts"),
            good.replace("\"Timestamp\":1,", ""),
            good.replace("\"Dimensions\":[[]]", "\"Dimensions\":[]"),
            good.replace("\"Namespace\":\"n\"", "\"Namespace\":\"\""),
            good.replace("}]}]}", ",\"StorageResolution\":30}]}]}"))) {
      assertFalse(EmfSchemaCheck.schemaErrors(bad).isEmpty(), bad);
    }
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append("{\"Name\":\"m").append(i).append("\"}");
    }
    assertFalse(
        EmfSchemaCheck.schemaErrors(
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
                    + "\"Dimensions\":[[]],\"Metrics\":["
                    + many
                    + "]}]}}")
            .isEmpty(),
        "101 metrics in one directive");
  }

  // --- exact edges: the cut budget, CloudWatch's value range, printable ASCII
  // ---------------------

  private static final int MAX = LineLimit.MAX_LINE_BYTES;

  /** The line of {@code scenario} under {@code format} with the fixed clock, checked as a line. */
  private static String line(EmfLineFormat.Builder format, Scenario scenario) {
    String line =
        EmfLinesDeclareWhatCloudWatchAcceptsTest.line(
            format.clock(CLOCK).receivingClock(CLOCK).build(), scenario);
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
    // "main" ({"main":0.000}, 14 bytes) costs 3 * 14 + 100 = 142; 229 texts of 1,000 bytes
    // (never declared: charged their size only) leave 63: a text of 64 bytes is dropped, the next
    // of exactly 63 is kept.
    String line =
        line(
            LineFormat.emf().dimensions(List.of(List.of())),
            (tracker, ticker) -> {
              thousandByteTexts(tracker, 229);
              tracker.setMetric("over", "v".repeat(64 - 11));
              tracker.setMetric("fits", "v".repeat(63 - 11));
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
  void aDeclaredEntryCostsThreeTimesItsSizeAndAHundredBytesInTheCut() {
    // Namespace of 241 n's: the head is 59 - 16 + 243 = 286 bytes, D = 302, and the EMF members
    // take 64 + 302 + 2,048 + 32 + 16,384 = 18,830: 228,978 bytes of entries are kept. "main"
    // costs 3 * 14 + 100 = 142; 228 texts of 1,000 bytes and one of 708 leave 128. The number
    // {"over":1} (10 bytes) costs 3 * 10 + 100 = 130 and is dropped; {"fit":1} (9 bytes) costs
    // 127 and is kept, and declared: one directive holds every definition of a line.
    String line =
        line(
            LineFormat.emf().namespace("n".repeat(241)).dimensions(List.of(List.of())),
            (tracker, ticker) -> {
              thousandByteTexts(tracker, 228);
              tracker.setMetric("pad", "v".repeat(708 - 10));
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

  // --- the edges of CloudWatch's value range
  // ------------------------------------------------------

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
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"largest\":"
            + largest.toPlainString()
            + "},\"latency_ms:main\":0.000,\"metric:largest\":"
            + largest.toPlainString()
            + ",\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:largest\"}]}]}}",
        line);
    assertValidEmf(line);
  }

  // --- the edges of printable ASCII
  // ---------------------------------------------------------------

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
        "{\"function_name\":\"~orders~\",\"service\":\"api~v2\","
            + "\"latencies\":{\"main\":0.000},"
            + "\"metrics\":{\"tilde~\":1,\"del\u007f\":2,\"space here\":3},"
            + "\"tracker_warnings\":[\"EMF: 1 metric names not declared: not 1 to 255 printable"
            + " ASCII characters: 'metric:del\u007f'\"],"
            + "\"latency_ms:main\":0.000,\"metric:tilde~\":1,\"metric:space here\":3,"
            + "\"_aws\":{\"Timestamp\":1764072000000,\"CloudWatchMetrics\":[{\"Namespace\":\"tracker-lambda\","
            + "\"Dimensions\":[[\"function_name\"],[\"service\"]],\"Metrics\":["
            + "{\"Name\":\"latency_ms:main\",\"Unit\":\"Milliseconds\"},"
            + "{\"Name\":\"metric:tilde~\"},{\"Name\":\"metric:space here\"}]}]}}",
        line);

    String deletedLine =
        line(
            LineFormat.emf(),
            (tracker, ticker) -> tracker.setIdentifier("function_name", "orders\u007f"));
    JsonObject deleted = LineJson.parseLine(deletedLine);
    assertEquals(
        "[\"EMF: 1 of 1 dimension sets left out: no identifier holds text of 1 to 1024 printable"
            + " ASCII characters for 'function_name'\","
            + "\"EMF: no metric declared: no configured dimension set could be filled, and without"
            + " dimensions every function's points would mix in one series; 1 metrics stay in the"
            + " line, undeclared\"]",
        deleted.get("tracker_warnings").toString());
    assertEquals("~", LineFormat.emf().service("~").build().service().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> LineFormat.emf().service("api\u007f"));
    assertValidEmf(line);
    assertValidEmf(deletedLine);
  }
}
