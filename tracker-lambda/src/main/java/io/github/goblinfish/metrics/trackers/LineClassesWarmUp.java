package io.github.goblinfish.metrics.trackers;

import java.util.function.Consumer;

/**
 * Records one throwaway run and renders its line into nothing, so that the classes of a tracker, a
 * run and a line (Gson's {@code JsonWriter} set-up above all, the costliest) are loaded and
 * initialised before the first real run needs them. It takes the path of a tracker writing UTF-8
 * bytes in the default format, as the Lambda base classes' trackers do, with no {@link
 * LineObserver} told. Backs {@link ProcessTracker#warmUp()}.
 *
 * <p>Each call uses its own instance; thread-safe.
 */
final class LineClassesWarmUp
    implements ThrowingSupplier<Object, RuntimeException>, Consumer<byte[]> {
  private LineClassesWarmUp() {}

  static void run() {
    try {
      LineClassesWarmUp warmUp = new LineClassesWarmUp();
      new ProcessTracker(LineOutput.unobservedUtf8(warmUp), Ticker.system(), LineFormat.json())
          .trackProcess("warm_up", warmUp);
    } catch (Throwable failure) {
      // Only a head start: the first real run does all of this itself if need be.
    }
  }

  @Override
  public Object get() {
    ProcessTracker run = ProcessTracker.current();
    Timer step = run.timer("step");
    run.setMetric("count", 1L);
    run.setMetric("ratio", 0.5);
    run.setMetric("text", "text");
    run.incrementMetric("increments");
    run.setIdentifier("identifier", "text");
    run.setIdentifier("flag", true);
    step.close();
    return null;
  }

  @Override
  public void accept(byte[] line) {
    // The line goes nowhere: rendering it was the point.
  }
}
