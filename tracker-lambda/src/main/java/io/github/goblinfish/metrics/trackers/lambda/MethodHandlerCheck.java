package io.github.goblinfish.metrics.trackers.lambda;

import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Warns when the function's Handler setting names a method on a {@link TrackedRequestHandler}:
 * the runtime then takes the event type from the erased, inherited {@code handleRequest} and
 * hands the handler a Map, which fails far from the cause.
 */
final class MethodHandlerCheck {
  private MethodHandlerCheck() {}

  static void warnIfEventTypeIsLost(
      Class<?> handlerClass, Function<String, String> environment, PrintStream err) {
    String handler = environment.apply("_HANDLER");
    if (handler == null || !handler.contains("::")) {
      return;
    }
    Type eventType = eventType(handlerClass);
    if (eventType == null || arrivesIntact(eventType)) {
      return;
    }
    String className = handler.substring(0, handler.indexOf("::"));
    err.println(
        "tracker-lambda: Handler '"
            + handler
            + "' makes the Java runtime take the event type from the inherited"
            + " handleRequest(I, Context), so events arrive as a Map instead of "
            + eventType.getTypeName()
            + "; set Handler to '"
            + className
            + "' (the class name alone)");
  }

  /** Whether what the runtime makes of untyped JSON (a map, a string) still fits the type. */
  private static boolean arrivesIntact(Type eventType) {
    Class<?> raw =
        eventType instanceof ParameterizedType
            ? (Class<?>) ((ParameterizedType) eventType).getRawType()
            : (Class<?>) eventType;
    return raw.isAssignableFrom(java.util.LinkedHashMap.class) || raw == String.class;
  }

  /** The event type a subclass gives {@link TrackedRequestHandler}, or null if it stays generic. */
  static Type eventType(Class<?> handlerClass) {
    for (Class<?> type = handlerClass; type != null; type = type.getSuperclass()) {
      Type parent = type.getGenericSuperclass();
      if (parent instanceof ParameterizedType
          && ((ParameterizedType) parent).getRawType() == TrackedRequestHandler.class) {
        Type event = ((ParameterizedType) parent).getActualTypeArguments()[0];
        return event instanceof Class || event instanceof ParameterizedType ? event : null;
      }
    }
    return null;
  }
}
