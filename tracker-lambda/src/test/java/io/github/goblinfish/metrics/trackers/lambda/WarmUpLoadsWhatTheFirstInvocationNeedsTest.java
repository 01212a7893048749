package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The timeout watch's thread loads, while the runtime initialises, every class of the library that
 * a first invocation needs: once it has run, that invocation loads only the one class of its
 * handler kind. Class loading is once per JVM, so a fresh JVM shows it, logging each class it
 * loads.
 */
class WarmUpLoadsWhatTheFirstInvocationNeedsTest {

  /** A handler as the README shows one: a timer, a metric and an identifier. */
  public static final class OrderHandler
      extends TrackedRequestHandler<Map<String, Object>, String> {
    @Override
    protected String handleTracked(Map<String, Object> input, Context context) {
      Timer timer = tracker().timer("load_order");
      try {
        tracker().setMetric("items", 3);
        tracker().setIdentifier("order_id", String.valueOf(input.get("orderId")));
      } finally {
        timer.close();
      }
      return "ok";
    }
  }

  /** The fresh JVM: warm up, mark, invoke once, mark. */
  public static final class FreshJvm {
    public static void main(String[] args) {
      OrderHandler handler = new OrderHandler();
      Map<String, Object> event = Map.of("orderId", "o-1001");
      TestContext context = TestContext.builder().requestId("r-1").functionName("orders").build();
      // What the handler's own watch thread does, here to its end before the invocation.
      InvocationClassesWarmUp.run(
          new InvocationTracking(HandlerConfig.defaults(), OrderHandler.class));
      mark("warmed up");
      String result = handler.handleRequest(event, context);
      mark("invoked");
      System.out.println("RESULT " + result + " " + context.lines().size());
      System.out.println("LINE " + context.lines().get(0));
    }

    private static void mark(String what) {
      System.out.println("MARK " + what);
      System.out.flush();
    }
  }

  @Test
  void afterTheWarmUpTheFirstInvocationLoadsOnlyItsHandlerKindsInvocationClass() throws Exception {
    List<String> output = runFreshJvm("json");
    assertTheInvocationLoadsOnlyItsInvocationClass(output);
    assertEquals(false, lineOf(output).isEmf());
    // Nor does the warm-up load what a JSON line never needs: the EMF format's classes.
    List<String> emfClasses = new ArrayList<>();
    for (String line : output) {
      if (line.contains(".trackers.Emf") && line.contains("[class,load]")) {
        emfClasses.add(line);
      }
    }
    assertEquals(List.of(), emfClasses);
  }

  @Test
  void withTheEmfFormatTooTheWarmUpLoadsWhatItsLineNeeds() throws Exception {
    List<String> output = runFreshJvm("emf");
    assertTheInvocationLoadsOnlyItsInvocationClass(output);
    assertEquals(true, lineOf(output).isEmf());
  }

  /** The invocation's line, which must still be the cold start: warming up takes none. */
  private static TrackerLine lineOf(List<String> output) {
    for (String line : output) {
      if (line.startsWith("LINE ")) {
        TrackerLine parsed = TrackerLine.parse(line.substring("LINE ".length()));
        assertEquals(true, parsed.identifier("cold_start"), String.join("\n", output));
        return parsed;
      }
    }
    throw new AssertionError("no line:\n" + String.join("\n", output));
  }

  private static void assertTheInvocationLoadsOnlyItsInvocationClass(List<String> output)
      throws Exception {
    List<String> loadedByTheInvocation =
        FreshJvmClassLoads.ourClassesLoadedBetween(output, "MARK warmed up", "MARK invoked");
    assertEquals(true, output.contains("RESULT ok 1"), String.join("\n", output));
    assertEquals(
        List.of("io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler$1"),
        loadedByTheInvocation,
        String.join("\n", output));
  }

  private static List<String> runFreshJvm(String format) throws IOException, InterruptedException {
    return FreshJvmClassLoads.of(FreshJvm.class, Map.of("TRACKER_FORMAT", format));
  }
}
