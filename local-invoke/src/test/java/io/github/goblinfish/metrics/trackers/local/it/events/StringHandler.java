package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/** Answers with what it received as a String, written out with the class of every value. */
public final class StringHandler extends TrackedRequestHandler<String, String> {
  @Override
  protected String handleTracked(String event, Context context) {
    return Rendering.of(event);
  }
}
