package io.github.goblinfish.examples.docs.javadoc.wrap;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.goblinfish.metrics.trackers.lambda.TrackedHandlers;
import java.util.Map;

/** The class example of TrackedHandlers' Javadoc, compiled. */
public final class LegacyHandler implements RequestHandler<Map<String, Object>, String> {
  private final RequestHandler<Map<String, Object>, String> tracked =
      TrackedHandlers.wrap(new LegacyLogic());

  public String handleRequest(Map<String, Object> event, Context context) {
    return tracked.handleRequest(event, context);
  }
}

final class LegacyLogic implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return "done";
  }
}
