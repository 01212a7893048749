package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.Fixtures.TRACKER;
import static io.github.goblinfish.metrics.trackers.local.Fixtures.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real runtime interface client in a child JVM through the runner. */
class EndToEndTest {

  private static Invocation once(FunctionSpec fn, String event) throws LocalInvokeException {
    RunResult run = LocalInvoke.invoke(fn, List.of(event), 1, 0);
    assertEquals(1, run.invocations().size());
    assertEquals(List.of(), run.unattributedLogs());
    return run.invocations().get(0);
  }

  private static String describe(Invocation inv) {
    return inv.error().orElse("") + " logs=" + inv.initLogs() + inv.logs();
  }

  @Test
  void logBytesIsOneEventThatIsTheJsonItselfInTextFormat() throws Exception {
    Invocation inv = once(function("LogBytes"), "{}");
    assertTrue(inv.succeeded(), () -> describe(inv));
    assertEquals("\"ok\"", inv.response().orElseThrow());
    assertEquals(List.of(), inv.initLogs());
    assertEquals(1, inv.logs().size(), () -> describe(inv));
    LogEvent event = inv.logs().get(0);
    assertEquals(LogEvent.Source.TELEMETRY, event.source());
    assertEquals("TEXT", event.format());
    assertEquals("UNDEFINED", event.level());
    assertEquals(TRACKER, event.text());
    TrackerLine line = inv.trackerLines().get(0);
    assertFalse(line.wrapped());
    assertEquals(TRACKER, line.json());
    assertTrue(inv.initDuration().isPresent());
  }

  @Test
  void logBytesIsNotWrappedInJsonFormat() throws Exception {
    Invocation inv = once(function("LogBytes").withLogFormat("JSON"), "{}");
    assertTrue(inv.succeeded(), () -> describe(inv));
    assertEquals(1, inv.logs().size(), () -> describe(inv));
    LogEvent event = inv.logs().get(0);
    assertEquals("JSON", event.format());
    assertEquals("UNDEFINED", event.level());
    assertEquals(TRACKER, event.text());
    assertFalse(inv.trackerLines().get(0).wrapped());
  }

  @Test
  void logStringIsWrappedInJsonFormat() throws Exception {
    FunctionSpec fn = function("LogString");
    assertEquals("JSON", fn.logFormat());
    Invocation inv = once(fn, "{}");
    assertTrue(inv.succeeded(), () -> describe(inv));
    assertEquals(2, inv.logs().size(), () -> describe(inv));
    LogEvent tracker = inv.logs().get(0);
    assertEquals("JSON", tracker.format());
    assertEquals("UNDEFINED", tracker.level());
    assertTrue(tracker.text().endsWith("}\n"), tracker.text());
    JsonObject wrapper = JsonParser.parseString(tracker.text()).getAsJsonObject();
    assertEquals(
        List.of("timestamp", "message", "level", "AWSRequestId"), List.copyOf(wrapper.keySet()));
    assertEquals(TRACKER, wrapper.get("message").getAsString());
    assertEquals("UNDEFINED", wrapper.get("level").getAsString());
    assertEquals(inv.requestId(), wrapper.get("AWSRequestId").getAsString());
    assertTrue(inv.trackerLines().get(0).wrapped());

    LogEvent warn = inv.logs().get(1);
    assertEquals("WARN", warn.level());
    assertEquals(
        "with level",
        JsonParser.parseString(warn.text()).getAsJsonObject().get("message").getAsString());
  }

  @Test
  void logStringIsVerbatimInTextFormatWithALevelPrefixWhenGivenOne() throws Exception {
    Invocation inv = once(function("LogString").withLogFormat("Text"), "{}");
    assertTrue(inv.succeeded(), () -> describe(inv));
    assertEquals(
        List.of(TRACKER, "[WARN] with level"),
        inv.logs().stream().map(LogEvent::text).collect(Collectors.toList()));
    assertEquals(
        List.of("UNDEFINED", "WARN"),
        inv.logs().stream().map(LogEvent::level).collect(Collectors.toList()));
  }

