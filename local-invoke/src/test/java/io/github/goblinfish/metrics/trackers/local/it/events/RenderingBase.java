package io.github.goblinfish.metrics.trackers.local.it.events;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;

/** A generic base class, as users write them: subclasses only name the event type. */
public abstract class RenderingBase<T> extends TrackedRequestHandler<T, String> {
  @Override
  protected String handleTracked(T event, Context context) {
    return Rendering.of(event);
  }
}
