package io.github.goblinfish.metrics.trackers.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gives a {@link TrackedRequestHandler} the event and the response of the class form ({@code
 * Handler: com.example.OrderHandler}) when the function's Handler names its method ({@code Handler:
 * com.example.OrderHandler::handleRequest}, the form most templates use).
 *
 * <p>For the method form the Java runtime client takes every public method of that name and prefers
 * the longest signature; a method {@code (InputStream, OutputStream, Context)} makes the function a
 * stream handler, which gets the event's bytes as they arrived. {@link TrackedRequestHandler}
 * declares that overload, so under the method form the runtime calls it instead of reading the
 * event from {@code handleRequest(I, Context)}, whose parameter is only a type variable. The
 * overload hands the bytes to the very object the runtime builds for the class form ({@code
 * EventHandlerLoader.PojoHandlerAsStreamHandler}): given the handler and the event and response
 * types the class form resolves, it reads the event with the runtime's serializer for that type (a
 * custom serializer, its {@code aws-lambda-java-events} serializers, or its Jackson serializer),
 * calls {@code handleRequest(I, Context)}, and writes the response, or lets the failure through,
 * exactly as in the class form. That class is found by reflection in the runtime client; where it
 * is missing, the handler fails at init with a message that names the fix.
 *
 * <p>Stateless and thread-safe; the stream handler it builds is immutable and serves concurrent
 * invocations as the runtime's own does.
 */
final class MethodHandlerEvents {
  /** What the runtime client wraps a RequestHandler in for the class form. */
  static final String CLASS_FORM_READER =
      "com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader"
          + "$PojoHandlerAsStreamHandler";

  private static final String METHOD = "::handleRequest";

  private MethodHandlerEvents() {}

  /**
   * The class form's reading of events for {@code handler} when the function's Handler names its
   * {@code handleRequest} method; null otherwise (the runtime then never calls the stream overload,
   * so nothing is prepared at init).
   *
   * @throws IllegalStateException when the runtime client's class-form reader cannot be found; the
   *     message names the fix
   */
  static RequestStreamHandler forHandler(
      RequestHandler<?, ?> handler, Function<String, String> environment) {
    String configured = environment.apply("_HANDLER");
    if (configured == null || !configured.equals(handler.getClass().getName() + METHOD)) {
      return null;
    }
    return classFormReader(handler, handler.getClass().getClassLoader());
  }

  /**
   * The runtime client's class-form reader for {@code handler}, found through {@code loader}.
   *
   * @throws IllegalStateException when it cannot be found; the message names the fix
   */
  static RequestStreamHandler classFormReader(RequestHandler<?, ?> handler, ClassLoader loader) {
    Class<?> handlerClass = handler.getClass();
    Type[] types = eventAndResponseTypes(handlerClass);
    try {
      Constructor<?> reader =
          Class.forName(CLASS_FORM_READER, false, loader)
              .getDeclaredConstructor(RequestHandler.class, Optional.class, Optional.class);
      reader.setAccessible(true);
      return (RequestStreamHandler)
          reader.newInstance(
              handler,
              Optional.of(types[0]),
              isVoid(types[1]) ? Optional.empty() : Optional.of(types[1]));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException notThere) {
      throw new IllegalStateException(
          "Handler '"
              + handlerClass.getName()
              + METHOD
              + "' makes the Java runtime hand "
              + handlerClass.getName()
              + " its event as bytes, and the runtime's reader of "
              + types[0].getTypeName()
              + " events was not found ("
              + notThere
              + "); set Handler to '"
              + handlerClass.getName()
              + "' (the class name alone)",
          notThere);
    }
  }

  /**
   * The types {@code handlerClass} gives {@link TrackedRequestHandler}'s {@code I} and {@code O},
   * resolved as the runtime client resolves them for the class form: a type variable is followed
   * down the class hierarchy to the argument a subclass gives it ({@code Concrete extends
   * Base<Order>}, {@code Base<T> extends TrackedRequestHandler<T, String>} gives {@code Order});
   * one that no subclass gives, or one nested in a parameterized type ({@code List<T>}), stays a
   * type variable, as in the class form.
   */
  static Type[] eventAndResponseTypes(Class<?> handlerClass) {
    // The generic superclasses from TrackedRequestHandler's down to the handler's own.
    Deque<Type> downward = new ArrayDeque<>();
    for (Class<?> type = handlerClass;
        type != null && type != TrackedRequestHandler.class;
        type = type.getSuperclass()) {
      downward.push(type.getGenericSuperclass());
    }
    TypeVariable<?>[] handlerTypes = TrackedRequestHandler.class.getTypeParameters();
    // A Type[] of its own: a resolved argument need not be a TypeVariable.
    Type[] types = Arrays.copyOf(handlerTypes, handlerTypes.length, Type[].class);
    for (Type parent : downward) {
      if (!(parent instanceof ParameterizedType)) {
        break; // a raw superclass: its variables stay unresolved
      }
      ParameterizedType given = (ParameterizedType) parent;
      TypeVariable<?>[] declared = ((Class<?>) given.getRawType()).getTypeParameters();
      for (int i = 0; i < types.length; i++) {
        for (int j = 0; j < declared.length; j++) {
          if (declared[j].equals(types[i])) {
            types[i] = given.getActualTypeArguments()[j];
          }
        }
      }
    }
    return types;
  }

  /** The runtime writes {@code null} instead of serializing a response of these types. */
  static boolean isVoid(Type type) {
    return type == void.class || type == Void.class;
  }
}
