package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.Waits;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A million invocations of ONE handler instance, from several threads: the heap after GC stays flat
 * (nothing per invocation is retained by the handler, the tracker classes or the thread-local that
 * makes a run current), no invocation's tracker stays reachable, and every thread used has no
 * current run afterwards.
 *
 * <p>Slow, so excluded from the default build; run it with {@code ./mvnw -B -pl tracker-lambda
 * -Psoak verify}.
 */
@Tag("soak")
class SoakTest {
  private static final int THREADS = 4;
  private static final int WARM_UP = 100_000;
  private static final int TOTAL = 1_000_000;
  private static final int SAMPLED = 1_000;
  private static final long MAX_GROWTH_BYTES = 2L * 1024 * 1024;

  /** Records what a typical handler records, and keeps weak references to sampled trackers. */
  static final class SoakHandler extends TrackedRequestHandler<Integer, Integer> {
    final AtomicReferenceArray<WeakReference<ProcessTracker>> sampled =
        new AtomicReferenceArray<>(SAMPLED);

    SoakHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected Integer handleTracked(Integer id, Context context) {
      ProcessTracker tracker = tracker();
      if (id % (TOTAL / SAMPLED) == 0) {
        sampled.set(id / (TOTAL / SAMPLED), new WeakReference<>(tracker));
      }
      try (Timer timer = tracker.timer("load")) {
        tracker.setMetric("id", id);
      }
      tracker.track("step_" + (id % 3), () -> tracker.incrementMetric("steps"));
      tracker.setMetric("kind", id % 2 == 0 ? "even" : "odd");
      tracker.setIdentifier("event_id", "e-" + id);
      return id;
    }
  }

  @Test
  void aMillionInvocationsOfOneHandlerLeaveAFlatHeapAndNoCurrentRun() throws Exception {
    AtomicLong lineBytes = new AtomicLong();
    AtomicLong lineCount = new AtomicLong();
    SoakHandler handler =
        new SoakHandler(
            HandlerConfig.builder()
                .output(
                    line -> {
                      lineBytes.addAndGet(line.length());
                      lineCount.incrementAndGet();
                    })
                .build());
    TestContext context = Contexts.of("soak-request");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try {
      invoke(handler, context, pool, 0, WARM_UP);
      long afterWarmUp = usedHeapAfterGc(memory);
      long started = System.nanoTime();
      invoke(handler, context, pool, WARM_UP, TOTAL);
      long millis = (System.nanoTime() - started) / 1_000_000L;
      long afterAll = usedHeapAfterGc(memory);

      System.out.printf(
          "soak: %,d invocations on %d threads (+ the test thread); used heap after GC: %,d bytes"
              + " at %,d, %,d bytes at %,d: growth %,d bytes; %,d ms for the last %,d; %,d line"
              + " bytes%n",
          TOTAL,
          THREADS,
          afterWarmUp,
          WARM_UP,
          afterAll,
          TOTAL,
          afterAll - afterWarmUp,
          millis,
          TOTAL - WARM_UP,
          lineBytes.get());
      assertEquals(TOTAL, lineCount.get(), "one line per invocation");
      assertTrue(
          afterAll - afterWarmUp < MAX_GROWTH_BYTES,
          "heap grew by "
              + (afterAll - afterWarmUp)
              + " bytes between "
              + WARM_UP
              + " and "
              + TOTAL
              + " invocations");
      for (int i = 0; i < SAMPLED; i++) {
        WeakReference<ProcessTracker> reference = handler.sampled.get(i);
        assertNull(
            reference.get(), "invocation " + i * (TOTAL / SAMPLED) + "'s tracker is retained");
      }
      assertNoCurrentRunOnAnyThread(pool);
      assertFalse(ProcessTracker.current().isRecording(), "the test thread has no current run");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Invocations {@code from} to {@code to}: one in THREADS + 1 on this thread, the rest on the
   * pool.
   */
  private static void invoke(
      SoakHandler handler, TestContext context, ExecutorService pool, int from, int to)
      throws Exception {
    int share = (to - from) / (THREADS + 1);
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int start = from + t * share;
      int end = start + share;
      parts.add(pool.submit(() -> run(handler, context, start, end)));
    }
    long sum = run(handler, context, from + THREADS * share, to);
    for (Future<Long> part : parts) {
      sum += Waits.get(part);
    }
    assertEquals(((long) from + to - 1) * (to - from) / 2, sum, "every invocation returned its id");
  }

  private static long run(SoakHandler handler, TestContext context, int from, int to) {
    long sum = 0;
    for (int id = from; id < to; id++) {
      sum += handler.handleRequest(id, context);
    }
    return sum;
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /** Runs one check on each pool thread at once (a barrier makes them distinct threads). */
  private static void assertNoCurrentRunOnAnyThread(ExecutorService pool) throws Exception {
    CyclicBarrier allThreads = new CyclicBarrier(THREADS);
    List<Callable<String>> checks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      checks.add(
          () -> {
            Waits.await(allThreads);
            return ProcessTracker.current().isRecording()
                ? Thread.currentThread().getName() + " still has " + ProcessTracker.current()
                : null;
          });
    }
    for (Future<String> check : Waits.invokeAll(pool, checks)) {
      assertNull(Waits.get(check));
    }
  }
}
