package io.github.goblinfish.metrics.trackers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Creates proxies that honour {@link Tracked}: each call of an annotated interface method is timed
 * into the run current on the calling thread ({@link ProcessTracker#current()}). This is the Python
 * package's {@code @tracker.track} decorator without bytecode weaving: create the proxy once, for
 * example in a static field, and every invocation's calls land in that invocation's line.
 *
 * <pre>{@code
 * public final class OrderHandler extends TrackedRequestHandler<Request, Response> {
 *   private static final OrderRepository ORDERS =
 *       TrackedProxy.of(OrderRepository.class, new DynamoOrderRepository());
 *
 *   protected Response handleTracked(Request request, Context context) {
 *     return Response.of(ORDERS.load(request.orderId())); // "load_order" in this invocation's line
 *   }
 * }
 * }</pre>
 *
 * <p>A method returning a {@link CompletionStage} is timed until the stage completes. Calls outside
 * any run go straight to the target. The target's results and exceptions, checked ones included,
 * pass through unchanged. Methods that are not annotated, and {@code equals}, {@code hashCode} and
 * {@code toString}, are not timed. A proxy equals itself and any proxy of an equal target, and its
 * hash code is its target's, so sets and maps find it; {@code toString} is the target's. Proxies
 * are as thread-safe as their target; this class has no state.
 */
public final class TrackedProxy {
  private TrackedProxy() {}

  /**
   * Returns a proxy of {@code type} that times the {@link Tracked} methods of {@code target}.
   *
   * @param type the interface to proxy
   * @param target the object that does the work
   * @param <T> the interface type
   * @return the proxy
   * @throws IllegalArgumentException if {@code type} is not an interface
   */
  public static <T> T of(Class<T> type, T target) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    if (!type.isInterface()) {
      throw new IllegalArgumentException(type.getName() + " is not an interface");
    }
    Map<Method, String> names = new HashMap<>();
    Tracked onType = type.getAnnotation(Tracked.class);
    for (Method method : type.getMethods()) {
      Tracked tracked = method.getAnnotation(Tracked.class);
      if (tracked == null && method.getDeclaringClass() == type) {
        tracked = onType;
      }
      if (tracked != null) {
        names.put(method, tracked.value().isEmpty() ? method.getName() : tracked.value());
      }
    }
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, new TrackingHandler(target, names));
    return type.cast(proxy);
  }

  private static final class TrackingHandler implements InvocationHandler {
    private final Object target;
    private final Map<Method, String> names;

    TrackingHandler(Object target, Map<Method, String> names) {
      this.target = target;
      this.names = Map.copyOf(names);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, method, args);
      }
      String name = names.get(method);
      ProcessTracker tracker = ProcessTracker.current();
      if (name == null || !tracker.isRecording()) {
        return call(method, args);
      }
      Timer timer = tracker.timer(name);
      Object result;
      try {
        result = call(method, args);
      } catch (Throwable failure) {
        timer.close();
        throw failure;
      }
      if (result instanceof CompletionStage) {
        ((CompletionStage<?>) result).whenComplete((value, failure) -> timer.close());
      } else {
        timer.close();
      }
      return result;
    }

    /**
     * {@code equals}, {@code hashCode} and {@code toString} answer for the proxy itself: a proxy
     * equals itself (and another proxy of an equal target), so collections find it.
     */
    private Object objectMethod(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "equals":
          Object other = args[0];
          if (other == proxy) {
            return true;
          }
          if (other != null && Proxy.isProxyClass(other.getClass())) {
            InvocationHandler handler = Proxy.getInvocationHandler(other);
            if (handler instanceof TrackingHandler) {
              return target.equals(((TrackingHandler) handler).target);
            }
          }
          return false;
        case "hashCode":
          return target.hashCode();
        default:
          return call(method, args);
      }
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException thrown) {
        throw thrown.getCause();
      }
    }
  }
}
