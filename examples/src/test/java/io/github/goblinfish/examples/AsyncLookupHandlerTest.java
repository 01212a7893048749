package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.github.goblinfish.metrics.trackers.Ticker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AsyncLookupHandlerTest {
  private static final long LOOKUP_MILLIS = 50;

  private final TestContext context = new TestContext("AsyncLookupFunction");
  private final Set<String> lookupThreads = ConcurrentHashMap.newKeySet();

  /** Opens only when all three lookups are running at once: proof of parallelism, not timing. */
  private final CountDownLatch allThreeRunning = new CountDownLatch(3);

  private final AtomicBoolean sawAllThreeRunning = new AtomicBoolean(true);

  /** Each lookup sleeps a fixed time and notes the thread it ran on. */
  private final AsyncLookupHandler.CustomerData slowData =
      new AsyncLookupHandler.CustomerData() {
        @Override
        public Map<String, Object> person(String personId) {
          pause();
          return Map.of("id", personId, "name", "Colonel Mustard");
        }

        @Override
        public List<Map<String, Object>> orders(String personId) {
          pause();
          return List.of(
              Map.of("id", "ord-1001"), Map.of("id", "ord-1002"), Map.of("id", "ord-1003"));
        }

        @Override
        public Map<String, Object> preferences(String personId) {
          pause();
          return Map.of("newsletter", false);
        }

        private void pause() {
          lookupThreads.add(Thread.currentThread().getName());
          try {
            allThreeRunning.countDown();
            if (!allThreeRunning.await(10, TimeUnit.SECONDS)) {
              sawAllThreeRunning.set(false);
            }
            TimeUnit.MILLISECONDS.sleep(LOOKUP_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
      };

  @Test
  void lookupsRunInParallelOnThePoolAndEachIsTimedWhileItRuns() {
    Map<String, String> event =
        Repository.pojoEvent("async-lookup.json", new TypeToken<Map<String, String>>() {});

    Map<String, Object> profile =
        new AsyncLookupHandler(Ticker.system(), slowData).handleRequest(event, context);

    assertEquals(List.of("person", "orders", "preferences"), List.copyOf(profile.keySet()));
    assertEquals(3, ((List<?>) profile.get("orders")).size());
    assertTrue(
        lookupThreads.stream().allMatch(name -> name.startsWith("profile-lookup-")),
        "lookups ran on the shared pool: " + lookupThreads);

    JsonObject line = TrackerLines.parse(TrackerLines.only(context));
    JsonObject latencies = line.getAsJsonObject("latencies");
    // The entry and all_lookups start on the invocation's thread; the lookups in any order.
    List<String> names = List.copyOf(latencies.keySet());
    assertEquals(List.of("AsyncLookupHandler", "all_lookups"), names.subList(0, 2));
    assertEquals(
        Set.of(
            "AsyncLookupHandler",
            "all_lookups",
            "get_person_data",
            "get_orders",
            "get_preferences"),
        Set.copyOf(names));
    double person = latencies.get("get_person_data").getAsDouble();
    double orders = latencies.get("get_orders").getAsDouble();
    double preferences = latencies.get("get_preferences").getAsDouble();
    double all = latencies.get("all_lookups").getAsDouble();
    for (double lookup : new double[] {person, orders, preferences}) {
      assertTrue(lookup >= LOOKUP_MILLIS, "a lookup is timed for as long as it runs: " + latencies);
    }
    assertTrue(all >= Math.max(person, Math.max(orders, preferences)), latencies.toString());
    assertTrue(sawAllThreeRunning.get(), "the three lookups ran at the same time");
    assertTrue(latencies.get("AsyncLookupHandler").getAsDouble() >= all, latencies.toString());

    assertEquals(3, line.getAsJsonObject("metrics").get("orders_found").getAsInt());
    assertEquals("p-1001", line.get("person_id").getAsString());
  }

  @Test
  void failedLookupReachesTheRuntimeUnwrappedAndIsNamedInTheLine() {
    IllegalStateException outage = new IllegalStateException("orders service unavailable");
    AsyncLookupHandler.CustomerData failing =
        new AsyncLookupHandler.CustomerData() {
          @Override
          public Map<String, Object> person(String personId) {
            return Map.of("id", personId);
          }

          @Override
          public List<Map<String, Object>> orders(String personId) {
            throw outage;
          }

          @Override
          public Map<String, Object> preferences(String personId) {
            return Map.of();
          }
        };

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                new AsyncLookupHandler(Ticker.system(), failing)
                    .handleRequest(Map.of("personId", "p-1001"), context));

    assertSame(outage, thrown);
    JsonObject metrics = TrackerLines.parse(TrackerLines.only(context)).getAsJsonObject("metrics");
    assertEquals(1, metrics.get("failed").getAsInt());
    assertEquals(
        IllegalStateException.class.getName(), metrics.get("exception_type").getAsString());
  }

  @Test
  void simulatedDataServesTheSampleEventWithoutStartingThreadsPerInvocation() {
    AsyncLookupHandler handler = new AsyncLookupHandler();
    for (int i = 0; i < 12; i++) {
      handler.handleRequest(Map.of("personId", "p-" + i), new TestContext("AsyncLookupFunction"));
    }

    long poolThreads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("profile-lookup-"))
            .peek(thread -> assertTrue(thread.isDaemon(), thread.getName()))
            .count();
    assertTrue(poolThreads <= 6, "one fixed pool for the process, found " + poolThreads);
  }

  @Test
  void eventWithoutPersonIdIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AsyncLookupHandler(Ticker.system(), slowData).handleRequest(Map.of(), context));
  }
}
