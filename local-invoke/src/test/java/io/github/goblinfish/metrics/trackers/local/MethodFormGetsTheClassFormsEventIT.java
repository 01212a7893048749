package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.HandlerForms.classForm;
import static io.github.goblinfish.metrics.trackers.local.HandlerForms.methodForm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: under {@code Handler: pkg.Class::handleRequest} a tracked handler gets exactly the
 * event the class form gives it, on the real runtime client, where converting the runtime's Map
 * lost digits, failed on numbers beyond a double, left Maps where POJOs belong, and broke handlers
 * with a generic base class or a String event. Each test runs the method form and the class form,
 * once each, and checks the method form's exact outcome and that it is the class form's.
 */
class MethodFormGetsTheClassFormsEventIT {

  /** Runs both forms on the events and returns the method form's outcomes, equal to the class's. */
  private static List<String> bothForms(String handler, List<String> events) throws Exception {
    List<String> byMethod =
        HandlerForms.run(methodForm(handler), events).stream().map(HandlerForms::outcome).toList();
    List<String> byClass =
        HandlerForms.run(classForm(handler), events).stream().map(HandlerForms::outcome).toList();
    assertEquals(byClass, byMethod, "the method form gives what the class form gives");
    return byMethod;
  }

  private static String order(String amount) {
    return "Order(amount="
        + amount
        + ", byCode=null, count=null, id=Long:0, lines=null, note=null)";
  }

  @Test
  void aBigDecimalKeepsEveryDigit() throws Exception {
    List<String> outcomes = bothForms("OrderEcho", List.of("{\"amount\":12345678901234567890.12}"));
    assertEquals(
        "response {\"id\":0,\"amount\":12345678901234567890.12}\nSEEN "
            + order("BigDecimal:12345678901234567890.12"),
        outcomes.get(0));
  }

  @Test
  void aNumberBeyondTheRangeOfADoubleIsReadAsTheClassFormReadsIt() throws Exception {
    List<String> outcomes = bothForms("OrderEcho", List.of("{\"amount\":1e400}"));
    assertEquals(
        "response {\"id\":0,\"amount\":1E+400}\nSEEN " + order("BigDecimal:1E+400"),
        outcomes.get(0));
  }

  @Test
  void aListOfPojosHoldsPojos() throws Exception {
    List<String> outcomes =
        bothForms("LinesHandler", List.of("[{\"sku\":\"a\",\"price\":0.10,\"qty\":2}]"));
    assertEquals(
        "response \"ArrayList[Line(price=BigDecimal:0.10, qty=Long:2, sku=String:\\\"a\\\")]\"",
        outcomes.get(0));
  }

  @Test
  void aMapOfPojosHoldsPojos() throws Exception {
    List<String> outcomes =
        bothForms(
            "LinesByCodeHandler", List.of("{\"x\":{\"sku\":\"b\",\"price\":1e-3,\"qty\":-1}}"));
    assertEquals(
        "response \"LinkedHashMap{String:\\\"x\\\"=Line(price=BigDecimal:0.001, qty=Long:-1,"
            + " sku=String:\\\"b\\\")}\"",
        outcomes.get(0));
  }

  @Test
  void aHandlerWhoseEventTypeComesThroughAGenericBaseClassGetsThatType() throws Exception {
    List<String> outcomes =
        bothForms("LineViaGenericBase", List.of("{\"sku\":\"c\",\"price\":7,\"qty\":3}"));
    assertEquals(
        "response \"Line(price=BigDecimal:7, qty=Long:3, sku=String:\\\"c\\\")\"", outcomes.get(0));
  }

  @Test
  void aStringHandlerGetsAJsonNumberAsItsText() throws Exception {
    List<String> outcomes = bothForms("StringHandler", List.of("42", "\"42\""));
    assertEquals(
        List.of("response \"String:\\\"42\\\"\"", "response \"String:\\\"42\\\"\""), outcomes);
  }

  @Test
  void aFailureAndAnUnreadableEventReachTheRuntimeAsInTheClassForm() throws Exception {
    List<String> outcomes =
        bothForms(
            "OrderEcho", List.of("{\"note\":\"fail now\"}", "{\"id\":\"not a number\"}", "null"));
    assertEquals(
        true,
        outcomes
            .get(0)
            .startsWith(
                "error {\"errorMessage\":\"asked to fail: fail now\","
                    + "\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[\""
                    + "io.github.goblinfish.metrics.trackers.local.it.events.OrderEcho.handleTracked("),
        outcomes.get(0));
    assertEquals(
        true,
        outcomes
            .get(1)
            .startsWith("error {\"errorMessage\":\"An error occurred during JSON parsing\""),
        outcomes.get(1));
    assertEquals("response null\nSEEN null", outcomes.get(2));
  }

  @Test
  void concurrentInvocationsOfOneMethodFormHandlerEachGetTheirOwnEvent() throws Exception {
    // Lambda Managed Instances: one handler instance, invocations on parallel threads.
    List<String> events = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      events.add("[{\"sku\":\"s-" + i + "\",\"price\":" + i + ".5,\"qty\":" + i + "}]");
      expected.add(
          "response \"ArrayList[Line(price=BigDecimal:"
              + i
              + ".5, qty=Long:"
              + i
              + ", sku=String:\\\"s-"
              + i
              + "\\\")]\"");
    }
    FunctionSpec fn =
        HandlerForms.function(methodForm("LinesHandler"))
            .withLogFormat("JSON")
            .withInitType("lambda-managed-instances");
    RunResult run = LocalInvoke.invoke(fn, events, events.size(), 8);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      assertEquals(events.get(i), run.invocations().get(i).event());
      outcomes.add(HandlerForms.outcome(run.invocations().get(i)));
    }
    assertEquals(expected, outcomes);
  }
}
