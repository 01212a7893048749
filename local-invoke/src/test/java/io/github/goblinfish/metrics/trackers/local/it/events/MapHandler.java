package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.Map;

/** Answers with what it received as an untyped Map, written out with the class of every value. */
public final class MapHandler extends TrackedRequestHandler<Map<String, Object>, String> {
  @Override
  protected String handleTracked(Map<String, Object> event, Context context) {
    return Rendering.of(event);
  }
}
