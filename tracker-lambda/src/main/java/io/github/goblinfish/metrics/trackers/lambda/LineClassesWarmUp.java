package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.RunRecord;
import io.github.goblinfish.metrics.trackers.Timer;

/**
 * Loads and initialises the classes of a tracker, a run and a line ahead of the first invocation:
 * it builds a tracker that is never used, times a step and sets a metric on it outside any of its
 * runs (which records nothing) and renders a line that goes nowhere. The timeout watch's thread
 * runs it when it starts, while the runtime initialises, so that this work (Gson's {@code
 * JsonWriter} set-up above all, the costliest) happens alongside the runtime's own instead of on
 * the first invocation's path.
 *
 * <p>Nothing reaches an output or a {@code LineObserver}. Stateless and thread-safe.
 */
final class LineClassesWarmUp {
  private LineClassesWarmUp() {}

  static void run() {
    try {
      // The tracker's own calls, not ProcessTracker.current(): with no run of this tracker they
      // record nothing, whatever run the calling thread may be in.
      ProcessTracker unused = ProcessTracker.builder().build();
      Timer timer = unused.timer("prepare");
      unused.setMetric("prepare", 1L);
      timer.close();
      LineFormat.json()
          .render(
              RunRecord.builder("prepare")
                  .latency("prepare", 1_000_000L, 1)
                  .metric("prepare", "text")
                  .identifier("prepare", "text")
                  .identifier("prepared", true)
                  .build());
    } catch (Throwable failure) {
      // Only a head start: the first invocation does all of this itself if need be.
    }
  }
}
