package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class TrackerRecordsEachRunAsOneLineTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();
  private final ProcessTracker tracker =
      ProcessTracker.builder().ticker(ticker).output(lines::add).build();

  private String onlyLine() {
    assertEquals(1, lines.size(), () -> "lines: " + lines);
    return lines.get(0);
  }

  @Test
  void emptyProcessWritesItsOwnLatencyAndEmptyMetrics() {
    tracker.trackProcess("main", () -> ticker.advanceMicros(18));
    assertEquals("{\"latencies\":{\"main\":0.018},\"metrics\":{}}", onlyLine());
  }

  @Test
  void pythonQuickStartShapeWithTimersTrackedCodeMetricsAndIdentifiers() {
    tracker.trackProcess(
        "some_function",
        () -> {
          ticker.advanceMicros(1_000);
          try (Timer timer = tracker.timer("some_process_name")) {
            ticker.advanceMicros(2_500);
            tracker.track("some_other_function", () -> ticker.advanceMicros(250));
          }
          tracker.setMetric("some_function_errors", 1);
          tracker.setMetric("some_function_error_name", "ValueError");
          tracker.setIdentifier("correlation_id", "00000000-0000-0000-0000-000000000001");
        });
    assertEquals(
        "{\"latencies\":{\"some_function\":3.750,\"some_process_name\":2.750,"
            + "\"some_other_function\":0.250},"
            + "\"metrics\":{\"some_function_errors\":1,\"some_function_error_name\":\"ValueError\"},"
            + "\"correlation_id\":\"00000000-0000-0000-0000-000000000001\"}",
        onlyLine());
  }

  @Test
  void latenciesRoundToThreeDecimalsHalfUp() {
    tracker.trackProcess(
        "main",
        () -> {
          tracker.track("a", () -> ticker.advanceNanos(1_234_499L));
          tracker.track("b", () -> ticker.advanceNanos(1_234_500L));
          tracker.track("c", () -> ticker.advanceNanos(499L));
          tracker.track("d", () -> ticker.advanceNanos(2_215_262_000L));
        });
    assertEquals(
        "{\"latencies\":{\"main\":2217.731,\"a\":1.234,\"b\":1.235,\"c\":0.000,\"d\":2215.262},"
            + "\"metrics\":{}}",
        onlyLine());
  }

  @Test
  void repeatedTimerNameReportsTotalAndCount() {
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 1; i <= 3; i++) {
            try (Timer timer = tracker.timer("record")) {
              ticker.advanceMicros(1_000L * i);
            }
          }
        });
    assertEquals(
        "{\"latencies\":{\"main\":6.000,\"record\":6.000},\"latency_counts\":{\"record\":3},"
            + "\"metrics\":{}}",
        onlyLine());
  }

  @Test
  void timerNamedLikeTheProcessAddsToTheProcessEntry() {
    tracker.trackProcess(
        "main",
        () -> {
          try (Timer timer = tracker.timer("main")) {
            ticker.advanceMicros(1_000);
          }
        });
    assertEquals(
        "{\"latencies\":{\"main\":2.000},\"latency_counts\":{\"main\":2},\"metrics\":{}}",
        onlyLine());
  }

  @Test
  void aTimerStartedOutsideAnyRunRecordsNothingAndTheNextRunStartsClean() {
    Timer early = tracker.timer("warmup");
    ticker.advanceMicros(100);
    early.close();
    tracker.setMetric("early", 1);
    tracker.trackProcess("main", () -> ticker.advanceMicros(200));
    assertEquals("{\"latencies\":{\"main\":0.200},\"metrics\":{}}", onlyLine());
  }

  @Test
  void failingProcessWritesTheLineAndRethrowsTheSameException() {
    IllegalStateException thrown = new IllegalStateException("boom");
    IllegalStateException caught =
        assertThrows(
            IllegalStateException.class,
            () ->
                tracker.trackProcess(
                    "main",
                    () -> {
                      ticker.advanceMicros(5);
                      throw thrown;
                    }));
    assertSame(thrown, caught);
    assertEquals(
        "{\"latencies\":{\"main\":0.005},"
            + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.lang.IllegalStateException\"}}",
        onlyLine());
  }

  @Test
  void checkedExceptionsPassThroughTrackAndTrackProcessUnchanged() {
    IOException thrown = new IOException("disk");
    IOException caught =
        assertThrows(
            IOException.class,
            () ->
                tracker.trackProcess(
                    "main",
                    () -> {
                      tracker.track(
                          "read",
                          () -> {
                            ticker.advanceMicros(7);
                            throw thrown;
                          });
                    }));
    assertSame(thrown, caught);
    assertEquals(
        "{\"latencies\":{\"main\":0.007,\"read\":0.007},"
            + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.io.IOException\"}}",
        onlyLine());
  }

  @Test
  void errorsAreRecordedAndRethrownToo() {
    AssertionError thrown = new AssertionError("bad");
    assertSame(
        thrown,
        assertThrows(
            AssertionError.class,
            () ->
                tracker.trackProcess(
                    "main",
                    () -> {
                      throw thrown;
                    })));
    assertEquals(
        "{\"latencies\":{\"main\":0.000},"
            + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.lang.AssertionError\"}}",
        onlyLine());
  }

  @Test
  void trackProcessReturnsTheBodysValue() {
    Object value = new Object();
    assertSame(value, tracker.trackProcess("main", () -> value));
  }

  @Test
  void trackReturnsTheCodesValue() {
    Object value = new Object();
    Object[] seen = new Object[1];
    tracker.trackProcess(
        "main",
        () -> {
          seen[0] = tracker.track("step", () -> value);
        });
    assertSame(value, seen[0]);
  }

  @Test
  void aTrackerIsReusableAndEachRunWritesItsOwnLine() {
    tracker.trackProcess(
        "main",
        () -> {
          ticker.advanceMicros(100);
          tracker.setMetric("first_only", 1);
          tracker.setIdentifier("run", "1");
        });
    tracker.trackProcess("again", () -> tracker.setIdentifier("run", "2"));
    assertEquals(
        List.of(
            "{\"latencies\":{\"main\":0.100},\"metrics\":{\"first_only\":1},\"run\":\"1\"}",
            "{\"latencies\":{\"again\":0.000},\"metrics\":{},\"run\":\"2\"}"),
        lines);
  }

  @Test
  void twoThreadsRunningOneTrackerGetTwoRunsThatNeverMix() throws Exception {
    List<String> shared = java.util.Collections.synchronizedList(new ArrayList<>());
    ProcessTracker one = ProcessTracker.builder().ticker(ticker).output(shared::add).build();
    java.util.concurrent.CyclicBarrier bothInside = new java.util.concurrent.CyclicBarrier(2);
    Runnable[] bodies = new Runnable[2];
    for (int i = 0; i < 2; i++) {
      String id = "t" + i;
      bodies[i] =
          () -> {
            try {
              one.trackProcess(
                  "run_" + id,
                  () -> {
                    one.setIdentifier("thread", id);
                    bothInside.await();
                    try (Timer timer = one.timer("step_" + id)) {
                      one.incrementMetric("count_" + id);
                    }
                    bothInside.await();
                  });
            } catch (Exception failed) {
              throw new IllegalStateException(failed);
            }
          };
    }
    Thread first = new Thread(bodies[0]);
    Thread second = new Thread(bodies[1]);
    first.start();
    second.start();
    first.join();
    second.join();
    assertEquals(2, shared.size());
    List<String> sorted = new ArrayList<>(shared);
    java.util.Collections.sort(sorted);
    assertEquals(
        List.of(
            "{\"latencies\":{\"run_t0\":0.000,\"step_t0\":0.000},\"metrics\":{\"count_t0\":1},\"thread\":\"t0\"}",
            "{\"latencies\":{\"run_t1\":0.000,\"step_t1\":0.000},\"metrics\":{\"count_t1\":1},\"thread\":\"t1\"}"),
        sorted);
  }

  @Test
  void nestedRunsOfOneTrackerWriteTheInnerLineFirstAndRestoreTheOuterRun() {
    tracker.trackProcess(
        "outer",
        () -> {
          tracker.setMetric("outer_metric", 1);
          tracker.trackProcess("inner", () -> tracker.setMetric("inner_metric", 2));
          tracker.setMetric("outer_again", 3);
        });
    assertEquals(
        List.of(
            "{\"latencies\":{\"inner\":0.000},\"metrics\":{\"inner_metric\":2}}",
            "{\"latencies\":{\"outer\":0.000},\"metrics\":{\"outer_metric\":1,\"outer_again\":3}}"),
        lines);
  }

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
  void closingATimerTwiceRecordsOnce() {
    tracker.trackProcess(
        "main",
        () -> {
          Timer timer = tracker.timer("step");
          ticker.advanceMicros(10);
          timer.close();
          ticker.advanceMicros(10);
          timer.close();
        });
    assertEquals("{\"latencies\":{\"main\":0.020,\"step\":0.010},\"metrics\":{}}", onlyLine());
  }

  @Test
  void timerClosedOnAnotherThreadIsRecorded() throws Exception {
    tracker.trackProcess(
        "main",
        () -> {
          Timer timer = tracker.timer("callback");
          ticker.advanceMicros(40);
          Thread other = new Thread(timer::close);
          other.start();
          other.join();
        });
    assertEquals("{\"latencies\":{\"main\":0.040,\"callback\":0.040},\"metrics\":{}}", onlyLine());
  }

  @Test
  void timersLeftOpenAreMeasuredUntilTheLineAndNamedInWarnings() {
    Timer[] leftOpen = new Timer[2];
    tracker.trackProcess(
        "main",
        () -> {
          leftOpen[0] = tracker.timer("first");
          ticker.advanceMicros(10);
          leftOpen[1] = tracker.timer("second");
          ticker.advanceMicros(10);
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.020,\"first\":0.020,\"second\":0.010},\"metrics\":{},"
            + "\"tracker_warnings\":["
            + "\"timer 'first' was still open when the line was written; measured until then\","
            + "\"timer 'second' was still open when the line was written; measured until then\"]}",
        onlyLine());
    ticker.advanceMicros(10);
    leftOpen[0].close();
    assertEquals(1, lines.size());
  }

  @Test
  void warningsStopAtTwentyAndCountTheRest() {
    tracker.trackProcess(
        "main",
        () -> {
          for (int i = 0; i < 23; i++) {
            tracker.timer("t" + i);
          }
        });
    String line = onlyLine();
    assertTrue(
        line.endsWith(
            "\"timer 't19' was still open when the line was written; measured until then\",\"and 3 more warnings\"]}"),
        line);
  }

  @Test
  void callsAfterTheLineWasWrittenAreIgnored() {
    tracker.trackProcess("main", () -> ticker.advanceMicros(1));
    tracker.setMetric("late", 1);
    tracker.setMetric("late_text", "x");
    tracker.incrementMetric("late_count");
    tracker.setIdentifier("late_id", "x");
    tracker.timer("late_timer").close();
    tracker.track("late_track", () -> 1);
    assertFalse(tracker.isRecording());
    assertEquals("{\"latencies\":{\"main\":0.001},\"metrics\":{}}", onlyLine());
  }

  @Test
  void trackAsyncTimesUntilTheStageCompletes() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    tracker.trackProcess(
        "main",
        () -> {
          CompletableFuture<String> timed = tracker.trackAsync("lookup", () -> pending);
          ticker.advanceMicros(300);
          assertFalse(timed.isDone());
          pending.complete("found");
          assertEquals("found", timed.get());
        });
    assertEquals("{\"latencies\":{\"main\":0.300,\"lookup\":0.300},\"metrics\":{}}", onlyLine());
  }

  @Test
  void trackAsyncPassesFailuresThroughAndStillRecords() {
    IllegalStateException failure = new IllegalStateException("down");
    tracker.trackProcess(
        "main",
        () -> {
          CompletableFuture<String> pending = new CompletableFuture<>();
          CompletableFuture<String> timed = tracker.trackAsync("lookup", () -> pending);
          ticker.advanceMicros(5);
          pending.completeExceptionally(failure);
          ExecutionException thrown = assertThrows(ExecutionException.class, timed::get);
          assertSame(failure, thrown.getCause());
        });
    assertEquals("{\"latencies\":{\"main\":0.005,\"lookup\":0.005},\"metrics\":{}}", onlyLine());
  }

  @Test
  void trackAsyncStopsTheTimerWhenStartingThrowsOrReturnsNull() {
    IllegalArgumentException failure = new IllegalArgumentException("bad id");
    tracker.trackProcess(
        "main",
        () -> {
          assertSame(
              failure,
              assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      tracker.trackAsync(
                          "a",
                          () -> {
                            throw failure;
                          })));
          assertEquals(
              "start returned null instead of a stage",
              assertThrows(NullPointerException.class, () -> tracker.trackAsync("b", () -> null))
                  .getMessage());
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.000,\"a\":0.000,\"b\":0.000},\"metrics\":{}}", onlyLine());
  }

  @Test
  void outputThatThrowsIsReportedOnStandardErrorAndDoesNotReachTheCaller() {
    ProcessTracker failing =
        ProcessTracker.builder()
            .ticker(ticker)
            .output(
                line -> {
                  throw new IllegalStateException("logger down");
                })
            .build();
    String err =
        captureStandardError(() -> assertEquals("ok", failing.trackProcess("main", () -> "ok")));
    assertEquals(
        "tracker-lambda: the output function threw: java.lang.IllegalStateException: logger down;"
            + " the line was: {\"latencies\":{\"main\":0.000},\"metrics\":{}}"
            + System.lineSeparator(),
        err);
  }

  @Test
  void outputThatThrowsDoesNotReplaceTheBodysException() {
    ProcessTracker failing =
        ProcessTracker.builder()
            .ticker(ticker)
            .output(
                line -> {
                  throw new IllegalStateException("logger down");
                })
            .build();
    UnsupportedOperationException thrown = new UnsupportedOperationException("body");
    captureStandardError(
        () ->
            assertSame(
                thrown,
                assertThrows(
                    UnsupportedOperationException.class,
                    () ->
                        failing.trackProcess(
                            "main",
                            () -> {
                              throw thrown;
                            }))));
  }

  @Test
  void defaultOutputIsStandardOutputWithALineBreak() {
    String out =
        StandardStreams.captureOut(() -> new ProcessTracker().trackProcess("main", () -> {}));
    assertTrue(
        out.matches("\\{\"latencies\":\\{\"main\":\\d+\\.\\d{3}},\"metrics\":\\{}}\\R"), out);
  }

  @Test
  void consumerConstructorDeliversTheLine() {
    List<String> got = new ArrayList<>();
    new ProcessTracker(got::add).trackProcess("main", () -> {});
    assertEquals(1, got.size());
    assertTrue(got.get(0).startsWith("{\"latencies\":{\"main\":"), got.get(0));
  }

  @Test
  void toStringNamesTheProcessAndState() {
    assertEquals("ProcessTracker[no run]", tracker.toString());
    ProcessTracker[] run = new ProcessTracker[1];
    tracker.trackProcess(
        "main",
        () -> {
          assertEquals("ProcessTracker[main, running]", tracker.toString());
          run[0] = ProcessTracker.current();
        });
    assertEquals("ProcessTracker[no run]", tracker.toString());
    assertEquals("ProcessTracker[main, written]", run[0].toString());
    assertEquals("ProcessTracker[detached]", ProcessTracker.current().toString());
    assertEquals("Timer[x]", tracker.timer("x").toString());
  }

  static String captureStandardError(Runnable action) {
    return StandardStreams.captureErr(action);
  }

  // --- numbers and names, exactly -------------------------------------------------------------

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

  @Test
  void anOutputThatTracksARunOfItsOwnWhileTheLineIsWrittenGetsBothLinesWhole() {
    List<String> inner = new ArrayList<>();
    ProcessTracker innerTracker =
        ProcessTracker.builder().ticker(ticker).output(inner::add).build();
    ProcessTracker outer =
        ProcessTracker.builder()
            .ticker(ticker)
            .output(
                line -> {
                  innerTracker.trackProcess(
                      "ship", () -> innerTracker.setMetric("bytes", line.length()));
                  lines.add(line);
                })
            .build();
    outer.trackProcess("main", () -> outer.setIdentifier("id", "x".repeat(20_000)));
    outer.trackProcess("main", () -> outer.setIdentifier("id", "y"));
    assertEquals(
        List.of(
            "{\"latencies\":{\"ship\":0.000},\"metrics\":{\"bytes\":20049}}",
            "{\"latencies\":{\"ship\":0.000},\"metrics\":{\"bytes\":50}}"),
        inner);
    assertEquals(
        "{\"latencies\":{\"main\":0.000},\"metrics\":{},\"id\":\"y\"}",
        lines.get(1),
        "a line after a big one, on the same thread's reused writer, is whole and alone");
    assertEquals(20049, lines.get(0).length());
  }
}