  @Test
  void stdoutAndStderrAreOneEventPerNonEmptyLine() throws Exception {
    Invocation inv = once(function("PrintLines"), "{}");
    assertTrue(inv.succeeded(), () -> describe(inv));
    assertEquals(
        List.of("line one", "line two", "line three", "on stderr"),
        inv.logs().stream().map(LogEvent::text).collect(Collectors.toList()));
    assertTrue(
        inv.logs().stream()
            .allMatch(e -> e.source() == LogEvent.Source.STDOUT && e.format() == null));
  }

  @Test
  void thrownExceptionsBecomeTheErrorBodyAndOneLogEvent() throws Exception {
    Invocation inv = once(function("Fail"), "{\"why\":\"testing\"}");
    assertFalse(inv.succeeded());
    assertFalse(inv.timedOut());
    assertEquals("java.lang.IllegalStateException", inv.errorType());
    assertEquals("Runtime.UserException", inv.errorCategory());
    JsonObject body = JsonParser.parseString(inv.error().orElseThrow()).getAsJsonObject();
    assertEquals("boom: testing", body.get("errorMessage").getAsString());
    assertTrue(
        body.get("stackTrace")
            .getAsJsonArray()
            .get(0)
            .getAsString()
            .startsWith(
                "io.github.goblinfish.metrics.trackers.local.fixtures.TestFunctions.fail("));
    assertEquals(1, inv.logs().size(), () -> describe(inv));
    assertTrue(
        inv.logs()
            .get(0)
            .text()
            .startsWith(
                "boom: testing: java.lang.IllegalStateException\n"
                    + "java.lang.IllegalStateException: boom: testing\n"),
        inv.logs().get(0).text());
  }

  @Test
  void aMissingHandlerClassIsAnInputErrorBeforeAnythingRuns() throws Exception {
    LocalInvokeException e =
        assertThrows(
            LocalInvokeException.class,
            () -> LocalInvoke.invoke(function("Missing"), List.of("{}"), 1, 0));
    assertEquals(2, e.exitCode());
    assertEquals(
        "function 'Missing': handler class io.github.goblinfish.metrics.trackers.local.fixtures"
            + ".NoSuchClass not found in its code ("
            + Fixtures.testClasses()
            + " and 1 more); check Handler in the template, and rebuild",
        e.getMessage());
  }

