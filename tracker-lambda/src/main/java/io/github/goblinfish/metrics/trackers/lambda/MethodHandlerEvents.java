package io.github.goblinfish.metrics.trackers.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Gives a {@link TrackedRequestHandler} its typed event when the function's Handler names a method
 * ({@code Handler: com.example.OrderHandler::handleRequest}, the form most templates use). The Java
 * runtime then reads the event type from the inherited {@code handleRequest(I, Context)}, sees only
 * the type variable, and deserializes the event as a {@code Map}. This turns that Map into the
 * event type with the runtime's own serializers, the ones it uses for the class-name form: its
 * event serializers for the {@code aws-lambda-java-events} classes, its Jackson serializer for any
 * other type. They are found in the runtime client, by reflection, when the handler is constructed;
 * where they cannot be found, construction fails with a message that names the fix.
 *
 * <p>Immutable and thread-safe once constructed.
 */
final class MethodHandlerEvents {
  private static final String EVENT_SERIALIZERS =
      "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers";
  private static final String JACKSON_FACTORY =
      "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
  private static final String POJO_SERIALIZER =
      "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";

  private final Class<?> eventClass;
  private final Object untypedSerializer;
  private final Object eventSerializer;
  private final Method toJson;
  private final Method fromJson;

  private MethodHandlerEvents(
      Class<?> eventClass,
      Object untypedSerializer,
      Object eventSerializer,
      Method toJson,
      Method fromJson) {
    this.eventClass = eventClass;
    this.untypedSerializer = untypedSerializer;
    this.eventSerializer = eventSerializer;
    this.toJson = toJson;
    this.fromJson = fromJson;
  }

  /**
   * What a handler of this class needs to receive its typed event under the function's Handler
   * setting: null when the runtime already hands it the event type.
   *
   * @throws IllegalStateException when the event would arrive as a Map and the runtime's
   *     serializers cannot be found to recover it; the message names the fix
   */
  static MethodHandlerEvents forHandler(
      Class<?> handlerClass, Function<String, String> environment) {
    return forHandler(handlerClass, environment, handlerClass.getClassLoader());
  }

  /** As {@link #forHandler(Class, Function)}, finding the serializers through {@code loader}. */
  static MethodHandlerEvents forHandler(
      Class<?> handlerClass, Function<String, String> environment, ClassLoader loader) {
    String handler = environment.apply("_HANDLER");
    if (handler == null || !handler.contains("::")) {
      return null;
    }
    if (!handler.substring(0, handler.indexOf("::")).equals(handlerClass.getName())) {
      // The runtime calls another class, which hands this handler whatever event it likes.
      return null;
    }
    Type eventType = eventType(handlerClass);
    if (eventType == null || arrivesIntact(eventType)) {
      return null;
    }
    try {
      Class<?> serializers = Class.forName(EVENT_SERIALIZERS, true, loader);
      Object jackson =
          Class.forName(JACKSON_FACTORY, true, loader).getMethod("getInstance").invoke(null);
      Method serializerFor = jackson.getClass().getMethod("getSerializer", Type.class);
      Class<?> raw = rawClass(eventType);
      boolean lambdaEvent =
          eventType instanceof Class
              && (boolean)
                  serializers
                      .getMethod("isLambdaSupportedEvent", String.class)
                      .invoke(null, raw.getName());
      Object eventSerializer =
          lambdaEvent
              ? serializers
                  .getMethod("serializerFor", Class.class, ClassLoader.class)
                  .invoke(null, raw, loader)
              : serializerFor.invoke(jackson, eventType);
      Class<?> pojoSerializer = Class.forName(POJO_SERIALIZER, true, loader);
      return new MethodHandlerEvents(
          raw,
          serializerFor.invoke(jackson, Object.class),
          eventSerializer,
          pojoSerializer.getMethod("toJson", Object.class, OutputStream.class),
          pojoSerializer.getMethod("fromJson", InputStream.class));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException notThere) {
      String className = handler.substring(0, handler.indexOf("::"));
      throw new IllegalStateException(
          "Handler '"
              + handler
              + "' makes the Java runtime hand "
              + handlerClass.getName()
              + " its event as a Map instead of "
              + eventType.getTypeName()
              + ", and the runtime's serializers to recover it were not found ("
              + notThere
              + "); set Handler to '"
              + className
              + "' (the class name alone)",
          notThere);
    }
  }

  /** The event as the handler declared it: converted when it arrived untyped, else as it is. */
  Object recover(Object input) {
    if (input == null || eventClass.isInstance(input)) {
      return input;
    }
    try {
      ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
      toJson.invoke(untypedSerializer, input, json);
      return fromJson.invoke(eventSerializer, new ByteArrayInputStream(json.toByteArray()));
    } catch (InvocationTargetException failed) {
      Throwable cause = failed.getCause();
      throw new IllegalArgumentException(
          "the event could not be read as " + eventClass.getName() + ": " + cause, cause);
    } catch (IllegalAccessException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Whether what the runtime makes of untyped JSON (a map, a string) still fits the type. */
  static boolean arrivesIntact(Type eventType) {
    Class<?> raw = rawClass(eventType);
    return raw.isAssignableFrom(java.util.LinkedHashMap.class) || raw == String.class;
  }

  private static Class<?> rawClass(Type eventType) {
    return eventType instanceof ParameterizedType
        ? (Class<?>) ((ParameterizedType) eventType).getRawType()
        : (Class<?>) eventType;
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
