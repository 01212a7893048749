package io.github.goblinfish.metrics.trackers.local.it;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tracked handler for ConcurrencyIT whose whole line follows from its event, so that a line that
 * reached the wrong invocation, or took a metric from another one, shows.
 *
 * <p>The event is {@code {"event_id":"e-0001","numbers":[8 whole numbers],"rendezvous":32}}. The
 * handler sets the identifier {@code event_id}, then fans 8 tasks out to ONE pool shared by every
 * invocation of the process, through {@code tracker().executor(pool)}; each task reaches the
 * invocation's tracker with {@code ProcessTracker.current()}, times itself as {@code task} and adds
 * its number to the metric {@code sum} and 1 to {@code tasks}. The response tells what the handler
 * saw: its event id, the Context's request id and X-Ray header, the sum it computed itself, and
 * which handler instance (and how many were ever constructed) served it.
 *
 * <p>An event with {@code rendezvous: N} waits until N such invocations are in flight at once (a
 * barrier); if they never are, it fails after 20 s. That proves the runtime really ran N
 * invocations of this process concurrently.
 */
public final class FanOutHandler
    extends TrackedRequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Tasks per invocation. */
  public static final int TASKS = 8;

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Map<Integer, CyclicBarrier> RENDEZVOUS = new ConcurrentHashMap<>();
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          TASKS,
          task -> {
            Thread thread = new Thread(task, "fan-out-pool");
            thread.setDaemon(true);
            return thread;
          });

  private final String instanceId = UUID.randomUUID().toString();
  private final int instanceNumber = INSTANCES.incrementAndGet();

  /** The constructor the runtime calls, once per process. */
  public FanOutHandler() {
    super();
  }

  @Override
  protected Map<String, Object> handleTracked(Map<String, Object> event, Context context) {
    String eventId = (String) event.get("event_id");
    tracker().setIdentifier("event_id", eventId);
    // Set first so that the metrics' order does not depend on which task ends first.
    tracker().setMetric("sum", 0);
    tracker().setMetric("tasks", 0);
    if (event.get("rendezvous") instanceof Number parties) {
      meet(parties.intValue());
    }

    List<?> numbers = (List<?>) event.get("numbers");
    if (numbers.size() != TASKS) {
      throw new IllegalArgumentException("need " + TASKS + " numbers, got " + numbers);
    }
    long sum = 0;
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    try (Timer fanOut = tracker().timer("fan_out")) {
      Executor pool = tracker().executor(POOL);
      for (Object number : numbers) {
        long n = ((Number) number).longValue();
        sum += n;
        tasks.add(
            CompletableFuture.runAsync(
                () -> {
                  ProcessTracker current = ProcessTracker.current();
                  try (Timer task = current.timer("task")) {
                    current.incrementMetric("sum", n);
                    Thread.yield();
                    current.incrementMetric("tasks");
                  }
                },
                pool));
      }
      CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).join();
    }

    Map<String, Object> response = new LinkedHashMap<>();
    response.put("event_id", eventId);
    response.put("request_id", context.getAwsRequestId());
    response.put("trace_header", context.getXrayTraceId());
    response.put("sum", sum);
    response.put("instance", instanceId);
    response.put("instance_number", instanceNumber);
    response.put("instances", INSTANCES.get());
    response.put("thread", Thread.currentThread().getName());
    return response;
  }

  private static void meet(int parties) {
    CyclicBarrier barrier = RENDEZVOUS.computeIfAbsent(parties, CyclicBarrier::new);
    try {
      barrier.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException | BrokenBarrierException e) {
      throw new IllegalStateException(
          "fewer than " + parties + " invocations were in flight at once", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the rendezvous", e);
    }
  }
}