  @Test
  void timeoutKillsTheRuntimeAndSaysSoAsLambdaDoes() throws Exception {
    long start = System.nanoTime();
    Invocation inv = once(function("Sleep"), "{}");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    assertTrue(inv.timedOut());
    assertEquals("Sandbox.Timedout", inv.errorType());
    assertTrue(
        inv.error()
            .orElseThrow()
            .matches(
                "\\{\"errorMessage\":\"RequestId: "
                    + inv.requestId()
                    + " Error: Task timed out after 1\\.0\\d"
                    + " seconds\",\"errorType\":\"Sandbox.Timedout\"}"),
        inv.error().orElseThrow());
    assertEquals(2, inv.logs().size(), () -> describe(inv));
    assertEquals("going to sleep", inv.logs().get(0).text());
    LogEvent notice = inv.logs().get(1);
    assertEquals(LogEvent.Source.PLATFORM, notice.source());
    assertTrue(
        notice
            .text()
            .matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
                    + inv.requestId()
                    + " Task timed out after 1\\.0\\d seconds"),
        notice.text());
  }

  @Test
  void warmInvocationsReuseTheHandlerAndSeeLambdasEnvironment() throws Exception {
    RunResult run =
        LocalInvoke.invoke(
            function("Greet"), List.of("{\"name\":\"Ada\"}", "{\"name\":\"Bob\"}"), 2, 0);
    assertEquals(0, run.exitCode());
    Invocation cold = run.invocations().get(0);
    Invocation warm = run.invocations().get(1);
    assertTrue(cold.initDuration().isPresent());
    assertFalse(warm.initDuration().isPresent());
    JsonObject first = JsonParser.parseString(cold.response().orElseThrow()).getAsJsonObject();
    JsonObject second = JsonParser.parseString(warm.response().orElseThrow()).getAsJsonObject();
    assertEquals("hello Ada", first.get("message").getAsString());
    assertEquals("hello Bob", second.get("message").getAsString());
    assertEquals(1, first.get("calls").getAsInt());
    assertEquals(2, second.get("calls").getAsInt());
    assertEquals("Greet", first.get("function").getAsString());
    assertEquals(256, first.get("memory").getAsInt());
    assertEquals(cold.requestId(), first.get("requestId").getAsString());
    assertNotEquals(cold.requestId(), warm.requestId());
    assertEquals(
        "arn:aws:lambda:us-east-1:123456789012:function:Greet", first.get("arn").getAsString());
    assertEquals("us-east-1", first.get("region").getAsString());
    assertEquals("test", first.get("stage").getAsString());
    assertEquals("orders-test-us-east-1", first.get("table").getAsString());
    assertTrue(
        first
            .get("traceId")
            .getAsString()
            .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
    long remaining = first.get("remainingMs").getAsLong();
    assertTrue(remaining > 5_000 && remaining <= 10_000, "remaining " + remaining);
  }

  @Test
  void concurrencyRunsInvocationsAtOnceOnSeveralThreads() throws Exception {
    RunResult run = LocalInvoke.invoke(function("SlowEcho"), List.of("{\"n\":1}"), 2, 2);
    assertEquals(0, run.exitCode(), () -> run.invocations().toString());
    List<String> threads = run.invocations().stream().map(i -> i.response().orElseThrow()).toList();
    assertNotEquals(threads.get(0), threads.get(1));
    assertEquals(
        List.of("Starting 2 concurrent function handler threads."),
        run.invocations().get(0).initLogs().stream().map(LogEvent::text).toList());
    // Both log "start 1" while both are in flight: those events cannot be tied to one of them.
    long starts =
        run.unattributedLogs().size()
            + run.invocations().stream().mapToLong(i -> i.logs().size()).sum();
    assertEquals(2, starts);
  }

  @Test
  void twoRunnersAtOnceDoNotCollide() throws Exception {
    CompletableFuture<RunResult> a =
        CompletableFuture.supplyAsync(() -> invokeUnchecked("LogBytes"));
    CompletableFuture<RunResult> b =
        CompletableFuture.supplyAsync(() -> invokeUnchecked("PrintLines"));
    RunResult ra = ended(a, "LogBytes");
    RunResult rb = ended(b, "PrintLines");
    assertEquals("\"ok\"", ra.invocations().get(0).response().orElseThrow());
    assertEquals(
        List.of(TRACKER), ra.invocations().get(0).logs().stream().map(LogEvent::text).toList());
    assertEquals("\"printed\"", rb.invocations().get(0).response().orElseThrow());
    assertEquals(4, rb.invocations().get(0).logs().size());
  }

  @Test
  void initErrorsFailEachInvocationWithAFreshRuntime() throws Exception {
    RunResult run = LocalInvoke.invoke(function("BrokenInit"), List.of("{}"), 2, 0);
    assertEquals(1, run.exitCode());
    for (Invocation inv : run.invocations()) {
      assertEquals("Runtime.BadFunctionCode", inv.errorCategory());
      assertEquals("java.lang.IllegalStateException", inv.errorType());
      assertEquals(
          "no config",
          JsonParser.parseString(inv.error().orElseThrow())
              .getAsJsonObject()
              .get("errorMessage")
              .getAsString());
      assertTrue(inv.initDuration().isPresent());
      assertEquals(List.of(), inv.logs());
      assertEquals(2, inv.initLogs().size(), () -> describe(inv));
      // Two pipes: stdout lines and telemetry frames keep their own order, not each other's.
      LogEvent stdout =
          inv.initLogs().stream()
              .filter(e -> e.source() == LogEvent.Source.STDOUT)
              .findFirst()
              .orElseThrow();
      LogEvent frame =
          inv.initLogs().stream()
              .filter(e -> e.source() == LogEvent.Source.TELEMETRY)
              .findFirst()
              .orElseThrow();
      assertEquals("constructing", stdout.text());
      assertTrue(
          frame.text().startsWith("no config: java.lang.IllegalStateException\n"), frame.text());
    }
  }

  @Test
  void aRuntimeThatExitsMidInvocationIsAnExitError() throws Exception {
    Invocation inv = once(function("Exit"), "{}");
    assertEquals("Runtime.ExitError", inv.errorType());
    assertEquals(
        "{\"errorMessage\":\"RequestId: "
            + inv.requestId()
            + " Error: Runtime exited with error: exit status"
            + " 3\",\"errorType\":\"Runtime.ExitError\"}",
        inv.error().orElseThrow());
    assertEquals(List.of("exiting"), inv.logs().stream().map(LogEvent::text).toList());
  }

  @Test
  void zipCodeUriIsUnpackedAsLambdaDoes(@TempDir Path dir) throws Exception {
    Path fixtures =
        Fixtures.testClasses().resolve("io/github/goblinfish/metrics/trackers/local/fixtures");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("fn.zip")));
        Stream<Path> classes = Files.list(fixtures)) {
      for (Path cls : classes.sorted().toList()) {
        zip.putNextEntry(
            new ZipEntry(
                "io/github/goblinfish/metrics/trackers/local/fixtures/" + cls.getFileName()));
        zip.write(Files.readAllBytes(cls));
        zip.closeEntry();
      }
    }
    Files.writeString(
        dir.resolve("template.yaml"),
        """
        Resources:
          Zipped:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fn.zip
              Handler: io.github.goblinfish.metrics.trackers.local.fixtures.TestFunctions::logBytes
        """);
    Invocation inv = once(LocalInvoke.function(dir.resolve("template.yaml"), "Zipped"), "{}");
    assertEquals("\"ok\"", inv.response().orElseThrow(), () -> describe(inv));
    assertEquals(List.of(TRACKER), inv.logs().stream().map(LogEvent::text).toList());
  }

  @Test
  void nonAsciiAndShellSpecialEnvironmentValuesArriveIntact() throws Exception {
    RunResult run =
        LocalInvoke.invoke(
            function("Env"), List.of("{\"name\":\"GREETING\"}", "{\"name\":\"QUOTED\"}"), 2, 0);
    // Compared as JSON: the runtime client escapes characters outside the BMP in its responses.
    assertEquals(
        "caf\u00e9 \u2603 \ud83d\ude00",
        JsonParser.parseString(run.invocations().get(0).response().orElseThrow()).getAsString());
    assertEquals(
        "it's $HOME `x` \"y\"\nsecond line",
        JsonParser.parseString(run.invocations().get(1).response().orElseThrow()).getAsString());
  }

  @Test
  void aResponseOverLambdasLimitIsFunctionResponseSizeTooLarge() throws Exception {
    // The JSON string's two quotes make 6,291,557 bytes: one over the limit.
    Invocation over = once(function("BigResponse"), "{\"chars\":6291555}");
    assertEquals("Function.ResponseSizeTooLarge", over.errorType());
    assertEquals("Function.ResponseSizeTooLarge", over.errorCategory());
    assertEquals(
        "{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size "
            + "(6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}",
        over.error().orElseThrow());
    Invocation limit = once(function("BigResponse"), "{\"chars\":6291554}");
    assertEquals(6_291_556, limit.response().orElseThrow().length());
  }

  /** The run's result; a run that hangs fails the test instead of the build. */
  private static RunResult ended(CompletableFuture<RunResult> run, String id) throws Exception {
    try {
      return run.get(300, TimeUnit.SECONDS);
    } catch (TimeoutException hung) {
      throw new AssertionError(id + "'s run did not end within 300 s", hung);
    }
  }

  private static RunResult invokeUnchecked(String id) {
    try {
      return LocalInvoke.invoke(function(id), List.of("{}"), 1, 0);
    } catch (LocalInvokeException e) {
      throw new IllegalStateException(e);
    }
  }
}
