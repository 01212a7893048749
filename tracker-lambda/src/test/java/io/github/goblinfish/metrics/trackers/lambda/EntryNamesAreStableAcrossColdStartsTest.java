package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In EMF the entry's name is a CloudWatch metric name: it must not change from one cold start to
 * the next, so it never comes from a hidden, synthetic or numbered class.
 */
class EntryNamesAreStableAcrossColdStartsTest {

  static final class NamedHandler implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
      return input;
    }
  }

  private static String entryOf(RequestHandler<String, String> handler) {
    List<String> lines = new ArrayList<>();
    TrackedHandlers.wrap(
            handler,
            HandlerConfig.builder()
                .environment(name -> null)
                .output(lines::add)
                .omitAllIdentifiers()
                .build())
        .handleRequest("x", null);
    assertEquals(1, lines.size());
    String line = lines.get(0);
    assertTrue(line.startsWith("{\"latencies\":{\""), line);
    return line.substring(
        "{\"latencies\":{\"".length(), line.indexOf('"', "{\"latencies\":{\"".length()));
  }

  @Test
  void aNamedClassGivesItsSimpleName() {
    assertEquals("NamedHandler", entryOf(new NamedHandler()));
  }

  @Test
  void aLambdaGivesTheSimpleNameOfTheClassThatDeclaredItNotItsHiddenClassName() {
    RequestHandler<String, String> lambda = (input, context) -> input;
    assertTrue(lambda.getClass().getName().contains("$$Lambda"), lambda.getClass().getName());
    assertEquals("EntryNamesAreStableAcrossColdStartsTest", entryOf(lambda));
  }

  @Test
  void aMethodReferenceGivesTheSimpleNameOfTheClassThatDeclaredIt() {
    RequestHandler<String, String> reference = EntryNamesAreStableAcrossColdStartsTest::echo;
    assertEquals("EntryNamesAreStableAcrossColdStartsTest", entryOf(reference));
  }

  @Test
  void anAnonymousClassGivesTheSimpleNameOfItsEnclosingClass() {
    RequestHandler<String, String> anonymous =
        new RequestHandler<>() {
          @Override
          public String handleRequest(String input, Context context) {
            return input;
          }
        };
    assertEquals("EntryNamesAreStableAcrossColdStartsTest", entryOf(anonymous));
  }

  @Test
  void theNameIsTheSameWhateverHiddenClassTheJvmMadeForTheLambda() {
    assertEquals(
        "Orders", InvocationTracking.declarerOf("com.example.Orders$$Lambda/0x00007f558900c498"));
    assertEquals(
        "Orders", InvocationTracking.declarerOf("com.example.Orders$$Lambda/0x00000008000c1a00"));
    assertEquals("Inner", InvocationTracking.declarerOf("com.example.Outer$Inner$$Lambda$11/0x1"));
    assertEquals("handler", InvocationTracking.declarerOf("com.example.Outer$1$$Lambda/0x1"));
    assertEquals("Orders", InvocationTracking.declarerOf("Orders$$Lambda/0x1"));
  }

  static String echo(String input, Context context) {
    return input;
  }
}
