package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.Map;

/** Answers with what it received as a map of POJOs, written out with the class of every value. */
public final class LinesByCodeHandler extends TrackedRequestHandler<Map<String, Line>, String> {
  @Override
  protected String handleTracked(Map<String, Line> event, Context context) {
    return Rendering.of(event);
  }
}
