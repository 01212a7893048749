package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.LambdaITSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On the real runtime client, the examples' cold start is named on the process's first line: the
 * parts the library measured ({@code init}) and the handler's init step ({@code init_steps}), once
 * per process, also with concurrent invocations; and every line says what the steps left untracked.
 */
class ColdStartPartsIT {
  /** The resolution of the process's age, read from /proc in units of 10 ms at both ends. */
  private static final double AGE_RESOLUTION_MS = 20;

  private static FunctionSpec apiGateway() throws Exception {
    Path root = LambdaITSupport.repositoryRoot();
    return LocalInvoke.function(root.resolve("template.yaml"), "ApiGatewayFunction", w -> {});
  }

  private static String getOrder() throws Exception {
    return Files.readString(
        LambdaITSupport.repositoryRoot().resolve("events/api-gateway-get-order.json"),
        StandardCharsets.UTF_8);
  }

  private static JsonObject lineOf(Invocation invocation) {
    assertEquals(1, invocation.trackerLines().size(), LambdaITSupport.describe(invocation));
    return object(invocation.trackerLines().get(0).json());
  }

  private static double sum(JsonObject millis) {
    double total = 0;
    for (String key : millis.keySet()) {
      total += millis.get(key).getAsDouble();
    }
    return total;
  }

  @Test
  void theColdInvocationsLineNamesTheStartAndItsInitStepAndAddsUpWithTheReport() throws Exception {
    FunctionSpec fn = apiGateway();
    RunResult run = LocalInvoke.invoke(fn, List.of(getOrder()), 3, 0);
    assertEquals(0, run.exitCode(), run.problems().toString());

    Invocation cold = run.invocations().get(0);
    JsonObject first = lineOf(cold);
    JsonObject init = first.getAsJsonObject("init");
    assertEquals(
        List.of("runtime_start", "before_handler", "tracker_setup", "to_first_invocation"),
        new ArrayList<>(init.keySet()),
        first.toString());
    JsonObject steps = first.getAsJsonObject("init_steps");
    assertEquals(List.of("order_repository"), new ArrayList<>(steps.keySet()), first.toString());
    assertTrue(steps.get("order_repository").getAsDouble() >= 25, first.toString());
    double entry = first.getAsJsonObject("latencies").get("ApiGatewayHandler").getAsDouble();
    double untracked = first.get("untracked").getAsDouble();
    assertTrue(untracked >= 0 && untracked <= entry, first.toString());

    // The parts tile the time from the process's start to the first invocation's start: they
    // cover REPORT's Init Duration, and with the entry they fit in Init Duration + Duration.
    double initDuration = cold.initDuration().orElseThrow().toNanos() / 1e6;
    double duration = cold.duration().toNanos() / 1e6;
    double named = sum(init);
    String figures =
        String.format(
            "parts %.3f ms, entry %.3f ms, Init Duration %.3f ms, Duration %.3f ms: %s",
            named, entry, initDuration, duration, first);
    System.out.println("ColdStartPartsIT: " + figures);
    assertTrue(named >= initDuration - AGE_RESOLUTION_MS, figures);
    assertTrue(named + entry <= initDuration + duration + AGE_RESOLUTION_MS, figures);

    for (Invocation warm : run.invocations().subList(1, 3)) {
      JsonObject line = lineOf(warm);
      assertEquals(false, line.has("init"), line.toString());
      assertEquals(false, line.has("init_steps"), line.toString());
      assertTrue(line.has("untracked"), line.toString());
    }
  }

  /** A handler that invokes itself during init (priming), as users do before a snapshot. */
  private static FunctionSpec primingHandler(String initType) throws Exception {
    FunctionSpec fn =
        LocalInvoke.function(
            LambdaITSupport.testClasses().resolve("it/template.yaml"), "SleepingFunction", w -> {});
    List<Path> classpath = new ArrayList<>(fn.classpath());
    classpath.add(LambdaITSupport.locationOf(ProcessTracker.class));
    classpath.add(LambdaITSupport.locationOf(Gson.class));
    return fn.withCode(fn.taskRoot(), classpath)
        .withInitType(initType)
        .withEnvironment(Map.of("PRIME_DURING_INIT", "true"));
  }

  @Test
  void afterASnapStartRestoreTheFirstLineNamesTheTimeSinceTheRestoreAndOnDemandThePrimingTookIt()
      throws Exception {
    RunResult snapStart =
        LocalInvoke.invoke(primingHandler("snap-start"), List.of("{\"sleep_ms\":0}"), 2, 0);
    assertEquals(0, snapStart.exitCode(), snapStart.problems().toString());
    JsonObject restored = lineOf(snapStart.invocations().get(0));
    assertEquals(
        List.of("runtime_start", "tracker_setup", "restore_to_first_invocation"),
        new ArrayList<>(restored.getAsJsonObject("init").keySet()),
        restored.toString());
    assertEquals(false, lineOf(snapStart.invocations().get(1)).has("init"));

    RunResult onDemand =
        LocalInvoke.invoke(primingHandler("on-demand"), List.of("{\"sleep_ms\":0}"), 1, 0);
    assertEquals(0, onDemand.exitCode(), onDemand.problems().toString());
    JsonObject first = lineOf(onDemand.invocations().get(0));
    assertEquals(false, first.has("init"), "the priming line during init took it: " + first);
  }

  @Test
  void withConcurrentInvocationsExactlyOneLineCarriesTheInit() throws Exception {
    FunctionSpec fn = apiGateway();
    int concurrency = 4;
    RunResult run = LocalInvoke.invoke(fn, List.of(getOrder()), 12, concurrency);
    assertEquals(0, run.exitCode(), run.problems().toString());
    List<String> withInit = new ArrayList<>();
    List<String> withSteps = new ArrayList<>();
    for (Invocation invocation : run.invocations()) {
      JsonObject line = lineOf(invocation);
      if (line.has("init")) {
        withInit.add(invocation.requestId());
      }
      if (line.has("init_steps")) {
        withSteps.add(invocation.requestId());
      }
    }
    assertEquals(1, withInit.size(), withInit.toString());
    assertEquals(withInit, withSteps);
  }
}
