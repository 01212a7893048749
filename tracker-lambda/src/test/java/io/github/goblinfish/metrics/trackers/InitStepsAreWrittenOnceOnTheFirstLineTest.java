package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.internal.InitClock;
import io.github.goblinfish.metrics.trackers.lines.LineReader;
import io.github.goblinfish.metrics.trackers.lines.ParsedLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The steps timed with {@link ProcessTracker#initTimer} before the process's first line are written
 * on that line, in {@code init_steps}, and on no other: whichever run writes first, on whichever
 * thread they were timed, also when the first line is written early (before a timeout).
 */
class InitStepsAreWrittenOnceOnTheFirstLineTest {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final ProcessTracker tracker = ProcessTracker.builder().output(lines::add).build();

  @BeforeEach
  @AfterEach
  void forgetTheProcessStart() {
    InitSteps.reset();
    InitClock.reset(false);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void stepsTimedAtInitAreOnTheFirstLineOnlyWithTheProcessAge() {
    try (Timer timer = ProcessTracker.initTimer("client")) {
      sleep(5);
    }
    tracker.trackProcess("first", () -> {});
    tracker.trackProcess("second", () -> {});

    ParsedLine first = LineReader.parse(lines.get(0));
    assertEquals(List.of("client"), List.copyOf(first.initSteps().keySet()));
    assertTrue(first.initSteps().get("client").compareTo(BigDecimal.valueOf(5)) >= 0);
    // The process's age when the library first ran: read from /proc on Linux.
    assertEquals(List.of("runtime_start"), List.copyOf(first.init().keySet()), lines.get(0));
    assertEquals(
        "{\"latencies\":{\"second\":"
            + LineReader.parse(lines.get(1)).latencies().get("second")
            + "},\"metrics\":{}}",
        lines.get(1));
  }

  @Test
  void stepsTimedOnOtherThreadsAtInitCountToo() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (String name : List.of("config", "client", "cache")) {
        started.add(
            pool.submit(
                () -> {
                  try (Timer timer = ProcessTracker.initTimer(name)) {
                    sleep(2);
                  }
                }));
      }
      for (Future<?> future : started) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    tracker.trackProcess("first", () -> {});
    assertEquals(
        List.of("cache", "client", "config"),
        LineReader.parse(lines.get(0)).initSteps().keySet().stream().sorted().toList(),
        lines.get(0));
  }

  @Test
  void aStepStillOpenAtTheFirstLineIsMeasuredUntilThenAndALaterStepRecordsNothing() {
    Timer open = ProcessTracker.initTimer("warm_cache");
    tracker.trackProcess("first", () -> {});
    open.close();
    try (Timer late = ProcessTracker.initTimer("late")) {
      // After the first line: not init any more.
    }
    tracker.trackProcess("second", () -> {});

    ParsedLine first = LineReader.parse(lines.get(0));
    assertEquals(List.of("warm_cache"), List.copyOf(first.initSteps().keySet()));
    assertEquals(
        List.of(
            "init: timer 'warm_cache' was still open when the line was written; measured until"
                + " then"),
        first.warnings());
    assertEquals(java.util.Map.of(), LineReader.parse(lines.get(1)).initSteps());
  }

  @Test
  void ofManyRunsEndingAtOnceExactlyOneLineHasTheInitSteps() throws Exception {
    try (Timer timer = ProcessTracker.initTimer("client")) {
      // timed
    }
    int runs = 8;
    CyclicBarrier together = new CyclicBarrier(runs);
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        all.add(
            pool.submit(
                () -> {
                  tracker.trackProcess("concurrent", () -> together.await());
                  return null;
                }));
      }
      for (Future<?> future : all) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(runs, lines.size());
    long withInit = lines.stream().filter(line -> line.contains("\"init_steps\"")).count();
    assertEquals(1, withInit, String.join("\n", lines));
  }

  @Test
  void aLineWrittenBeforeTheRunEndsTakesTheInitStepsAndTheRunsOwnEndDoesNotWriteThemAgain()
      throws Exception {
    try (Timer timer = ProcessTracker.initTimer("client")) {
      // timed
    }
    CountDownLatch written = new CountDownLatch(1);
    tracker.trackProcess(
        "about_to_time_out",
        () -> {
          ProcessTracker run = ProcessTracker.current();
          Thread watch =
              new Thread(
                  () -> {
                    run.writeLineNow("timed_out", "about to time out");
                    written.countDown();
                  });
          watch.start();
          written.await();
          return null;
        });
    tracker.trackProcess("next", () -> {});
    assertEquals(2, lines.size());
    assertEquals(
        List.of("client"), List.copyOf(LineReader.parse(lines.get(0)).initSteps().keySet()));
    assertTrue(lines.get(0).contains("\"timed_out\":1"), lines.get(0));
    assertEquals(java.util.Map.of(), LineReader.parse(lines.get(1)).initSteps());
  }

  @Test
  void anInitStepWhoseNameWouldOverflowTheLineIsShortenedLikeAnyNameAndTheLineFits() {
    String huge = "x".repeat(LineLimit.MAX_LINE_BYTES);
    try (Timer timer = ProcessTracker.initTimer(huge)) {
      // timed
    }
    tracker.trackProcess("first", () -> {});
    String line = lines.get(0);
    assertTrue(
        line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= LineLimit.MAX_LINE_BYTES,
        "the line fits");
    ParsedLine first = LineReader.parse(line);
    assertEquals(
        List.of("x".repeat(LineLimit.CUT_TEXT_CHARS)), List.copyOf(first.initSteps().keySet()));
    assertEquals(
        "line cut to fit 256000 bytes: 1 names or text values shortened to 1024 characters;"
            + " dropped 0 latencies, 0 metrics, 0 identifiers",
        first.warnings().get(0));
  }

  @Test
  void withNothingTimedAtInitNoLineHasInitMembers() {
    tracker.trackProcess("first", () -> {});
    assertEquals(false, lines.get(0).contains("init"), lines.get(0));
  }

  @Test
  void anInitStepNameIsCheckedLikeAnyName() {
    org.junit.jupiter.api.Assertions.assertThrows(
        NullPointerException.class, () -> ProcessTracker.initTimer(null));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ProcessTracker.initTimer(" "));
  }
}
