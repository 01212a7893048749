package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Metrics and identifiers are written as the kind of value they were set with, read when set: whole
 * numbers as integers, others as doubles, non-finite numbers as strings, booleans as JSON booleans;
 * setting again replaces in place, and counting adds to numbers only.
 */
class MetricsAndIdentifiersKeepTheirKindsTest extends OneTrackerWritingToAList {
  @Test
  void metricsKeepTheirNumberKinds() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("int", 3);
          tracker.setMetric("long", 1L << 40);
          tracker.setMetric("short", (short) 7);
          tracker.setMetric("byte", (byte) -2);
          tracker.setMetric("double", 1.5);
          tracker.setMetric("float", 0.1f);
          tracker.setMetric("decimal", new BigDecimal("12.3400"));
          tracker.setMetric("big", new BigInteger("123456789012345678901234567890"));
          tracker.setMetric("atomic", new AtomicLong(9));
          tracker.setMetric("null_number", (Number) null);
          tracker.setMetric("null_text", (String) null);
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"int\":3,\"long\":1099511627776,"
            + "\"short\":7,\"byte\":-2,\"double\":1.5,\"float\":0.1,\"decimal\":12.3400,"
            + "\"big\":123456789012345678901234567890,\"atomic\":9,\"null_number\":null,"
            + "\"null_text\":null}}",
        onlyLine());
  }

  @Test
  void mutableNumbersAreReadWhenSet() {
    AtomicLong counter = new AtomicLong(1);
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("counter", counter);
          counter.set(99);
        });
    assertEquals("{\"latencies\":{\"main\":0.000},\"metrics\":{\"counter\":1}}", onlyLine());
  }

  @Test
  void nonFiniteNumbersBecomeStrings() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("nan", Double.NaN);
          tracker.setMetric("up", Double.POSITIVE_INFINITY);
          tracker.setMetric("down", Float.NEGATIVE_INFINITY);
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000},"
            + "\"metrics\":{\"nan\":\"NaN\",\"up\":\"Infinity\",\"down\":\"-Infinity\"}}",
        onlyLine());
  }

  @Test
  void settingAgainReplacesInPlace() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("a", 1);
          tracker.setMetric("b", 2);
          tracker.setMetric("a", "text now");
          tracker.setIdentifier("x", "1");
          tracker.setIdentifier("y", "2");
          tracker.setIdentifier("x", "3");
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"a\":\"text now\",\"b\":2},"
            + "\"x\":\"3\",\"y\":\"2\"}",
        onlyLine());
  }

  @Test
  void incrementMetricCountsFromZeroAndAddsToNumbers() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.incrementMetric("errors");
          tracker.incrementMetric("errors");
          tracker.incrementMetric("errors", 5);
          tracker.setMetric("ratio", 0.5);
          tracker.incrementMetric("ratio", 2);
          tracker.setMetric("was_null", (Number) null);
          tracker.incrementMetric("was_null", -3);
          tracker.setMetric("decimal", new BigDecimal("1.25"));
          tracker.incrementMetric("decimal");
          tracker.setMetric("near_max", Long.MAX_VALUE);
          tracker.incrementMetric("near_max");
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"errors\":7,\"ratio\":2.5,"
            + "\"was_null\":-3,\"decimal\":2.25,\"near_max\":9223372036854775808}}",
        onlyLine());
  }

  @Test
  void incrementingATextMetricIsAProgrammingError() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("name", "text");
          IllegalStateException error =
              assertThrows(IllegalStateException.class, () -> tracker.incrementMetric("name"));
          assertEquals("metric 'name' holds text, so it cannot be incremented", error.getMessage());
        });
    assertEquals("{\"latencies\":{\"main\":0.000},\"metrics\":{\"name\":\"text\"}}", onlyLine());
  }

  @Test
  void booleanIdentifiersAreJsonBooleans() {
    tracker.trackProcess("main", () -> tracker.setIdentifier("cold_start", true));
    assertEquals("{\"latencies\":{\"main\":0.000},\"metrics\":{},\"cold_start\":true}", onlyLine());
  }

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
}
