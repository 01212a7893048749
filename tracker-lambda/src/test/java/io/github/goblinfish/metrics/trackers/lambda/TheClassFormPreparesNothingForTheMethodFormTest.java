package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cold starts matter: a function named by its class ({@code Handler: pkg.Class}) never pays for the
 * method form. Its handler resolves no generic type and looks for no class of the runtime client,
 * which a fresh JVM that logs every class it loads shows; the same JVM with the method form does
 * both, so the check can tell.
 */
class TheClassFormPreparesNothingForTheMethodFormTest {

  /** A handler whose event type the method form would resolve. */
  public static final class OrderHandler extends TrackedRequestHandler<List<String>, String> {
    @Override
    protected String handleTracked(List<String> input, Context context) {
      return "ok " + input.size();
    }
  }

  /** The fresh JVM: construct the handler as the runtime does, invoke it once. */
  public static final class FreshJvm {
    public static void main(String[] args) {
      String result;
      try {
        result = new OrderHandler().handleRequest(List.of("a"), TestContext.builder().build());
      } catch (IllegalStateException noRuntimeClient) {
        result = "init failed";
      }
      System.out.println("RESULT " + result);
    }
  }

  @Test
  void aHandlerNamedByItsClassResolvesNoGenericTypeAndLooksForNoRuntimeClass() throws Exception {
    List<String> output = runFreshJvm(OrderHandler.class.getName());
    assertTrue(output.contains("RESULT ok 1"), String.join("\n", output));
    assertEquals(List.of(), methodFormWork(output));
  }

  @Test
  void theCheckSeesTheMethodFormsWork() throws Exception {
    // Without the runtime client on the class path the method form fails at init, after the work.
    List<String> output = runFreshJvm(OrderHandler.class.getName() + "::handleRequest");
    assertTrue(output.contains("RESULT init failed"), String.join("\n", output));
    assertTrue(!methodFormWork(output).isEmpty(), String.join("\n", output));
  }

  /** Classes only the method form's preparation loads: the JVM's generic-signature readers. */
  private static List<String> methodFormWork(List<String> output) {
    List<String> loaded = new ArrayList<>();
    for (String line : output) {
      if (line.contains("[class,load]")
          && (line.contains(" sun.reflect.generics.") || line.contains("EventHandlerLoader"))) {
        loaded.add(line);
      }
    }
    return loaded;
  }

  private static List<String> runFreshJvm(String handlerSetting)
      throws IOException, InterruptedException {
    return FreshJvmClassLoads.of(FreshJvm.class, Map.of("_HANDLER", handlerSetting));
  }
}
