package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The warm-up and the timeout watch each have their own switch: {@code TRACKER_TIMEOUT_MARGIN_MS=0}
 * turns off only the watch, {@code TRACKER_WARM_UP=false} only the warm-up. What a handler's
 * construction starts and loads shows in a fresh JVM, logging each class it loads.
 */
class WarmUpAndTimeoutWatchAreSeparateTest {
  private static final String WATCH_THREAD = "tracker-lambda-timeout-watch";
  private static final String WARM_UP_THREAD = "tracker-lambda-warm-up";

  /** Sleeps for the event's {@code sleepMs}. */
  public static final class SleepingHandler
      extends TrackedRequestHandler<Map<String, Object>, String> {
    @Override
    protected String handleTracked(Map<String, Object> input, Context context) {
      try {
        Thread.sleep(((Number) input.get("sleepMs")).longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "ok";
    }
  }

  /**
   * The fresh JVM: constructs the handler, waits for a warm-up thread if one runs, marks, invokes
   * once with a timeout of {@code args[0]} ms and a sleep of {@code args[1]} ms, and marks again.
   */
  public static final class FreshJvm {
    public static void main(String[] args) throws InterruptedException {
      SleepingHandler handler = new SleepingHandler();
      List<String> threads = new ArrayList<>();
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().startsWith("tracker-lambda-")) {
          threads.add(thread.getName());
          if (thread.getName().equals(WARM_UP_THREAD)) {
            thread.join(30_000);
          }
        }
      }
      System.out.println("THREADS " + new TreeSet<>(threads));
      System.out.println("MARK constructed");
      System.out.flush();
      TestContext context =
          TestContext.builder()
              .requestId("r-1")
              .timeout(Duration.ofMillis(Long.parseLong(args[0])))
              .build();
      String result = handler.handleRequest(Map.of("sleepMs", Long.parseLong(args[1])), context);
      System.out.println("MARK invoked");
      System.out.println("RESULT " + result + " " + context.lines().size());
      System.out.println("LINE " + context.lines().get(0));
    }
  }

  @Test
  void withTheWatchOffTheWarmUpStillLoadsTheFirstInvocationsClassesAheadOfIt() throws Exception {
    List<String> output =
        FreshJvmClassLoads.of(
            FreshJvm.class, Map.of("TRACKER_TIMEOUT_MARGIN_MS", "0"), "10000", "0");
    assertEquals(List.of("THREADS [" + WARM_UP_THREAD + "]"), linesStartingWith("THREADS", output));
    assertEquals(
        List.of("io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler$1"),
        ourClassesLoadedByTheInvocation(output),
        String.join("\n", output));
    TrackerLine line = lineOf(output);
    assertEquals(false, line.hasMetric("timed_out"));
  }

  @Test
  void withTheWarmUpOffTheWatchStillWritesTheLineBeforeTheTimeout() throws Exception {
    List<String> output =
        FreshJvmClassLoads.of(FreshJvm.class, Map.of("TRACKER_WARM_UP", "false"), "1000", "3000");
    assertEquals(List.of("THREADS [" + WATCH_THREAD + "]"), linesStartingWith("THREADS", output));
    // Not warmed up: the invocation loads the tracker's classes itself, the line writer's among
    // them.
    List<String> loaded = ourClassesLoadedByTheInvocation(output);
    assertEquals(true, loaded.contains(ProcessTracker.class.getName()), String.join("\n", output));
    TrackerLine line = lineOf(output);
    assertEquals(1.0, line.metric("timed_out"), String.join("\n", output));
  }

  @Test
  void theWarmUpSwitchTakesTrueOrFalseAndRefusesAnythingElseAtInit() {
    assertEquals(true, configWith(null).warmUp());
    assertEquals(true, configWith("true").warmUp());
    assertEquals(false, configWith(" false ").warmUp());
    assertEquals(
        HandlerConfig.DEFAULT_TIMEOUT_MARGIN_MS, configWith("false").timeoutMarginMillis());
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> configWith("no"));
    assertEquals(
        "TRACKER_WARM_UP='no' is not accepted: use true or false (false turns the warm-up off)",
        refused.getMessage());
    assertEquals(true, HandlerConfig.ENVIRONMENT_VARIABLES.contains("TRACKER_WARM_UP"));
  }

  private static HandlerConfig configWith(String warmUp) {
    return HandlerConfig.builder()
        .environment(name -> name.equals("TRACKER_WARM_UP") ? warmUp : null)
        .build();
  }

  private static List<String> linesStartingWith(String prefix, List<String> output) {
    List<String> found = new ArrayList<>();
    for (String line : output) {
      if (line.startsWith(prefix)) {
        found.add(line);
      }
    }
    return found;
  }

  private static TrackerLine lineOf(List<String> output) {
    assertEquals(true, output.contains("RESULT ok 1"), String.join("\n", output));
    String line = linesStartingWith("LINE ", output).get(0);
    return TrackerLine.parse(line.substring("LINE ".length()));
  }

  /** The library's classes loaded between the two marks. */
  private static List<String> ourClassesLoadedByTheInvocation(List<String> output) {
    return FreshJvmClassLoads.ourClassesLoadedBetween(output, "MARK constructed", "MARK invoked");
  }
}
