package io.github.goblinfish.metrics.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** The floor: the scenario's steps with no instrumentation at all. */
public final class BareHandler implements RequestHandler<Scenario, String> {
  @Override
  public String handleRequest(Scenario scenario, Context context) {
    int sum = 0;
    String[] timers = scenario.timers();
    for (int t = 0; t < timers.length; t++) {
      for (int r = 0; r < scenario.repeats(); r++) {
        sum += Scenario.work(r);
      }
    }
    return sum >= 0 ? "ok" : "?";
  }
}
