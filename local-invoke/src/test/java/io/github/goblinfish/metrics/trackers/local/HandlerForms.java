package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.google.gson.Gson;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a handler of the {@code it.events} fixtures on the real runtime client under either Handler
 * form, {@code Handler: pkg.Class} or {@code Handler: pkg.Class::handleRequest}, and renders what
 * each invocation gave the runtime so that two runs compare exactly.
 */
final class HandlerForms {
  static final String EVENTS_PACKAGE = "io.github.goblinfish.metrics.trackers.local.it.events.";

  private HandlerForms() {}

  /** The class form of the fixture handler {@code simpleName}. */
  static String classForm(String simpleName) {
    return EVENTS_PACKAGE + simpleName;
  }

  /** The method form of the fixture handler {@code simpleName}. */
  static String methodForm(String simpleName) {
    return EVENTS_PACKAGE + simpleName + "::handleRequest";
  }

  /** Every event once, in order, in one runtime process running {@code handler}. */
  static List<Invocation> run(String handler, List<String> events) throws Exception {
    RunResult run = LocalInvoke.invoke(function(handler), events, events.size(), 0);
    assertEquals(events.size(), run.invocations().size(), () -> "problems: " + run.problems());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(events.get(i), run.invocations().get(i).event());
    }
    return run.invocations();
  }

  /**
   * What the invocation gave the runtime, exactly: its response body or its error body (type,
   * message and stack trace), and what the handler printed it had received.
   */
  static String outcome(Invocation invocation) {
    StringBuilder out = new StringBuilder();
    invocation.response().ifPresent(body -> out.append("response ").append(body));
    invocation.error().ifPresent(body -> out.append("error ").append(body));
    String seen = seen(invocation);
    if (seen != null) {
      out.append("\n").append(seen);
    }
    return out.toString();
  }

  /** The line "SEEN ..." the echo handlers print, or null. */
  static String seen(Invocation invocation) {
    for (LogEvent event : invocation.logs()) {
      if (event.text().startsWith("SEEN ")) {
        return event.text().strip();
      }
    }
    return null;
  }

  /** The fixtures' function, named by {@code handler}. */
  static FunctionSpec function(String handler) throws Exception {
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn =
        LocalInvoke.function(
            LambdaITSupport.testClasses().resolve("it/template.yaml"),
            "EventsFunction",
            warnings::add);
    assertEquals(List.of(), warnings);
    List<Path> classpath = new ArrayList<>(fn.classpath());
    classpath.add(LambdaITSupport.locationOf(ProcessTracker.class));
    classpath.add(LambdaITSupport.locationOf(Gson.class));
    classpath.add(LambdaITSupport.locationOf(APIGatewayProxyRequestEvent.class));
    // The runtime's event serializers need Joda-Time, which the events library brings.
    classpath.add(LambdaITSupport.locationOf(Class.forName("org.joda.time.DateTime")));
    return fn.withHandler(handler).withCode(fn.taskRoot(), classpath);
  }
}
