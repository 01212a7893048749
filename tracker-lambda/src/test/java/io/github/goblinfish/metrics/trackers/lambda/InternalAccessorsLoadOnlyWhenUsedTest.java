package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.FreshLibraryLoader;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.internal.ColdStartAccess;
import io.github.goblinfish.metrics.trackers.internal.TrackerAccess;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The internal package's accessors cost a function nothing: an invocation that ends in time loads
 * none of their classes, only a line written before a timeout or a test's reset of the cold start
 * does. Class loading is once per loader, so a loader of its own shows it.
 */
class InternalAccessorsLoadOnlyWhenUsedTest {
  private static final String[] ACCESSORS = {
    "io.github.goblinfish.metrics.trackers.internal.TrackerAccess",
    "io.github.goblinfish.metrics.trackers.ProcessTracker$InternalAccess",
    "io.github.goblinfish.metrics.trackers.internal.ColdStartAccess",
    "io.github.goblinfish.metrics.trackers.lambda.ColdStart$InternalAccess"
  };

  @Test
  void aWarmedUpInvocationThatEndsInTimeLoadsNoAccessorButTheirUsersDo() throws Exception {
    try (FreshLibraryLoader fresh = new FreshLibraryLoader()) {
      fresh.run(WarmUpAndInvokeOnce.class);
      assertEquals(List.of(ACCESSORS), fresh.notLoaded(ACCESSORS));

      fresh.run(ResetAndWriteALineEarly.class);
      assertEquals(List.of(), fresh.notLoaded(ACCESSORS));
    } catch (IOException failure) {
      throw new AssertionError(failure);
    }
  }

  /** A handler's warm-up and one invocation, as on Lambda (without the watch thread). */
  public static final class WarmUpAndInvokeOnce implements Runnable {
    @Override
    public void run() {
      List<String> lines = new ArrayList<>();
      HandlerConfig config =
          HandlerConfig.builder()
              .environment(name -> null)
              .timeoutMargin(Duration.ZERO)
              .output(lines::add)
              .build();
      InvocationClassesWarmUp.run(new InvocationTracking(config, Object.class));
      RequestHandler<String, String> handler =
          TrackedHandlers.wrap((input, context) -> input, config);
      assertEquals("a", handler.handleRequest("a", TestContext.create()));
      assertEquals(1, lines.size());
    }
  }

  /** What the test kit and the timeout watch do through the accessors. */
  public static final class ResetAndWriteALineEarly implements Runnable {
    @Override
    public void run() {
      ColdStartAccess.reset();
      assertTrue(ColdStart.take());
      List<String> lines = new ArrayList<>();
      ProcessTracker tracker = ProcessTracker.builder().output(lines::add).build();
      tracker.trackProcess(
          "p",
          () -> {
            assertTrue(
                TrackerAccess.writeLineNow(ProcessTracker.current(), "timed_out", "early line"));
          });
      assertEquals(1, lines.size());
      assertTrue(lines.get(0).contains("\"timed_out\":1"), lines.get(0));
      assertTrue(lines.get(0).contains("early line"), lines.get(0));
    }
  }
}
