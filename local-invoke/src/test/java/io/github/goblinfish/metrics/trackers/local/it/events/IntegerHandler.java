package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/** Answers with what it received as an Integer, written out with the class of every value. */
public final class IntegerHandler extends TrackedRequestHandler<Integer, String> {
  @Override
  protected String handleTracked(Integer event, Context context) {
    return Rendering.of(event);
  }
}
