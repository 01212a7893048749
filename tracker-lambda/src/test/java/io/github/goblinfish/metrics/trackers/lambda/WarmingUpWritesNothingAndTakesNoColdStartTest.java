package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.goblinfish.metrics.trackers.FreshLibraryLoader;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.internal.LineObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
  private static final String CORE = "io.github.goblinfish.metrics.trackers.";

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
    assertTheWarmUpLoadsTheInvocationsClasses(WarmUpsInAFreshLoader.class);
  }

  @Test
  void theFirstInvocationAfterTheWarmUpIsStillTheColdStart() {
    ColdStart.reset();
    InvocationClassesWarmUp.run(new InvocationTracking(HandlerConfig.defaults(), Object.class));
    InvocationClassesWarmUp.run(null);
    assertEquals(true, ColdStart.take());
    assertEquals(false, ColdStart.take());
    assertTheWarmUpLoadsTheInvocationsClasses(WarmUpThenTheFirstInvocation.class);
  }

  /**
   * Nothing seen must not be because nothing was done: in a loader of its own, where no invocation
   * has loaded them, {@code code}'s warm-up loads the classes of a run and of its line, then the
   * per-invocation ones, the last it loads.
   */
  private static void assertTheWarmUpLoadsTheInvocationsClasses(Class<? extends Runnable> code) {
    try (FreshLibraryLoader fresh = new FreshLibraryLoader()) {
      fresh.run(code);
      assertEquals(
          List.of(),
          fresh.notLoaded(CORE + "Run", CORE + "JsonLine", CORE + "internal.LineObservers"));
      assertEquals(
          List.of(),
          fresh.notLoaded(
              TrackedInvocation.class, ColdStart.class, InitType.class, XrayTrace.class));

    } catch (IOException | ReflectiveOperationException failure) {
      throw new AssertionError(failure);
    }
  }

  /** With no timeout margin: no watch thread starts, so only the warm-up called here loads. */
  private static HandlerConfig.Builder unwatched() {
    return HandlerConfig.builder().environment(name -> null).timeoutMargin(Duration.ZERO);
  }

  /** The first test's warm-ups, in a {@link FreshLibraryLoader}. */
  public static final class WarmUpsInAFreshLoader implements Runnable {
    @Override
    public void run() {
      List<String> lines = new ArrayList<>();
      InvocationClassesWarmUp.run(
          new InvocationTracking(unwatched().output(lines::add).build(), Object.class));
      InvocationClassesWarmUp.run(new InvocationTracking(unwatched().build(), Object.class));
      assertEquals(List.of(), lines);
    }
  }

  /** The second test's, in a {@link FreshLibraryLoader}: its ColdStart is untaken. */
  public static final class WarmUpThenTheFirstInvocation implements Runnable {
    @Override
    public void run() {
      InvocationClassesWarmUp.run(new InvocationTracking(unwatched().build(), Object.class));
      assertEquals(true, ColdStart.take());
      assertEquals(false, ColdStart.take());
    }
  }
}
