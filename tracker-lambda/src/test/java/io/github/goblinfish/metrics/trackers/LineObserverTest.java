package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.goblinfish.metrics.trackers.internal.LineObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LineObserverTest {
  private static final String ZURICH_LINE =
      "{\"latencies\":{\"main\":1.250},\"metrics\":{},\"city\":\"Zürich\"}";

  private final FakeTicker ticker = new FakeTicker();

  private ProcessTracker textTracker(List<String> output) {
    return ProcessTracker.builder().output(output::add).ticker(ticker).build();
  }

  private void run(ProcessTracker tracker) {
    tracker.trackProcess(
        "main",
        () -> {
          ticker.advanceMicros(1_250);
          tracker.setIdentifier("city", "Zürich");
        });
  }

  @Test
  void anObserverSeesTheLineExactlyAsATextOutputReceivedIt() {
    List<String> output = new ArrayList<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (LineObserver.Registration registration = LineObserver.register(seen::add)) {
      run(textTracker(output));
    }
    assertEquals(List.of(ZURICH_LINE), seen);
    assertEquals(output, seen);
  }

  @Test
  void anObserverSeesTheBytesAByteOutputReceivedDecodedWithoutTheirNewline() {
    List<byte[]> output = new ArrayList<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (LineObserver.Registration registration = LineObserver.register(seen::add)) {
      run(ProcessTracker.builder().utf8Output(output::add).ticker(ticker).build());
    }
    assertEquals(1, output.size());
    assertEquals(
        List.of(new String(output.get(0), StandardCharsets.UTF_8).replaceAll("\n$", "")), seen);
    assertEquals(List.of(ZURICH_LINE), seen);
  }

  @Test
  void anObserverSeesTheLinesOfEveryFormat() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (LineObserver.Registration registration = LineObserver.register(seen::add)) {
      ProcessTracker tracker =
          ProcessTracker.builder()
              .output(line -> {})
              .ticker(ticker)
              .format(record -> "process=" + record.processName())
              .build();
      tracker.trackProcess("main", () -> {});
    }
    assertEquals(List.of("process=main"), seen);
  }

  @Test
  void anObserverSeesTheLineAlsoWhenTheOutputThrows() {
    List<String> seen = new CopyOnWriteArrayList<>();
    String[] err = new String[1];
    try (LineObserver.Registration registration = LineObserver.register(seen::add)) {
      ProcessTracker tracker =
          ProcessTracker.builder()
              .output(
                  line -> {
                    throw new IllegalStateException("disk full");
                  })
              .ticker(ticker)
              .build();
      err[0] = StandardStreams.captureErr(() -> tracker.trackProcess("main", () -> {}));
    }
    assertEquals(List.of("{\"latencies\":{\"main\":0.000},\"metrics\":{}}"), seen);
    assertEquals(
        "tracker-lambda: the output function threw: java.lang.IllegalStateException: disk full;"
            + " the line was: {\"latencies\":{\"main\":0.000},\"metrics\":{}}"
            + System.lineSeparator(),
        err[0]);
  }

  @Test
  void aThrowingObserverIsReportedAndSpoilsNeitherTheOutputNorOtherObserversNorTheResult() {
    List<String> output = new ArrayList<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    String[] result = new String[1];
    String err;
    try (LineObserver.Registration failing =
            LineObserver.register(
                line -> {
                  throw new IllegalStateException("observer broke");
                });
        LineObserver.Registration working = LineObserver.register(seen::add)) {
      ProcessTracker tracker = textTracker(output);
      err = StandardStreams.captureErr(() -> result[0] = tracker.trackProcess("main", () -> "ok"));
    }
    assertEquals("ok", result[0]);
    assertEquals(List.of("{\"latencies\":{\"main\":0.000},\"metrics\":{}}"), output);
    assertEquals(output, seen);
    assertEquals(
        "tracker-lambda: a line observer threw: java.lang.IllegalStateException: observer broke"
            + System.lineSeparator(),
        err);
  }

  @Test
  void aClosedRegistrationSeesNoMoreLinesAndClosingAgainDoesNothing() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ProcessTracker tracker = textTracker(new ArrayList<>());
    LineObserver.Registration registration = LineObserver.register(seen::add);
    tracker.trackProcess("first", () -> {});
    registration.close();
    registration.close();
    tracker.trackProcess("second", () -> {});
    assertEquals(List.of("{\"latencies\":{\"first\":0.000},\"metrics\":{}}"), seen);
  }

  @Test
  void oneObserverRegisteredTwiceSeesEachLineTwiceUntilEachRegistrationIsClosed() {
    List<String> seen = new CopyOnWriteArrayList<>();
    LineObserver observer = seen::add;
    ProcessTracker tracker = textTracker(new ArrayList<>());
    try (LineObserver.Registration outer = LineObserver.register(observer)) {
      try (LineObserver.Registration inner = LineObserver.register(observer)) {
        tracker.trackProcess("both", () -> {});
      }
      tracker.trackProcess("outer", () -> {});
    }
    tracker.trackProcess("none", () -> {});
    assertEquals(
        List.of(
            "{\"latencies\":{\"both\":0.000},\"metrics\":{}}",
            "{\"latencies\":{\"both\":0.000},\"metrics\":{}}",
            "{\"latencies\":{\"outer\":0.000},\"metrics\":{}}"),
        seen);
  }

  @Test
  void aNullObserverIsRejectedAtTheCallSite() {
    NullPointerException thrown =
        assertThrows(NullPointerException.class, () -> LineObserver.register(null));
    assertEquals("observer", thrown.getMessage());
  }
}
