package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Tickers, numbers and line formats are the caller's code: whatever they return or throw, the
 * tracked code's result stands, exactly one line is written, and it is one valid event.
 */
class CallerSuppliedPartsNeverBreakTheLineTest {

  // --- tickers -----------------------------------------------------------------------------------

  /** A ticker that plays back readings; {@code null} means "throw". */
  private static final class ScriptedTicker implements Ticker {
    private final List<Long> readings;
    private int next;

    ScriptedTicker(List<Long> readings) {
      this.readings = readings;
    }

    @Override
    public synchronized long read() {
      Long reading = readings.isEmpty() ? null : readings.get(next++ % readings.size());
      if (reading == null) {
        throw new IllegalStateException("clock\nbroken");
      }
      return reading;
    }
  }

  @Provide
  Arbitrary<List<Long>> readings() {
    Arbitrary<Long> extreme =
        Arbitraries.of(
            Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    Arbitrary<Long> any = Arbitraries.longs();
    Arbitrary<Long> reading =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, extreme),
            net.jqwik.api.Tuple.of(3, any),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Long) null)));
    return reading.list().ofMinSize(0).ofMaxSize(12);
  }

  @Property(tries = 300)
  void anyTickerLeavesTheResultOneValidLineAndNoRunBehind(@ForAll("readings") List<Long> readings)
      throws Exception {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder().ticker(new ScriptedTicker(readings)).output(lines::add).build();
    String[] err = new String[1];
    String result =
        tracker.trackProcess(
            "main",
            () -> {
              err[0] =
                  StandardStreams.captureErr(
                      () -> {
                        try (Timer timer = tracker.timer("step")) {
                          tracker.track("inner", () -> 1);
                        }
                        tracker.timer("left_open");
                      });
              return "result";
            });
    assertEquals("result", result);
    assertEquals("", err[0], "a ticker's failure is a warning in the line, never a report");
    assertFalse(ProcessTracker.current().isRecording(), "no run is left behind");
    assertEquals(1, lines.size());
    JsonObject line = LineJson.parseLine(lines.get(0));
    for (Map.Entry<String, JsonElement> latency : line.getAsJsonObject("latencies").entrySet()) {
      String figure = latency.getValue().getAsJsonPrimitive().getAsString();
      assertTrue(figure.matches("\\d{1,16}\\.\\d{3}"), latency.getKey() + " = " + figure);
    }
  }

  @Test
  void spansNearTheRangeOfALongSaturateAndAreWrittenAsValidNumbers() {
    List<String> lines = new ArrayList<>();
    long[] now = {Long.MIN_VALUE + 1};
    ProcessTracker tracker =
        ProcessTracker.builder().ticker(() -> now[0]).output(lines::add).build();
    tracker.trackProcess(
        "main",
        () -> {
          try (Timer timer = tracker.timer("huge")) {
            now[0] = Long.MAX_VALUE;
          }
        });
    assertEquals(
        "{\"latencies\":{\"main\":9223372036854.776,\"huge\":9223372036854.776},\"metrics\":{},"
            + "\"tracker_warnings\":[\"latency 'huge' reached the largest figure a long holds in"
            + " nanoseconds; written as that\"]}",
        lines.get(0));
  }

  @Test
  void aTickerThatThrowsCostsOnlyItsSpansWithOneWarning() {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder()
            .ticker(
                () -> {
                  throw new IllegalStateException("no clock\nhere");
                })
            .output(lines::add)
            .build();
    Timer[] timer = new Timer[1];
    assertEquals(
        "ok",
        tracker.trackProcess(
            "main",
            () -> {
              timer[0] = tracker.timer("step");
              timer[0].close();
              tracker.setMetric("kept", 1);
              return "ok";
            }));
    timer[0].close();
    assertEquals(
        "{\"latencies\":{},\"metrics\":{\"kept\":1},\"tracker_warnings\":[\"the ticker threw"
            + " java.lang.IllegalStateException: no clock\\\\u000ahere; spans it could not time are"
            + " left out\"]}",
        lines.get(0));
  }

  // --- counters ----------------------------------------------------------------------------------

  @Test
  void countsPastTheRangeOfAnIntAreWrittenExactly() {
    RunRecord record = RunRecord.builder("main").latency("x", 5_000_000L, 3_000_000_000L).build();
    assertEquals(
        "{\"latencies\":{\"x\":5.000},\"latency_counts\":{\"x\":3000000000},\"metrics\":{}}",
        LineFormat.json().render(record));
  }

  @Test
  void totalsAndCountsSaturateInsteadOfWrapping() {
    LatencyTable table = new LatencyTable();
    int position = table.positionFor("x");
    assertTrue(table.add(position, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1));
    assertFalse(table.add(position, 5, 5), "the total saturated");
    assertEquals(Long.MAX_VALUE, table.totalNanos[position]);
    assertEquals(Long.MAX_VALUE, table.counts[position]);
  }

  // --- numbers -----------------------------------------------------------------------------------

  /** A BigDecimal whose text would forge a key and a second line. */
  private static final class ForgingDecimal extends BigDecimal {
    private static final long serialVersionUID = 1L;

    ForgingDecimal(String value) {
      super(value);
    }

    @Override
    public String toString() {
      return "1,\"forged\":true}\n{\"latencies\":{}}";
    }

    @Override
    public String toPlainString() {
      return toString();
    }
  }

  /** A Number none of whose methods can be read. */
  private static final class UnreadableNumber extends Number {
    private static final long serialVersionUID = 1L;

    @Override
    public int intValue() {
      throw new UnsupportedOperationException("no\nint");
    }

    @Override
    public long longValue() {
      throw new UnsupportedOperationException("no\nlong");
    }

    @Override
    public float floatValue() {
      throw new UnsupportedOperationException("no\nfloat");
    }

    @Override
    public double doubleValue() {
      throw new StackOverflowError("no\ndouble");
    }

    @Override
    public String toString() {
      return "}\n{";
    }
  }

  @Test
  void aNumberOfTheCallersClassIsReadByValueNeverByItsText() {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker = ProcessTracker.builder().ticker(() -> 0L).output(lines::add).build();
    String err =
        StandardStreams.captureErr(
            () ->
                tracker.trackProcess(
                    "main",
                    () -> {
                      tracker.setMetric("decimal", new ForgingDecimal("12.50"));
                      tracker.setMetric("unreadable", new UnreadableNumber());
                    }));
    assertEquals("", err, "nothing reaches standard error");
    assertEquals(1, lines.size());
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{\"decimal\":12.50,\"unreadable\":null},"
            + "\"tracker_warnings\":[\"metric 'unreadable': a value of class "
            + UnreadableNumber.class.getName()
            + " could not be read (java.lang.StackOverflowError: no\\\\u000adouble); written as"
            + " null\"]}",
        lines.get(0));
  }

  @Provide
  Arbitrary<Number> hostileNumbers() {
    Arbitrary<Number> decimals =
        Arbitraries.bigDecimals().map(value -> new ForgingDecimal(value.toString()));
    Arbitrary<Number> integers =
        Arbitraries.bigIntegers()
            .map(
                value ->
                    new BigInteger(value.toByteArray()) {
                      private static final long serialVersionUID = 1L;

                      @Override
                      public String toString() {
                        return "\n}";
                      }
                    });
    Arbitrary<Number> doubles =
        Arbitraries.doubles()
            .withSpecialValue(Double.NaN)
            .withSpecialValue(Double.POSITIVE_INFINITY)
            .map(
                value ->
                    new Number() {
                      private static final long serialVersionUID = 1L;

                      @Override
                      public int intValue() {
                        return value.intValue();
                      }

                      @Override
                      public long longValue() {
                        return value.longValue();
                      }

                      @Override
                      public float floatValue() {
                        return value.floatValue();
                      }

                      @Override
                      public double doubleValue() {
                        return value;
                      }

                      @Override
                      public String toString() {
                        return "\"forged\n";
                      }
                    });
    return Arbitraries.oneOf(decimals, integers, doubles, Arbitraries.just(new UnreadableNumber()));
  }

  @Property(tries = 300)
  void noNumberCanForgeAKeyOrALineOnAnyStream(@ForAll("hostileNumbers") Number value) {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker = ProcessTracker.builder().ticker(() -> 0L).output(lines::add).build();
    String out =
        StandardStreams.captureOut(
            () -> {
              String err =
                  StandardStreams.captureErr(
                      () -> tracker.trackProcess("main", () -> tracker.setMetric("n", value)));
              assertEquals("", err);
            });
    assertEquals("", out);
    assertEquals(1, lines.size());
    JsonObject line = LineJson.parseLine(lines.get(0));
    assertEquals(Set3.of("latencies", "metrics", "tracker_warnings"), Set3.keysOf(line));
    JsonObject metrics = line.getAsJsonObject("metrics");
    assertEquals(1, metrics.size());
    if (value instanceof BigDecimal) {
      assertEquals(
          new BigDecimal(((BigDecimal) value).unscaledValue(), ((BigDecimal) value).scale()),
          metrics.get("n").getAsBigDecimal());
    }
  }

  /** The keys a line may have here: its sections, and warnings only when a value was unreadable. */
  private static final class Set3 {
    static java.util.Set<String> of(String... keys) {
      return java.util.Set.of(keys);
    }

    static java.util.Set<String> keysOf(JsonObject line) {
      java.util.Set<String> keys = new java.util.HashSet<>(line.keySet());
      keys.add("tracker_warnings");
      return keys;
    }
  }

  // --- line formats ------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> hostileLines() {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withChars('\n', '\r', 'a', '"', '{', '\u2028', '\uD800', '\uDC00', 'é', '€')
            .ofMaxLength(64);
    Arbitrary<String> huge =
        Arbitraries.integers()
            .between(256_000 / 3, 600_000)
            .map(length -> "\u20ac\n".repeat(length / 2));
    return Arbitraries.oneOf(text, huge, Arbitraries.just((String) null));
  }

  @Property(tries = 100)
  void whateverAFormatReturnsTheOutputGetsOneEventWithinTheLimit(
      @ForAll("hostileLines") String returned, @ForAll boolean utf8) {
    List<Object> delivered = new ArrayList<>();
    ProcessTracker.Builder builder =
        ProcessTracker.builder().ticker(() -> 0L).format(record -> returned);
    if (utf8) {
      builder.utf8Output(delivered::add);
    } else {
      builder.output(delivered::add);
    }
    ProcessTracker tracker = builder.build();
    String err = StandardStreams.captureErr(() -> tracker.trackProcess("main", () -> {}));
    assertEquals(1, delivered.size());
    String line =
        utf8
            ? new String((byte[]) delivered.get(0), StandardCharsets.UTF_8)
            : (String) delivered.get(0);
    if (utf8) {
      assertTrue(line.endsWith("\n"));
      line = line.substring(0, line.length() - 1);
    }
    assertFalse(line.contains("\n") || line.contains("\r"), "one event");
    assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= LineLimit.MAX_LINE_BYTES);
    assertEquals(line, Text.withoutLoneSurrogates(line), "no lone surrogate");
    if (returned == null) {
      assertEquals(
          "{\"latencies\":{\"main\":0.000},\"metrics\":{},\"tracker_warnings\":[\"the line format"
              + " (a lambda) failed (see standard error); written in the default format\"]}",
          line);
      assertEquals("tracker-lambda: the line format (a lambda) returned null\n", err);
    } else if (returned.getBytes(StandardCharsets.UTF_8).length <= LineLimit.MAX_LINE_BYTES) {
      assertEquals(Text.oneEvent(returned), line);
    }
  }

  @Test
  void aFormatsOverlongLineIsRenderedAgainFromACutRecord() {
    List<String> lines = new ArrayList<>();
    LineFormat wordy =
        record -> {
          StringBuilder text = new StringBuilder(record.processName());
          record.identifiers().forEach((name, value) -> text.append(' ').append(value));
          text.append(" warnings=").append(record.warnings().size());
          return text.toString();
        };
    ProcessTracker tracker =
        ProcessTracker.builder().ticker(() -> 0L).format(wordy).output(lines::add).build();
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 0; i < 400; i++) {
            tracker.setIdentifier("id" + i, "v".repeat(1000));
          }
        });
    String line = lines.get(0);
    assertTrue(line.length() < LineLimit.MAX_LINE_BYTES, "cut by dropping identifiers");
    assertTrue(line.startsWith("main v"), line);
    assertTrue(line.endsWith(" warnings=1"), "the cut warning is in the record it rendered");
  }

  @Test
  void aFormatThatThrowsAnErrorWhoseMessageCannotBeReadIsReportedOnOneLine() {
    List<String> lines = new ArrayList<>();
    LineFormat broken =
        new LineFormat() {
          @Override
          public String render(RunRecord record) {
            throw new IllegalStateException() {
              private static final long serialVersionUID = 1L;

              @Override
              public String getMessage() {
                throw new IllegalArgumentException("no message");
              }
            };
          }
        };
    ProcessTracker tracker =
        ProcessTracker.builder().ticker(() -> 0L).format(broken).output(lines::add).build();
    String err = StandardStreams.captureErr(() -> tracker.trackProcess("main", () -> {}));
    assertEquals(1, lines.size());
    assertTrue(
        err.matches(
            "tracker-lambda: the line format \\S+ threw: \\S+ \\(its message could not be read:"
                + " java.lang.IllegalArgumentException\\)\n"),
        err);
  }

  // --- snapshots ---------------------------------------------------------------------------------

  @Test
  void aSnapshotOfARunInProgressMeasuresOpenTimersAndLeavesTheRunAsItWas() {
    List<String> lines = new ArrayList<>();
    FakeTicker ticker = new FakeTicker();
    ProcessTracker tracker = ProcessTracker.builder().ticker(ticker).output(lines::add).build();
    RunRecord[] soFar = new RunRecord[1];
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setMetric("m", 1);
          Timer open = tracker.timer("open");
          ticker.advanceMicros(300);
          soFar[0] = tracker.snapshot().orElseThrow();
          ticker.advanceMicros(100);
          open.close();
        });
    assertFalse(soFar[0].finished());
    assertEquals(Map.of("main", 300_000L, "open", 300_000L), soFar[0].latenciesNanos());
    assertEquals(List.of("main", "open"), new ArrayList<>(soFar[0].latenciesNanos().keySet()));
    assertEquals(Map.of("m", 1L), soFar[0].metrics());
    assertEquals(
        List.of(
            "timer 'main' was still open when the line was written; measured until then",
            "timer 'open' was still open when the line was written; measured until then"),
        soFar[0].warnings());
    assertEquals(
        "{\"latencies\":{\"main\":0.400,\"open\":0.400},\"metrics\":{\"m\":1}}", lines.get(0));
    assertFalse(tracker.snapshot().isPresent(), "no run outside trackProcess");
  }

  @Test
  void aRecordBuiltByHandHoldsWhatWasGivenInOrder() {
    RunRecord record =
        RunRecord.builder("main")
            .latency("main", 2_000_000L, 1)
            .latency("b", 1_000L, 2)
            .metric("n", Integer.valueOf(3))
            .metric("t", "x\uD800")
            .identifier("id", "i")
            .identifier("flag", true)
            .warning("w")
            .build();
    assertEquals("main", record.processName());
    assertEquals(Map.of("main", 2.0, "b", 0.001), record.latenciesMillis());
    assertEquals(Map.of("main", 1L, "b", 2L), record.latencyCounts());
    assertEquals(3L, record.metrics().get("n"));
    assertEquals("x\uFFFD", record.metrics().get("t"));
    assertEquals(List.of("id", "flag"), new ArrayList<>(record.identifiers().keySet()));
    assertEquals(List.of("w"), record.warnings());
    assertTrue(record.finished());
    assertNull(record.identifiers().get("missing"));
    assertEquals(
        "{\"latencies\":{\"main\":2.000,\"b\":0.001},\"latency_counts\":{\"b\":2},"
            + "\"metrics\":{\"n\":3,\"t\":\"x\uFFFD\"},\"tracker_warnings\":[\"w\"],"
            + "\"id\":\"i\",\"flag\":true}",
        LineFormat.json().render(record));
  }

  @Property(tries = 50)
  void aRecordsMapsCannotBeChanged(
      @ForAll @Size(max = 3) List<@net.jqwik.api.constraints.AlphaChars String> names) {
    RunRecord.Builder builder = RunRecord.builder("main");
    for (String name : names) {
      if (!name.isBlank()) {
        builder.metric(name, 1);
      }
    }
    RunRecord record = builder.build();
    try {
      record.metrics().put("x", 1);
      throw new AssertionError("a record's map was changed");
    } catch (UnsupportedOperationException expected) {
      // immutable, as promised
    }
  }

  @Test
  void aTickerThatGoesBackwardsGivesZeroNotANegativeLatency() {
    List<String> lines = new ArrayList<>();
    long[] now = {5_000_000L};
    ProcessTracker tracker =
        ProcessTracker.builder().ticker(() -> now[0]).output(lines::add).build();
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

  /** A format of the caller's that fails, as a named class so the reports name it exactly. */
  static final class FailingFormat implements LineFormat {
    private final RuntimeException runtime;
    private final Error error;

    FailingFormat(RuntimeException runtime, Error error) {
      this.runtime = runtime;
      this.error = error;
    }

    @Override
    public String render(RunRecord record) {
      if (runtime != null) {
        throw runtime;
      }
      throw error;
    }
  }

  @Test
  void aLineFormatThatThrowsIsReportedAndTheLineIsWrittenInTheDefaultFormat() {
    LineFormat[] formats = {
      new FailingFormat(new IllegalStateException("format broke"), null),
      new FailingFormat(null, new NoClassDefFoundError("com/google/gson/stream/JsonWriter")),
      new FailingFormat(null, new OutOfMemoryError("format ran out")),
    };
    String[] reports = {
      "java.lang.IllegalStateException: format broke",
      "java.lang.NoClassDefFoundError: com/google/gson/stream/JsonWriter",
      "java.lang.OutOfMemoryError: format ran out",
    };
    String name = FailingFormat.class.getName();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < formats.length; i++) {
      lines.clear();
      ProcessTracker failing =
          ProcessTracker.builder()
              .ticker(new FakeTicker())
              .output(lines::add)
              .format(formats[i])
              .build();
      String err =
          StandardStreams.captureErr(
              () -> assertEquals("ok", failing.trackProcess("main", () -> "ok")));
      assertEquals("tracker-lambda: the line format " + name + " threw: " + reports[i] + "\n", err);
      assertEquals(
          List.of(
              "{\"latencies\":{\"main\":0.000},\"metrics\":{},\"tracker_warnings\":"
                  + "[\"the line format "
                  + name
                  + " failed (see standard error); written in the default format\"]}"),
          lines,
          "the run's line is written in the default format");
      assertEquals("ProcessTracker[no run]", failing.toString());
    }
  }
}
