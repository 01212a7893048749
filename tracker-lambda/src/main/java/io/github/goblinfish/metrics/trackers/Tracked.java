package io.github.goblinfish.metrics.trackers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface method (or every method of an interface) whose calls are timed by a proxy from
 * {@link TrackedProxy#of(Class, Object)}, into whichever run is current on the calling thread. This
 * is the Java form of the Python package's {@code @tracker.track} decorator.
 *
 * <pre>{@code
 * interface OrderRepository {
 *   @Tracked("load_order") Order load(String id);
 *   @Tracked CompletableFuture<Void> save(Order order); // timed until the future completes
 * }
 * static final OrderRepository ORDERS = TrackedProxy.of(OrderRepository.class, new DynamoOrders());
 * }</pre>
 *
 * <p>An annotation is immutable and thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Tracked {

  /**
   * The latency name; empty (the default) means the method's name.
   *
   * @return the latency name, or empty for the method's name
   */
  String value() default "";
}
