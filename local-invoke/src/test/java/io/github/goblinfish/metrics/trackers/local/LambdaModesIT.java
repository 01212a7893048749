package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the line says in each Lambda mode, through the real runtime client: each initialisation
 * type's {@code init_type} and {@code cold_start}, and an invocation stopped by its timeout, whose
 * line is written before Lambda stops it. {@link SleepingHandler} runs with default settings
 * ({@code Handler: Class::handleRequest}, no {@code TRACKER_*} variable).
 */
class LambdaModesIT {

  private static FunctionSpec sleeping() throws Exception {
    return function("SleepingFunction");
  }

  private static FunctionSpec function(String name) throws Exception {
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn =
        LocalInvoke.function(
            LambdaITSupport.testClasses().resolve("it/template.yaml"), name, warnings::add);
    assertEquals(List.of(), warnings);
    List<Path> classpath = new ArrayList<>(fn.classpath());
    classpath.add(LambdaITSupport.locationOf(ProcessTracker.class));
    classpath.add(LambdaITSupport.locationOf(Gson.class));
    return fn.withCode(fn.taskRoot(), classpath);
  }

  private static JsonObject onlyLine(Invocation invocation) {
    assertEquals(1, invocation.trackerLines().size(), () -> "lines: " + invocation.trackerLines());
    return JsonParser.parseString(invocation.trackerLines().get(0).json()).getAsJsonObject();
  }

  @Test
  void aTimedOutInvocationWritesExactlyOneLineWithTimedOutBeforeTaskTimedOut() throws Exception {
    RunResult run = LocalInvoke.invoke(sleeping(), List.of("{\"sleep_ms\":5000}"), 1, 0);
    Invocation invocation = run.invocations().get(0);
    assertTrue(invocation.timedOut(), () -> String.valueOf(invocation.error()));
    assertEquals("Sandbox.Timedout", invocation.errorType());

    JsonObject line = onlyLine(invocation);
    JsonObject metrics = line.getAsJsonObject("metrics");
    assertEquals(1, metrics.get("timed_out").getAsInt());
    assertEquals(5000, metrics.get("asked_ms").getAsInt());
    assertEquals(
        List.of("SleepingHandler", "wait_for_downstream"),
        new ArrayList<>(line.getAsJsonObject("latencies").keySet()),
        "the entry is named after the class with default settings, and the open timer is kept");
    assertEquals(
        "[\"the invocation was about to time out: its line was written 50 ms before the deadline,"
            + " while the handler was still running\",\"timer 'SleepingHandler' was still open when"
            + " the line was written; measured until then\",\"timer 'wait_for_downstream' was still"
            + " open when the line was written; measured until then\"]",
        line.get("tracker_warnings").toString());
    assertEquals(invocation.requestId(), line.get("request_id").getAsString());

    // The line's event comes before the runtime's "Task timed out" notice.
    List<LogEvent> logs = invocation.logs();
    int lineAt = -1;
    int noticeAt = -1;
    for (int i = 0; i < logs.size(); i++) {
      if (logs.get(i).text().startsWith("{\"latencies\":")) {
        lineAt = i;
      } else if (logs.get(i).text().contains("Task timed out after")) {
        noticeAt = i;
      }
    }
    int lineIndex = lineAt;
    int noticeIndex = noticeAt;
    assertTrue(
        lineIndex >= 0 && noticeIndex > lineIndex,
        () -> "line at " + lineIndex + ", notice at " + noticeIndex + " in " + logs);
  }

  @Test
  void aBatchHandlerThatStopsWith100MsLeftIsNotTimedOutAndItsLineKeepsWhatItRecordedLast()
      throws Exception {
    RunResult run =
        LocalInvoke.invoke(
            function("WorkUntilTheDeadlineFunction"),
            List.of(
                "{\"stop_ms\":100000,\"item_ms\":5,\"then\":\"return\"}",
                "{\"stop_ms\":100,\"item_ms\":5,\"then\":\"return\"}"),
            2,
            0);
    // The first invocation only returns at once: the runtime client's own response path is then
    // warm, as it is for all but an environment's first invocation.
    Invocation invocation = run.invocations().get(1);
    assertEquals(0, run.exitCode(), () -> String.valueOf(invocation.error()));
    assertFalse(invocation.timedOut());
    assertTrue(invocation.succeeded(), () -> String.valueOf(invocation.error()));
    JsonObject line = onlyLine(invocation);
    JsonObject metrics = line.getAsJsonObject("metrics");
    int processed = metrics.get("records_processed").getAsInt();
    assertEquals("\"processed " + processed + "\"", invocation.response().orElseThrow());
    assertTrue(processed > 50, "worked for most of its 2 s: " + processed);
    assertEquals(List.of("records_processed"), new ArrayList<>(metrics.keySet()));
    assertFalse(line.has("tracker_warnings"), line::toString);
    assertNoNoticeOfAnEndAfterTheLine(invocation);
  }

