package io.github.goblinfish.examples;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Builds a customer profile from three lookups run in parallel: the Java form of the Python
 * package's asynchronous example, where each coroutine times itself so the line shows how long each
 * lookup really ran rather than how long it took to start it.
 *
 * <p>What it shows:
 *
 * <ul>
 *   <li>{@code tracker().executor(pool)}: the stages run on a shared pool with this invocation's
 *       tracker current, so {@code ProcessTracker.current()} inside them reaches this invocation's
 *       line ({@code get_person_data}, {@code get_orders}, {@code get_preferences});
 *   <li>{@code tracker().trackAsync(...)}: {@code all_lookups} runs from starting the three lookups
 *       until the last one completes, so it is close to the slowest lookup, not their sum;
 *   <li>the identifier {@code person_id} and the metric {@code orders_found}.
 * </ul>
 *
 * <p>The event is {@code {"personId":"p-1001"}}; the lookups are simulated with sleeps of a few
 * tens of milliseconds. Invoke it with
 *
 * <pre>
 * sam local invoke AsyncLookupFunction -e events/async-lookup.json
 * </pre>
 */
public final class AsyncLookupHandler
    extends TrackedRequestHandler<Map<String, String>, Map<String, Object>> {

  /**
   * Created once, as Lambda reuses the process: threads started per invocation would pile up across
   * invocations. Daemon threads never keep a JVM alive that is otherwise done.
   */
  private static final ExecutorService LOOKUP_POOL =
      Executors.newFixedThreadPool(6, daemonThreads("profile-lookup-"));

  private final CustomerData data;

  /** The constructor the Lambda runtime calls. */
  public AsyncLookupHandler() {
    this(Ticker.system(), new SimulatedCustomerData());
  }

  /** Lets tests choose the clock and the data, with the production configuration. */
  AsyncLookupHandler(Ticker ticker, CustomerData data) {
    super(HandlerConfig.builder().ticker(ticker).build());
    this.data = data;
  }

  @Override
  protected Map<String, Object> handleTracked(Map<String, String> event, Context context) {
    String personId = event == null ? null : event.get("personId");
    if (personId == null || personId.isBlank()) {
      throw new IllegalArgumentException("the event needs a personId");
    }
    tracker().setIdentifier("person_id", personId);

    Executor pool = tracker().executor(LOOKUP_POOL);
    CompletableFuture<Map<String, Object>> profile =
        tracker()
            .trackAsync(
                "all_lookups",
                () -> {
                  var person = lookUp("get_person_data", () -> data.person(personId), pool);
                  var orders = lookUp("get_orders", () -> data.orders(personId), pool);
                  var preferences =
                      lookUp("get_preferences", () -> data.preferences(personId), pool);
                  return CompletableFuture.allOf(person, orders, preferences)
                      .thenApply(
                          allDone -> profile(person.join(), orders.join(), preferences.join()));
                });

    Map<String, Object> result = await(profile);
    tracker().setMetric("orders_found", ((List<?>) result.get("orders")).size());
    return result;
  }

  /**
   * The timer starts inside the stage, on the pool thread, so waiting for a free thread is not
   * counted as lookup time.
   */
  private static <T> CompletableFuture<T> lookUp(String name, Supplier<T> lookup, Executor pool) {
    return CompletableFuture.supplyAsync(
        () -> ProcessTracker.current().track(name, lookup::get), pool);
  }

  private static Map<String, Object> profile(
      Map<String, Object> person,
      List<Map<String, Object>> orders,
      Map<String, Object> preferences) {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("person", person);
    profile.put("orders", orders);
    profile.put("preferences", preferences);
    return profile;
  }

  /** Lets a lookup's own exception reach the runtime (and the line's exception_type) unwrapped. */
  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException wrapped) {
      if (wrapped.getCause() instanceof RuntimeException) {
        throw (RuntimeException) wrapped.getCause();
      }
      throw wrapped;
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The three back ends a profile is built from. Implementations must be thread-safe. */
  interface CustomerData {
    Map<String, Object> person(String personId);

    List<Map<String, Object>> orders(String personId);

    Map<String, Object> preferences(String personId);
  }

  /** Back ends simulated with short random sleeps, standing in for three remote calls. */
  static final class SimulatedCustomerData implements CustomerData {
    @Override
    public Map<String, Object> person(String personId) {
      pause(30, 50);
      return Map.of("id", personId, "name", "Professor Plum");
    }

    @Override
    public List<Map<String, Object>> orders(String personId) {
      pause(40, 70);
      return List.of(
          Map.of("id", "ord-1001", "status", "SHIPPED"),
          Map.of("id", "ord-1002", "status", "PENDING"));
    }

    @Override
    public Map<String, Object> preferences(String personId) {
      pause(20, 35);
      return Map.of("newsletter", true, "language", "en-IE");
    }

    private static void pause(int minMillis, int maxMillis) {
      try {
        TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(minMillis, maxMillis + 1));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("lookup interrupted", interrupted);
      }
    }
  }
}
