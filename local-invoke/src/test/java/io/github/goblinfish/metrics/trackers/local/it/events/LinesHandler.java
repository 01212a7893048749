package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.List;

/** Answers with what it received as a list of POJOs, written out with the class of every value. */
public final class LinesHandler extends TrackedRequestHandler<List<Line>, String> {
  @Override
  protected String handleTracked(List<Line> event, Context context) {
    return Rendering.of(event);
  }
}
