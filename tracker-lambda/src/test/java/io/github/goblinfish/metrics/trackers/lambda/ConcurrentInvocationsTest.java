package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.Waits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One handler instance serving many invocations at once (Lambda Managed Instances), each fanning
 * out to other threads: every line must hold exactly its own invocation's records.
 */
class ConcurrentInvocationsTest {
  private static final int INVOCATIONS = 2_000;
  private static final int FAN_OUT = 8;

  private final ExecutorService invokers = Executors.newFixedThreadPool(16);
  private final ExecutorService workers = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopPools() {
    invokers.shutdownNow();
    workers.shutdownNow();
  }

  /** Records, from several threads, values derived from the invocation's own event. */
  final class FanOutHandler extends TrackedRequestHandler<Integer, Integer> {
    FanOutHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected Integer handleTracked(Integer id, Context context) {
      ProcessTracker tracker = tracker();
      tracker.setIdentifier("event_id", "e-" + id);
      List<CompletableFuture<Void>> parts = new ArrayList<>();
      for (int part = 0; part < FAN_OUT; part++) {
        int index = part;
        parts.add(
            CompletableFuture.runAsync(
                () -> {
                  ProcessTracker current = ProcessTracker.current();
                  try (Timer timer = current.timer("part")) {
                    current.incrementMetric("parts_for_" + id);
                    current.incrementMetric("sum", id);
                    current.setMetric("part_" + index, id * 100 + index);
                  }
                },
                tracker.executor(workers)));
      }
      Waits.join(CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])));
      return id;
    }
  }

  @Test
  void concurrentInvocationsOfOneHandlerNeverMixTheirRecords() throws Exception {
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    FanOutHandler handler =
        new FanOutHandler(
            HandlerConfig.builder()
                .omitIdentifier(LambdaIdentifier.COLD_START)
                .output(lines::add)
                .build());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < INVOCATIONS; i++) {
      int id = i;
      results.add(
          invokers.submit(
              () -> {
                Waits.await(start);
                return handler.handleRequest(id, Contexts.of("req-" + id));
              }));
    }
    start.countDown();
    for (int i = 0; i < INVOCATIONS; i++) {
      assertEquals(i, Waits.get(results.get(i)));
    }

    assertEquals(INVOCATIONS, lines.size());
    Set<String> seen = new HashSet<>();
    for (String line : lines) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      String requestId = json.get("request_id").getAsString();
      int id = Integer.parseInt(requestId.substring("req-".length()));
      assertEquals("e-" + id, json.get("event_id").getAsString(), line);
      JsonObject metrics = json.getAsJsonObject("metrics");
      Set<String> expectedKeys = new HashSet<>();
      expectedKeys.add("parts_for_" + id);
      expectedKeys.add("sum");
      for (int part = 0; part < FAN_OUT; part++) {
        expectedKeys.add("part_" + part);
        assertEquals(id * 100 + part, metrics.get("part_" + part).getAsInt(), line);
      }
      assertEquals(expectedKeys, metrics.keySet(), line);
      assertEquals(FAN_OUT, metrics.get("parts_for_" + id).getAsInt(), line);
      assertEquals((long) FAN_OUT * id, metrics.get("sum").getAsLong(), line);
      assertEquals(FAN_OUT, json.getAsJsonObject("latency_counts").get("part").getAsInt(), line);
      assertEquals(Set.of("FanOutHandler", "part"), json.getAsJsonObject("latencies").keySet());
      seen.add(requestId);
    }
    assertEquals(INVOCATIONS, seen.size(), "every invocation wrote exactly one line");
  }
}
