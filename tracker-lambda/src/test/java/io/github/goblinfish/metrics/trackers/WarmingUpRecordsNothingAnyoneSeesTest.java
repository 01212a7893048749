package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessTracker#warmUp()} records and renders a throwaway run: nothing reaches standard
 * output or an observer, and a run the calling thread is in keeps its line as it would be.
 */
class WarmingUpRecordsNothingAnyoneSeesTest {
  @Test
  void warmingUpInsideAndOutsideARunChangesNoLineAndShowsNothing() {
    List<String> lines = new ArrayList<>();
    List<String> observed = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder().output(lines::add).ticker(new FakeTicker()).build();
    String printed;
    try (LineObserver.Registration registration = LineObserver.register(observed::add)) {
      printed =
          StandardStreams.captureOut(
              () -> {
                tracker.trackProcess(
                    "outer",
                    () -> {
                      tracker.setMetric("before", 1);
                      ProcessTracker.warmUp();
                      ProcessTracker.current().setMetric("after", 2);
                    });
                ProcessTracker.warmUp();
                ProcessTracker.warmUp(LineFormat.emf().namespace("Orders").build());
              });
    }
    assertEquals("", printed);
    assertEquals(
        List.of("{\"latencies\":{\"outer\":0.000},\"metrics\":{\"before\":1,\"after\":2}}"), lines);
    assertEquals(lines, observed);
  }

  @Test
  void aFormatOfTheCallersOwnIsNeverCalled() {
    List<RunRecord> rendered = new ArrayList<>();
    String printed =
        StandardStreams.captureOut(
            () ->
                ProcessTracker.warmUp(
                    record -> {
                      rendered.add(record);
                      return "{}";
                    }));
    assertEquals("", printed);
    assertEquals(List.of(), rendered);
  }

  @Test
  void aNullFormatIsAProgrammingError() {
    NullPointerException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            NullPointerException.class, () -> ProcessTracker.warmUp(null));
    assertEquals("format", thrown.getMessage());
  }
}
