package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.LineObserver;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The timeout watch's thread loads the first invocation's classes while the runtime initialises;
 * nothing of that reaches an output, an observer or the calling thread's run, and the first
 * invocation is still the cold start.
 */
class WarmingUpWritesNothingAndTakesNoColdStartTest {
  @Test
  @ResourceLock(Resources.SYSTEM_OUT)
  void noOutputNoObserverAndTheCurrentRunIsUntouched() {
    List<String> observed = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    ProcessTracker tracker = ProcessTracker.builder().output(lines::add).build();
    // A handler writing to the same output, and one writing to its invocations' loggers.
    InvocationTracking configured =
        new InvocationTracking(HandlerConfig.builder().output(lines::add).build(), Object.class);
    InvocationTracking toLoggers = new InvocationTracking(HandlerConfig.defaults(), Object.class);
    try (LineObserver.Registration registration = LineObserver.register(observed::add)) {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      tracker.trackProcess(
          "outer",
          () -> {
            InvocationClassesWarmUp.run(configured);
            InvocationClassesWarmUp.run(toLoggers);
            tracker.setMetric("after", 1);
          });
      InvocationClassesWarmUp.run(configured);
      InvocationClassesWarmUp.run(toLoggers);
      InvocationClassesWarmUp.run(null);
    } finally {
      System.setOut(original);
    }
    assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    assertEquals(1, lines.size());
    assertEquals(lines, observed);
    String line = lines.get(0);
    assertEquals(true, line.startsWith("{\"latencies\":{\"outer\":"), line);
    assertEquals(true, line.endsWith("},\"metrics\":{\"after\":1}}"), line);
  }

  @Test
  void theFirstInvocationAfterTheWarmUpIsStillTheColdStart() {
    ColdStart.resetForTests();
    InvocationClassesWarmUp.run(new InvocationTracking(HandlerConfig.defaults(), Object.class));
    InvocationClassesWarmUp.run(null);
    assertEquals(true, ColdStart.take());
    assertEquals(false, ColdStart.take());
  }
}