  @Test
  void aHandlerThatThrowsInItsLast200MsKeepsFailedAndExceptionTypeAndIsNotTimedOut()
      throws Exception {
    RunResult run =
        LocalInvoke.invoke(
            function("WorkUntilTheDeadlineFunction"),
            List.of(
                "{\"stop_ms\":100000,\"item_ms\":5,\"then\":\"throw\"}",
                "{\"stop_ms\":180,\"item_ms\":5,\"then\":\"throw\"}"),
            2,
            0);
    // The first invocation only throws at once: the runtime client's own error path (which
    // serialises the exception) takes well over 100 ms when cold on a busy machine.
    Invocation invocation = run.invocations().get(1);
    assertFalse(invocation.timedOut(), () -> String.valueOf(invocation.error()));
    assertEquals("java.lang.IllegalStateException", invocation.errorType());
    JsonObject line = onlyLine(invocation);
    JsonObject metrics = line.getAsJsonObject("metrics");
    assertEquals(
        List.of("records_processed", "failed", "exception_type"),
        new ArrayList<>(metrics.keySet()));
    assertEquals(1, metrics.get("failed").getAsInt());
    assertEquals("java.lang.IllegalStateException", metrics.get("exception_type").getAsString());
    assertFalse(line.has("tracker_warnings"), line::toString);
    assertNoNoticeOfAnEndAfterTheLine(invocation);
  }

  private static void assertNoNoticeOfAnEndAfterTheLine(Invocation invocation) {
    for (LogEvent event : invocation.logs()) {
      assertFalse(event.text().contains("after its line had been written"), event::text);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "on-demand, true",
    "snap-start, true",
    "provisioned-concurrency, false",
    "lambda-managed-instances, false",
  })
  void eachInitTypeIsWrittenAndColdStartSaysWhetherACallerWaitedForInit(
      String initType, boolean firstIsCold) throws Exception {
    RunResult run =
        LocalInvoke.invoke(sleeping().withInitType(initType), List.of("{\"sleep_ms\":0}"), 2, 0);
    assertEquals(0, run.exitCode());
    JsonObject first = onlyLine(run.invocations().get(0));
    JsonObject second = onlyLine(run.invocations().get(1));
    assertEquals(initType, first.get("init_type").getAsString());
    assertEquals(initType, second.get("init_type").getAsString());
    assertEquals(firstIsCold, first.get("cold_start").getAsBoolean());
    assertEquals(false, second.get("cold_start").getAsBoolean());
  }

  @ParameterizedTest
  @CsvSource({"on-demand, false", "snap-start, true"})
  void aHandlerWarmedUpDuringInitStartsColdAfterASnapStartRestoreOnly(
      String initType, boolean firstIsCold) throws Exception {
    FunctionSpec fn =
        sleeping().withInitType(initType).withEnvironment(Map.of("PRIME_DURING_INIT", "true"));
    RunResult run = LocalInvoke.invoke(fn, List.of("{\"sleep_ms\":0}"), 1, 0);
    assertEquals(0, run.exitCode());
    JsonObject first = onlyLine(run.invocations().get(0));
    // On-demand, the warm-up took the cold start; with SnapStart the runtime client's
    // after-restore hook gives it back to the first invocation after the restore.
    assertEquals(firstIsCold, first.get("cold_start").getAsBoolean());
  }

  /**
   * Issue 21: what the REPORT shows and whether the per-invocation list says cold follow Lambda and
   * the line's {@code cold_start}: an Init Duration on demand, a Restore Duration after a SnapStart
   * restore, and neither where the environment is initialised before any request.
   */
  @ParameterizedTest
  @CsvSource({
    "on-demand, '\tInit Duration: \\d+\\.\\d\\d ms', true",
    "snap-start, '\tRestore Duration: \\d+\\.\\d\\d ms\tBilled Restore Duration: \\d+ ms', true",
    "provisioned-concurrency, '', false",
    "lambda-managed-instances, '', false",
  })
  void theReportAndTheListShowTheInitAsLambdaDoesForEachInitType(
      String initType, String firstReportEnds, boolean firstIsCold) throws Exception {
    FunctionSpec fn = sleeping().withInitType(initType);
    RunResult run = LocalInvoke.invoke(fn, List.of("{\"sleep_ms\":0}"), 2, 0);
    assertEquals(0, run.exitCode());
    Invocation first = run.invocations().get(0);
    Invocation second = run.invocations().get(1);
    assertEquals(firstIsCold, onlyLine(first).get("cold_start").getAsBoolean());
    String report = Report.reportLine(first, fn);
    assertTrue(
        java.util.regex.Pattern.compile(
                "REPORT RequestId: \\S+\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms"
                    + "\tMemory Size: 512 MB"
                    + firstReportEnds)
            .matcher(report)
            .matches(),
        report);
    assertTrue(Report.reportLine(second, fn).endsWith("\tMemory Size: 512 MB"));

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    Report.print(
        run,
        fn,
        false,
        false,
        new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(1, printed.split("\nINIT_START ", -1).length - 1, printed);
    assertTrue(
        printed.contains("\n   1  " + (firstIsCold ? "cold" : "warm") + "  duration "), printed);
    assertTrue(printed.contains("\n   2  warm  duration "), printed);
    Summary summary = Summary.of(RunObservations.of(run).observations(), null);
    assertEquals(firstIsCold ? 1 : 0, summary.count(Observation.Phase.COLD));
    assertEquals(firstIsCold ? 1 : 2, summary.count(Observation.Phase.WARM));
  }
}
