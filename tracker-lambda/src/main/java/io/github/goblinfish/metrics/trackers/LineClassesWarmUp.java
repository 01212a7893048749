package io.github.goblinfish.metrics.trackers;

import java.util.function.Consumer;

/**
 * Records one throwaway run and renders its line into nothing, so that the classes of a tracker, a
 * run and a line (Gson's {@code JsonWriter} set-up above all, the costliest) are loaded and
 * initialised before the first real run needs them. It takes the path of a tracker writing UTF-8
 * bytes, as the Lambda base classes' trackers do, in the format they use, with no {@link
 * LineObserver} told. Backs {@link ProcessTracker#warmUp(LineFormat)}.
 *
 * <p>It runs the steps of {@code trackProcess} itself rather than calling it: the JIT compiles
 * {@code trackProcess} with what its call sites have seen, and a second kind of body seen there
 * (this one) is enough to stop it from proving that a handler's per-invocation object never
 * escapes, which costs every invocation an allocation.
 *
 * <p>Stateless and thread-safe.
 */
final class LineClassesWarmUp implements Consumer<byte[]> {
  private static final String NAME = "warm_up";

  private LineClassesWarmUp() {}

  /**
   * @param chosen the format whose line to render; one of the caller's own is not called (it is the
   *     caller's code, with effects this must not have), and the default format stands in for it
   */
  static void run(LineFormat chosen) {
    try {
      LineOutput output = LineOutput.unobservedUtf8(new LineClassesWarmUp());
      LineFormat format = chosen instanceof BuiltInFormat ? chosen : LineFormat.json();
      ProcessTracker tracker = new ProcessTracker(output, Ticker.system(), format);
      Run previous = CurrentRun.get();
      Run run = new Run(tracker, previous, NAME, Ticker.system());
      Timer entry = run.startTimer(NAME);
      CurrentRun.enter(run);
      try {
        record(ProcessTracker.current());
      } finally {
        entry.close();
        CurrentRun.restore(previous);
      }
      RunRecord record = run.end();
      if (record != null) {
        output.write(format, record);
      }
    } catch (Throwable failure) {
      // Only a head start: the first real run does all of this itself if need be.
    }
  }

  private static void record(ProcessTracker run) {
    Timer step = run.timer("step");
    // No fractional metric: formatting a double loads JDK classes that most lines never need.
    run.setMetric("count", 1L);
    run.setMetric("text", "text");
    run.incrementMetric("increments");
    run.setIdentifier("identifier", "text");
    run.setIdentifier("flag", true);
    step.close();
  }

  @Override
  public void accept(byte[] line) {
    // The line goes nowhere: rendering it was the point.
  }
}
