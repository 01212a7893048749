package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import io.github.goblinfish.metrics.trackers.FakeTicker;
import io.github.goblinfish.metrics.trackers.LineJson;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.Waits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults around the Lambda handlers that EveryInvocationWritesOneLineTest does not cover: every
 * kind of throwable from every handler shape, outputs and loggers that throw (including the JVM's
 * own errors), and trackers used after their invocation ended. Each test pins the "Bad input and
 * faults" outcome of docs/guarantees.md exactly.
 */
class FaultsNeverReplaceTheHandlersResultTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @BeforeEach
  void freshProcess() {
    ColdStart.reset();
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private HandlerConfig quiet() {
    return HandlerConfig.builder().ticker(ticker).omitAllIdentifiers().output(lines::add).build();
  }

  private static String failedLine(String entry, Class<? extends Throwable> type) {
    return "{\"latencies\":{\""
        + entry
        + "\":0.004},\"untracked\":0.004,\"metrics\":{\"failed\":1,\"exception_type\":\""
        + type.getName()
        + "\"}}";
  }

  /** Throws any throwable, checked ones too, from code that declares none. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneakyThrow(Throwable thrown) throws E {
    throw (E) thrown;
  }

  /** A handler whose body throws what the test gives it, after 4 microseconds. */
  final class ThrowingHandler extends TrackedRequestHandler<String, String> {
    private final Throwable thrown;

    ThrowingHandler(HandlerConfig config, Throwable thrown) {
      super(config);
      this.thrown = thrown;
    }

    @Override
    protected String handleTracked(String input, Context context) {
      ticker.advanceMicros(4);
      throw sneakyThrow(thrown);
    }
  }

  /** A stream handler whose body throws what the test gives it, after 4 microseconds. */
  final class ThrowingStreamHandler extends TrackedRequestStreamHandler {
    private final Throwable thrown;

    ThrowingStreamHandler(HandlerConfig config, Throwable thrown) {
      super(config);
      this.thrown = thrown;
    }

    @Override
    protected void handleTracked(InputStream input, OutputStream output, Context context) {
      ticker.advanceMicros(4);
      throw sneakyThrow(thrown);
    }
  }

  private static Throwable[] everyKindOfThrowable() {
    return new Throwable[] {
      new IllegalStateException("runtime"),
      new IOException("checked"),
      new Exception("plain checked"),
      new StackOverflowError("by hand"),
      new OutOfMemoryError("by hand"),
      new AssertionError("error"),
      new NoClassDefFoundError("linkage"),
      new Throwable("bare throwable"),
    };
  }

  private void assertSameThrowableAndOneFailedLine(
      Throwable expected, Throwable actual, String entry) {
    assertSame(expected, actual);
    assertEquals(0, actual.getSuppressed().length, "nothing added to the handler's throwable");
    assertEquals(List.of(failedLine(entry, expected.getClass())), lines);
    assertFalse(ProcessTracker.current().isRecording(), "the thread has no current run after");
    lines.clear();
  }

  // --- every throwable, every handler shape: same object out, one line that records it --------

  @Test
  void requestHandlerPassesEveryThrowableThroughAndRecordsItOnce() {
    for (Throwable thrown : everyKindOfThrowable()) {
      ThrowingHandler handler = new ThrowingHandler(quiet(), thrown);
      Throwable caught =
          assertThrows(Throwable.class, () -> handler.handleRequest("e", Contexts.of("r")));
      assertSameThrowableAndOneFailedLine(thrown, caught, "ThrowingHandler");
    }
  }

  @Test
  void streamHandlerPassesEveryThrowableThroughAndRecordsItOnce() {
    for (Throwable thrown : everyKindOfThrowable()) {
      ThrowingStreamHandler handler = new ThrowingStreamHandler(quiet(), thrown);
      Throwable caught =
          assertThrows(
              Throwable.class,
              () ->
                  handler.handleRequest(
                      new ByteArrayInputStream(new byte[0]),
                      new ByteArrayOutputStream(),
                      Contexts.of("r")));
      assertSameThrowableAndOneFailedLine(thrown, caught, "ThrowingStreamHandler");
    }
  }

  @Test
  void wrappedRequestHandlerPassesEveryThrowableThroughAndRecordsItOnce() {
    for (Throwable thrown : everyKindOfThrowable()) {
      RequestHandler<String, String> tracked =
          TrackedHandlers.wrap(
              (input, context) -> {
                ticker.advanceMicros(4);
                throw sneakyThrow(thrown);
              },
              HandlerConfig.builder()
                  .entryName("wrapped")
                  .ticker(ticker)
                  .omitAllIdentifiers()
                  .output(lines::add)
                  .build());
      Throwable caught =
          assertThrows(Throwable.class, () -> tracked.handleRequest("e", Contexts.of("r")));
      assertSameThrowableAndOneFailedLine(thrown, caught, "wrapped");
    }
  }

  @Test
  void wrappedStreamHandlerPassesEveryThrowableThroughAndRecordsItOnce() {
    for (Throwable thrown : everyKindOfThrowable()) {
      RequestStreamHandler tracked =
          TrackedHandlers.wrap(
              (RequestStreamHandler)
                  (in, out, context) -> {
                    ticker.advanceMicros(4);
                    throw sneakyThrow(thrown);
                  },
              HandlerConfig.builder()
                  .entryName("wrapped_stream")
                  .ticker(ticker)
                  .omitAllIdentifiers()
                  .output(lines::add)
                  .build());
      Throwable caught =
          assertThrows(
              Throwable.class,
              () ->
                  tracked.handleRequest(
                      new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), null));
      assertSameThrowableAndOneFailedLine(thrown, caught, "wrapped_stream");
    }
  }

  // --- a null Context, or one without a logger, on the handler shapes not covered elsewhere ---

  @Test
  void streamHandlerWithANullContextWritesToTheRuntimeLoggerWithColdStartOnly() {
    TrackedRequestStreamHandler handler =
        new TrackedRequestStreamHandler(HandlerConfig.builder().ticker(ticker).build()) {
          @Override
          protected void handleTracked(InputStream input, OutputStream output, Context context)
              throws IOException {
            output.write(input.readAllBytes());
          }
        };
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    String out =
        captureStandardOutput(
            () -> {
              try {
                handler.handleRequest(
                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                    response,
                    null);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    assertEquals("{}", response.toString(StandardCharsets.UTF_8));
    assertTrue(
        out.matches(
            "\\{\"latencies\":\\{\"[^\"]*\":0\\.000},\"untracked\":0\\.000,\"metrics\":\\{},"
                + "\"cold_start\":true}\n"),
        out);
  }

  @Test
  void wrappedHandlerWithAContextWhoseLoggerIsNullWritesToTheRuntimeLogger() {
    Context context = mock(Context.class);
    when(context.getLogger()).thenReturn(null);
    when(context.getAwsRequestId()).thenReturn("req-9");
    RequestHandler<String, String> tracked =
        TrackedHandlers.wrap(
            (input, ignored) -> input.toUpperCase(java.util.Locale.ROOT),
            HandlerConfig.builder().entryName("upper").ticker(ticker).build());
    String[] result = new String[1];
    String out = captureStandardOutput(() -> result[0] = tracked.handleRequest("abc", context));
    assertEquals("ABC", result[0]);
    assertEquals(
        "{\"latencies\":{\"upper\":0.000},\"untracked\":0.000,\"metrics\":{},\"request_id\":\"req-9\",\"cold_start\":true}\n",
        out);
  }

  // --- the output or the logger throwing ----------------------------------------------------

  /** An output that counts its calls and throws what the test gives it. */
  static final class ThrowingOutput implements Consumer<String> {
    final AtomicInteger calls = new AtomicInteger();
    final Throwable thrown;

    ThrowingOutput(Throwable thrown) {
      this.thrown = thrown;
    }

    @Override
    public void accept(String line) {
      calls.incrementAndGet();
      throw sneakyThrow(thrown);
    }
  }

  /** A handler that returns "ok:" and its event. */
  static final class OkHandler extends TrackedRequestHandler<String, String> {
    OkHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected String handleTracked(String input, Context context) {
      return "ok:" + input;
    }
  }

  private OkHandler okHandler(Consumer<String> output) {
    return new OkHandler(
        HandlerConfig.builder().ticker(ticker).omitAllIdentifiers().output(output).build());
  }

  @Test
  void anOutputThrowingAnythingButAVirtualMachineErrorIsReportedAndTheResultStands() {
    for (Throwable thrown :
        new Throwable[] {
          new AssertionError("assert"),
          new NoClassDefFoundError("missing"),
          new IOException("checked, sneaky"),
          new IllegalStateException("runtime"),
          new Throwable("bare"),
        }) {
      ThrowingOutput output = new ThrowingOutput(thrown);
      String[] result = new String[1];
      String err =
          captureStandardError(
              () -> result[0] = okHandler(output).handleRequest("x", Contexts.of("r")));
      assertEquals("ok:x", result[0]);
      assertEquals(1, output.calls.get(), "the line is offered once, never retried");
      assertEquals(
          "tracker-lambda: the output function threw: "
              + thrown
              + "; the line was: {\"latencies\":{\"OkHandler\":0.000},\"untracked\":0.000,\"metrics\":{}}"
              + System.lineSeparator(),
          err);
    }
  }

  @Test
  void anOutputThrowingAVirtualMachineErrorIsReportedAndTheResultStandsToo() {
    for (VirtualMachineError fatal :
        new VirtualMachineError[] {
          new OutOfMemoryError("output"),
          new StackOverflowError("output"),
          new InternalError("output")
        }) {
      ThrowingOutput output = new ThrowingOutput(fatal);
      OkHandler handler = okHandler(output);
      String[] result = new String[1];
      String err =
          captureStandardError(() -> result[0] = handler.handleRequest("x", Contexts.of("r")));
      assertEquals("ok:x", result[0]);
      assertEquals(
          "tracker-lambda: the output function threw: "
              + fatal
              + "; the line was: {\"latencies\":{\"OkHandler\":0.000},\"untracked\":0.000,\"metrics\":{}}"
              + System.lineSeparator(),
          err);
      assertEquals(1, output.calls.get());
      assertFalse(ProcessTracker.current().isRecording(), "the thread's current run was restored");
    }
  }

  @Test
  void anOutputThrowingAVirtualMachineErrorLeavesTheHandlersOwnException() {
    IllegalArgumentException handlerFailure = new IllegalArgumentException("bad event");
    OutOfMemoryError fatal = new OutOfMemoryError("output");
    ThrowingOutput output = new ThrowingOutput(fatal);
    ThrowingHandler handler =
        new ThrowingHandler(
            HandlerConfig.builder().ticker(ticker).omitAllIdentifiers().output(output).build(),
            handlerFailure);
    captureStandardError(
        () -> {
          IllegalArgumentException caught =
              assertThrows(
                  IllegalArgumentException.class,
                  () -> handler.handleRequest("x", Contexts.of("r")));
          assertSame(handlerFailure, caught);
          assertEquals(0, caught.getSuppressed().length, "nothing is attached");
        });
    assertEquals(1, output.calls.get());
  }

  @Test
  void aLoggerThrowingAnErrorIsReportedAndTheHandlersExceptionStands() {
    Context context = mock(Context.class);
    when(context.getLogger())
        .thenReturn(
            new LambdaLogger() {
              @Override
              public void log(String message) {
                throw new AssertionError("string");
              }

              @Override
              public void log(byte[] message) {
                throw new AssertionError("bytes");
              }
            });
    IllegalStateException handlerFailure = new IllegalStateException("down");
    ThrowingHandler handler =
        new ThrowingHandler(
            HandlerConfig.builder().ticker(ticker).omitAllIdentifiers().build(), handlerFailure);
    String err =
        captureStandardError(
            () ->
                assertSame(
                    handlerFailure,
                    assertThrows(
                        IllegalStateException.class, () -> handler.handleRequest("x", context))));
    assertEquals(
        "tracker-lambda: the output function threw: java.lang.AssertionError: bytes; the line was: "
            + failedLine("ThrowingHandler", IllegalStateException.class)
            + System.lineSeparator(),
        err);
  }

  @Test
  void standardErrorFailingWhileReportingAThrowingOutputStillLeavesTheResult() {
    ThrowingOutput output = new ThrowingOutput(new IllegalStateException("logger down"));
    OkHandler handler = okHandler(output);
    PrintStream original = System.err;
    AtomicInteger reports = new AtomicInteger();
    System.setErr(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8) {
          @Override
          public void println(String text) {
            reports.incrementAndGet();
            throw new IllegalStateException("stderr closed");
          }
        });
    try {
      assertEquals("ok:x", handler.handleRequest("x", Contexts.of("r")));
    } finally {
      System.setErr(original);
    }
    assertEquals(1, reports.get());
    assertEquals(1, output.calls.get());
  }

  // --- trackers used after their invocation ended -------------------------------------------

  @Test
  void aTimerLeftOpenByTheHandlerIsMeasuredUntilTheLineAndNamedInWarnings() {
    TrackedRequestHandler<String, String> handler =
        new TrackedRequestHandler<>(quiet()) {
          @Override
          protected String handleTracked(String input, Context context) {
            tracker().timer("forgotten");
            ticker.advanceMicros(7);
            return "ok";
          }
        };
    assertEquals("ok", handler.handleRequest("x", Contexts.of("r")));
    assertEquals(1, lines.size());
    assertTrue(
        lines
            .get(0)
            .matches(
                "\\{\"latencies\":\\{\"[^\"]+\":0\\.007,\"forgotten\":0\\.007},\"untracked\":0\\.000,"
                    + "\"metrics\":\\{},"
                    + "\"tracker_warnings\":\\[\"timer 'forgotten' was still open when the line was"
                    + " written; measured until then\"]}"),
        lines.get(0));
  }

  /** Keeps its invocation's tracker beyond the invocation, as buggy code might. */
  static final class LeakingHandler extends TrackedRequestHandler<String, String> {
    final AtomicReference<ProcessTracker> leaked = new AtomicReference<>();

    LeakingHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected String handleTracked(String input, Context context) {
      leaked.set(tracker());
      tracker().setMetric("in_time", 1);
      return "ok";
    }
  }

  @Test
  void everyCallOnAnInvocationsTrackerAfterItReturnedIsIgnoredWithoutThrowing() throws Exception {
    LeakingHandler handler = new LeakingHandler(quiet());
    handler.handleRequest("x", Contexts.of("r"));
    ProcessTracker late = handler.leaked.get();
    assertFalse(late.isRecording());

    Timer timer = late.timer("late_timer");
    ticker.advanceMicros(5);
    timer.close();
    late.setMetric("late", 2);
    late.setMetric("late_text", "x");
    late.incrementMetric("in_time", 5);
    late.setIdentifier("late_id", "x");
    late.setIdentifier("late_flag", true);
    assertEquals(42, late.track("late_track", () -> 42));
    assertEquals(
        "v",
        Waits.get(late.trackAsync("late_async", () -> CompletableFuture.completedFuture("v"))));
    assertEquals(1, lines.size(), "no second line");
    assertTrue(lines.get(0).endsWith(",\"metrics\":{\"in_time\":1}}"), lines.get(0));
  }

  @Test
  void aTaskBoundToAnEndedInvocationRunsRecordsNothingAndLeavesItsThreadClean() throws Exception {
    AtomicReference<Runnable> boundTask = new AtomicReference<>();
    AtomicReference<java.util.concurrent.Executor> boundExecutor = new AtomicReference<>();
    AtomicReference<ProcessTracker> seenInTask = new AtomicReference<>();
    AtomicInteger runs = new AtomicInteger();
    TrackedRequestHandler<String, String> handler =
        new TrackedRequestHandler<>(quiet()) {
          @Override
          protected String handleTracked(String input, Context context) {
            Runnable task =
                () -> {
                  runs.incrementAndGet();
                  seenInTask.set(ProcessTracker.current());
                  ProcessTracker.current().incrementMetric("late_task");
                  try (Timer timer = ProcessTracker.current().timer("late_step")) {
                    ticker.advanceMicros(1);
                  }
                };
            boundTask.set(tracker().bind(task));
            boundExecutor.set(tracker().executor(pool));
            return "ok";
          }
        };
    handler.handleRequest("x", Contexts.of("r"));
    String line = lines.get(0);

    Waits.get(pool.submit(boundTask.get()));
    Waits.get(
        CompletableFuture.runAsync(
            () -> ProcessTracker.current().setMetric("late_stage", 1), boundExecutor.get()));

    assertEquals(1, runs.get(), "the task still runs");
    assertFalse(
        seenInTask.get().isRecording(), "it sees its ended invocation, which records nothing");
    assertEquals(List.of(line), lines, "the written line is unchanged and not written again");
    for (int i = 0; i < 2; i++) {
      assertNull(
          Waits.get(
              pool.submit(
                  () -> ProcessTracker.current().isRecording() ? ProcessTracker.current() : null)),
          "the pool's threads have no current run afterwards");
    }
  }

  @Test
  void writersRacingTheEndOfAnInvocationNeverBreakTheLineNorThrow() throws Exception {
    int rounds = 200;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong increments = new AtomicLong();
    for (int round = 0; round < rounds; round++) {
      lines.clear();
      increments.set(0);
      CountDownLatch started = new CountDownLatch(1);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Future<?>> writer = new AtomicReference<>();
      TrackedRequestHandler<Integer, Integer> handler =
          new TrackedRequestHandler<>(quiet()) {
            @Override
            protected Integer handleTracked(Integer input, Context context) {
              ProcessTracker tracker = tracker();
              writer.set(
                  pool.submit(
                      () -> {
                        try {
                          int i = 0;
                          while (!stop.get()) {
                            tracker.incrementMetric("count");
                            increments.incrementAndGet();
                            tracker.setMetric("m" + (i % 50), i);
                            tracker.setIdentifier("id" + (i % 5), "v" + i);
                            try (Timer timer = tracker.timer("t" + (i % 7))) {
                              i++;
                            }
                            started.countDown();
                          }
                        } catch (Throwable t) {
                          failure.compareAndSet(null, t);
                          started.countDown();
                        }
                      }));
              try {
                Waits.await(started);
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
              return input;
            }
          };
      assertEquals(round, handler.handleRequest(round, Contexts.of("r")));
      stop.set(true);
      Waits.get(writer.get());
      assertNull(failure.get(), () -> "a late writer threw: " + failure.get());
      assertEquals(1, lines.size());
      JsonObject parsed = LineJson.parseLine(lines.get(0));
      long counted = parsed.getAsJsonObject("metrics").get("count").getAsLong();
      assertTrue(counted >= 1 && counted <= increments.get(), counted + " of " + increments.get());
      if (parsed.has("tracker_warnings")) {
        // Only a timer the writer had open at the very moment the line was written.
        assertTrue(
            parsed
                .get("tracker_warnings")
                .toString()
                .matches(
                    "\\[\"timer 't[0-6]' was still open when the line was written; measured until then\"]"),
            parsed.toString());
      }
    }
  }

  static String captureStandardOutput(Runnable action) {
    return EveryInvocationWritesOneLineTest.captureStandardOutput(action);
  }

  static String captureStandardError(Runnable action) {
    return EveryInvocationWritesOneLineTest.captureStandardError(action);
  }
}
