package io.github.goblinfish.metrics.benchmarks;

import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the bytes of tracker-lambda's typical invocation go: the same invocation built up piece by
 * piece through the public API, each piece's allocation measured exactly with the thread's
 * allocation counter after a warm-up that lets the JIT compile it (as JMH's {@code -prof gc} does,
 * without its statistics).
 */
final class Breakdown {
  private static Object last;
  private static final Consumer<String> SINK = line -> last = line;

  private Breakdown() {}

  /**
   * @return step name to bytes per invocation, or empty when the JVM cannot count allocations
   */
  static Map<String, Double> typical() {
    Map<String, Double> bytes = new LinkedHashMap<>();
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean)) {
      return bytes;
    }
    String[] timers = Scenario.TYPICAL.timers();
    TrackerHandler handler = new TrackerHandler(SINK);
    bytes.put(
        "a tracker built (`ProcessTracker.builder().output(..).build()`)",
        measure(() -> last = ProcessTracker.builder().output(SINK).build()));
    bytes.put(
        "+ `trackProcess` of an empty body: the entry timer and the smallest line",
        measure(() -> tracker().trackProcess(Scenario.ENTRY, () -> "ok")));
    bytes.put("+ 5 timers", measure(() -> typicalBody(timers, 1)));
    bytes.put("+ 5 timers, 3 metrics", measure(() -> typicalBody(timers, 2)));
    bytes.put("+ 5 timers, 3 metrics, 2 identifiers", measure(() -> typicalBody(timers, 3)));
    bytes.put(
        "`TrackedRequestHandler`, minimal scenario (adds 4 automatic identifiers)",
        measure(() -> handler.handleRequest(Scenario.MINIMAL, BenchContext.INSTANCE)));
    bytes.put(
        "`TrackedRequestHandler`, typical scenario (the benchmark)",
        measure(() -> handler.handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE)));
    return bytes;
  }

  /** The typical invocation's body, up to its timers (1), metrics (2) or identifiers (3). */
  private static void typicalBody(String[] timers, int pieces) {
    tracker()
        .trackProcess(
            Scenario.ENTRY,
            () -> {
              ProcessTracker tracker = ProcessTracker.current();
              for (String name : timers) {
                try (Timer timer = tracker.timer(name)) {
                  last = timer;
                }
              }
              if (pieces >= 2) {
                tracker.setMetric("order_lines", 3L);
                tracker.setMetric("order_total_cents", 4599L);
                tracker.setMetric("items_shipped", 2L);
              }
              if (pieces >= 3) {
                tracker.setIdentifier("correlation_id", "c-42");
                tracker.setIdentifier("order_id", "o-1001");
              }
              return "ok";
            });
  }

  /**
   * @return the typical invocation's line
   */
  static String typicalLine() {
    List<String> lines = new ArrayList<>();
    new TrackerHandler(lines::add).handleRequest(Scenario.TYPICAL, BenchContext.INSTANCE);
    return lines.get(0);
  }

  private static ProcessTracker tracker() {
    return ProcessTracker.builder().output(SINK).build();
  }

  private static double measure(Runnable invocation) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 200_000; i++) {
      invocation.run();
    }
    long thread = Thread.currentThread().getId();
    int count = 100_000;
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < count; i++) {
      invocation.run();
    }
    return (threads.getThreadAllocatedBytes(thread) - before) / (double) count;
  }
}
