package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.Gson;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures, through the real runtime client, how long before the deadline a timed-out invocation's
 * line comes out for each margin: each {@link it.SleepingHandler} invocation of a fresh runtime (a
 * cold one, as every timeout replaces the runtime) sleeps past its 1 s timeout, and the line's
 * frame timestamp is compared with the invocation's deadline. A measurement, not a test: its name
 * matches neither Surefire's nor Failsafe's patterns, so {@code verify} never runs it. Run it with
 *
 * <pre>
 * ./mvnw -B -o -pl local-invoke -am verify -Dit.test=TimeoutMarginProbe -Dprobe.margins=default,75 \
 *   -Dprobe.n=10 -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * ({@code default}: no variable set) and read the {@code PROBE} lines of its output.
 */
class TimeoutMarginProbe {
  @Test
  void printsHowLongBeforeTheDeadlineTheLineOfATimedOutInvocationComesOut() throws Exception {
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn =
        LocalInvoke.function(
            LambdaITSupport.testClasses().resolve("it/template.yaml"),
            "SleepingFunction",
            warnings::add);
    List<Path> classpath = new ArrayList<>(fn.classpath());
    classpath.add(LambdaITSupport.locationOf(ProcessTracker.class));
    classpath.add(LambdaITSupport.locationOf(Gson.class));
    FunctionSpec sleeping = fn.withCode(fn.taskRoot(), classpath);
    int invocations = Integer.getInteger("probe.n", 10);
    for (String margin : System.getProperty("probe.margins", "50").split(",")) {
      List<Long> leadsMillis = new ArrayList<>();
      for (int i = 0; i < invocations; i++) {
        Invocation invocation =
            LocalInvoke.invoke(
                    margin.equals("default")
                        ? sleeping
                        : sleeping.withEnvironment(Map.of("TRACKER_TIMEOUT_MARGIN_MS", margin)),
                    List.of("{\"sleep_ms\":5000}"),
                    1,
                    0)
                .invocations()
                .get(0);
        boolean found = false;
        for (LogEvent event : invocation.logs()) {
          if (event.text().startsWith("{\"latencies\":")) {
            leadsMillis.add(invocation.deadlineEpochMs() - event.timestamp().toEpochMilli());
            found = true;
          }
        }
        if (!found) {
          StringBuilder events = new StringBuilder();
          for (LogEvent event : invocation.logs()) {
            events
                .append(invocation.deadlineEpochMs() - event.timestamp().toEpochMilli())
                .append(" ms before the deadline: ")
                .append(event.text())
                .append(" | ");
          }
          System.out.println("PROBE no line; events: " + events);
        }
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "PROBE margin=%s ms: %d of %d timed-out invocations wrote their line;"
                  + " ms before the deadline: %s",
              margin,
              leadsMillis.size(),
              invocations,
              leadsMillis));
    }
  }
}
