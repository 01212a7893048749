package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What the body throws reaches the caller as the same object, checked or not, after its line is
 * written; an output that throws is reported on standard error and never reaches the caller.
 */
class FailuresPassThroughAndTheLineIsStillWrittenTest extends OneTrackerWritingToAList {
  @Test
  void failingProcessWritesTheLineAndRethrowsTheSameException() {
    IllegalStateException thrown = new IllegalStateException("boom");
    IllegalStateException caught =
        assertThrows(
            IllegalStateException.class,
            () ->
                tracker.trackProcess(
                    "main",
                    () -> {
                      ticker.advanceMicros(5);
                      throw thrown;
                    }));
    assertSame(thrown, caught);
    assertEquals(
        "{\"latencies\":{\"main\":0.005},"
            + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.lang.IllegalStateException\"}}",
        onlyLine());
  }

  @Test
  void checkedExceptionsPassThroughTrackAndTrackProcessUnchanged() {
    IOException thrown = new IOException("disk");
    IOException caught =
        assertThrows(
            IOException.class,
            () ->
                tracker.trackProcess(
                    "main",
                    () -> {
                      tracker.track(
                          "read",
                          () -> {
                            ticker.advanceMicros(7);
                            throw thrown;
                          });
                    }));
    assertSame(thrown, caught);
    assertEquals(
        "{\"latencies\":{\"main\":0.007,\"read\":0.007},"
            + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.io.IOException\"}}",
        onlyLine());
  }

  @Test
  void errorsAreRecordedAndRethrownToo() {
    AssertionError thrown = new AssertionError("bad");
    assertSame(
        thrown,
        assertThrows(
            AssertionError.class,
            () ->
                tracker.trackProcess(
                    "main",
                    () -> {
                      throw thrown;
                    })));
    assertEquals(
        "{\"latencies\":{\"main\":0.000},"
            + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.lang.AssertionError\"}}",
        onlyLine());
  }

  @Test
  void outputThatThrowsIsReportedOnStandardErrorAndDoesNotReachTheCaller() {
    ProcessTracker failing =
        ProcessTracker.builder()
            .ticker(ticker)
            .output(
                line -> {
                  throw new IllegalStateException("logger down");
                })
            .build();
    String err =
        StandardStreams.captureErr(
            () -> assertEquals("ok", failing.trackProcess("main", () -> "ok")));
    assertEquals(
        "tracker-lambda: the output function threw: java.lang.IllegalStateException: logger down;"
            + " the line was: {\"latencies\":{\"main\":0.000},\"metrics\":{}}"
            + System.lineSeparator(),
        err);
  }

  @Test
  void outputThatThrowsDoesNotReplaceTheBodysException() {
    ProcessTracker failing =
        ProcessTracker.builder()
            .ticker(ticker)
            .output(
                line -> {
                  throw new IllegalStateException("logger down");
                })
            .build();
    UnsupportedOperationException thrown = new UnsupportedOperationException("body");
    StandardStreams.captureErr(
        () ->
            assertSame(
                thrown,
                assertThrows(
                    UnsupportedOperationException.class,
                    () ->
                        failing.trackProcess(
                            "main",
                            () -> {
                              throw thrown;
                            }))));
  }
}
