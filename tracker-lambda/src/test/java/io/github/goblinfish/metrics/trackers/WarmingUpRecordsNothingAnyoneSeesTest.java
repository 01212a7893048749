package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.internal.LineObserver;
import io.github.goblinfish.metrics.trackers.internal.LineObservers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessTracker#warmUp()} only loads classes: nothing reaches the tracker's output,
 * standard output or an observer, no format of the caller's is called, and a run the calling thread
 * is in keeps its line as it would be.
 */
class WarmingUpRecordsNothingAnyoneSeesTest {
  @Test
  void warmingUpInsideAndOutsideARunChangesNoLineAndShowsNothing() {
    List<String> lines = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    List<String> observed = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder().output(lines::add).ticker(new FakeTicker()).build();
    ProcessTracker emfToBytes =
        ProcessTracker.builder()
            .utf8Output(bytes::add)
            .format(LineFormat.emf().namespace("Orders").build())
            .build();
    String printed;
    try (LineObserver.Registration registration = LineObserver.register(observed::add)) {
      printed =
          StandardStreams.captureOut(
              () -> {
                tracker.trackProcess(
                    "outer",
                    () -> {
                      tracker.setMetric("before", 1);
                      tracker.warmUp();
                      emfToBytes.warmUp();
                      ProcessTracker.current().setMetric("after", 2);
                    });
                tracker.warmUp();
                emfToBytes.warmUp();
                new ProcessTracker().warmUp();
              });
    }
    assertEquals("", printed);
    assertEquals(
        List.of("{\"latencies\":{\"outer\":0.000},\"metrics\":{\"before\":1,\"after\":2}}"), lines);
    assertEquals(lines, observed);
    assertEquals(0, bytes.size());
    assertTheWarmUpsLoadWhatTheirLinesNeed();
  }

  /**
   * Nothing seen must not be because nothing was done: in a loader of its own, where no run or line
   * has loaded them, each warm-up loads its line's classes, EMF's last of all.
   */
  private static void assertTheWarmUpsLoadWhatTheirLinesNeed() {
    try (FreshLibraryLoader fresh = new FreshLibraryLoader()) {
      fresh.run(WarmUpsInAFreshLoader.class);
      assertEquals(List.of(), fresh.notLoaded(Run.class, RunRecord.class, Timer.class));
      assertEquals(List.of(), fresh.notLoaded(JsonLine.class, LineObservers.class));
      assertEquals(
          List.of(), fresh.notLoaded(LineFormat.emf().namespace("Orders").build().lineClasses()));
    } catch (java.io.IOException | ReflectiveOperationException failure) {
      throw new AssertionError(failure);
    }
  }

  /** Builds the test's two trackers and warms them up, in a {@link FreshLibraryLoader}. */
  public static final class WarmUpsInAFreshLoader implements Runnable {
    @Override
    public void run() {
      List<String> lines = new ArrayList<>();
      ProcessTracker.builder().output(lines::add).ticker(new FakeTicker()).build().warmUp();
      ProcessTracker.builder()
          .utf8Output(bytes -> {})
          .format(LineFormat.emf().namespace("Orders").build())
          .build()
          .warmUp();
      assertEquals(List.of(), lines);
    }
  }

  @Test
  void aFormatOfTheCallersOwnIsNeverCalled() {
    List<RunRecord> rendered = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    ProcessTracker.builder()
        .output(lines::add)
        .format(
            record -> {
              rendered.add(record);
              return "{}";
            })
        .build()
        .warmUp();
    assertEquals(List.of(), rendered);
    assertEquals(List.of(), lines);
    try (FreshLibraryLoader fresh = new FreshLibraryLoader()) {
      fresh.run(CallersFormatWarmUpInAFreshLoader.class);
      // Not called, yet warmed up: the run's and the line's classes are loaded all the same.
      assertEquals(List.of(), fresh.notLoaded(Run.class, JsonLine.class, LineObservers.class));
    } catch (java.io.IOException | ReflectiveOperationException failure) {
      throw new AssertionError(failure);
    }
  }

  /** The second test's warm-up, in a {@link FreshLibraryLoader}. */
  public static final class CallersFormatWarmUpInAFreshLoader implements Runnable {
    @Override
    public void run() {
      List<RunRecord> rendered = new ArrayList<>();
      ProcessTracker.builder()
          .output(line -> {})
          .format(
              record -> {
                rendered.add(record);
                return "{}";
              })
          .build()
          .warmUp();
      assertEquals(List.of(), rendered);
    }
  }
}
