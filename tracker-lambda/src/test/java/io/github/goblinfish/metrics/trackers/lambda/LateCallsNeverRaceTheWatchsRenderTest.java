package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.LineLimit;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.RunRecord;
import io.github.goblinfish.metrics.trackers.UnreadableNumber;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timeout watch renders a record while the invocation's own threads may still call its tracker.
 * Those late calls reach nothing: the record the watch renders, and that a format may keep, is the
 * same before, during and after them, and rendering it never fails. Each round a thread keeps
 * adding warnings (a number that cannot be read) while the watch, on a fake clock, writes the line
 * through a format that cuts the record (which walks its warnings) and keeps it.
 */
class LateCallsNeverRaceTheWatchsRenderTest {
  private static final int ROUNDS = 300;

  private final FakeTicker clock = new FakeTicker();

  @BeforeEach
  void watchOnTheFakeClock() {
    TimeoutWatch.useClockForTests(clock);
  }

  @AfterEach
  void watchOnTheSystemClockAgain() {
    TimeoutWatch.useClockForTests(null);
  }

  /** Cuts each record to 10,000 bytes, renders it as JSON, and keeps the record. */
  static final class CuttingKeepingFormat implements LineFormat {
    final List<RunRecord> kept = new CopyOnWriteArrayList<>();

    @Override
    public String render(RunRecord record) {
      kept.add(record);
      return LineFormat.json().render(LineLimit.fit(record, 10_000));
    }
  }

  @Test
  void lateCallsRacingTheWatchsRenderNeverChangeTheRecordNorBreakTheLine() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    String text = "x".repeat(1000);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<String> lines = new CopyOnWriteArrayList<>();
        CuttingKeepingFormat format = new CuttingKeepingFormat();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        CountDownLatch writing = new CountDownLatch(1);
        AtomicReference<Future<?>> writer = new AtomicReference<>();
        TrackedRequestHandler<String, String> handler =
            new TrackedRequestHandler<>(
                HandlerConfig.builder()
                    .environment(name -> null)
                    .omitAllIdentifiers()
                    .output(lines::add)
                    .format(format)
                    .ticker(clock)
                    .timeoutMargin(Duration.ofMillis(50))
                    .build()) {
              @Override
              protected String handleTracked(String input, Context context) {
                ProcessTracker tracker = tracker();
                for (int i = 0; i < 12; i++) {
                  tracker.setMetric("text_" + i, text);
                }
                writer.set(
                    pool.submit(
                        () -> {
                          try {
                            while (!stop.get()) {
                              tracker.setMetric("unreadable", new UnreadableNumber());
                              writing.countDown();
                            }
                          } catch (Throwable failure) {
                            writerFailure.set(failure);
                            writing.countDown();
                          }
                        }));
                try {
                  writing.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                  throw new AssertionError(interrupted);
                }
                clock.advanceMicros(950_000);
                TimeoutWatch.checkNowForTests(); // the watch renders while the writer warns
                return input;
              }
            };
        String err =
            EveryInvocationWritesOneLineTest.captureStandardError(
                () ->
                    assertEquals(
                        "r",
                        handler.handleRequest(
                            "r",
                            TestContext.builder()
                                .timeout(Duration.ofSeconds(1))
                                .ticker(clock)
                                .build())));
        stop.set(true);
        writer.get().get(20, TimeUnit.SECONDS);
        assertNull(writerFailure.get(), "round " + round);
        assertEquals(1, lines.size(), "round " + round + ": one line");
        assertEquals(1, format.kept.size(), "round " + round + ": rendered once");
        assertTrue(
            err.startsWith("tracker-lambda: the invocation ended 50 ms before its deadline"),
            "round " + round + ": only the notice of an invocation ending after its line: " + err);
        assertEquals(1, err.lines().count(), "round " + round + ": " + err);
        RunRecord record = format.kept.get(0);
        assertEquals(
            lines.get(0),
            LineFormat.json().render(LineLimit.fit(record, 10_000)),
            "round " + round + ": the kept record renders the same line after the late calls");
        assertEquals(
            1.0,
            io.github.goblinfish.metrics.trackers.test.TrackerLine.parse(lines.get(0))
                .metric("timed_out"));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
