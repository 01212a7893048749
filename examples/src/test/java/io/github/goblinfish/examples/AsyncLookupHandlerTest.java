package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
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

  private final TestContext context = TrackerLines.context("AsyncLookupFunction");
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
    Map<String, String> event = Repository.mapEvent("async-lookup.json");

    Map<String, Object> profile =
        new AsyncLookupHandler(Ticker.system(), slowData).handleRequest(event, context);

    assertEquals(List.of("person", "orders", "preferences"), List.copyOf(profile.keySet()));
    assertEquals(3, ((List<?>) profile.get("orders")).size());
    assertTrue(
        lookupThreads.stream().allMatch(name -> name.startsWith("profile-lookup-")),
        "lookups ran on the shared pool: " + lookupThreads);

    TrackerLine line = TrackerLine.parse(TrackerLines.only(context));
    // The entry and all_lookups start on the invocation's thread; the lookups in any order.
    List<String> names = line.latencyNames();
    assertEquals(List.of("AsyncLookupHandler", "all_lookups"), names.subList(0, 2));
    assertEquals(
        Set.of(
            "AsyncLookupHandler",
            "all_lookups",
            "get_person_data",
            "get_orders",
            "get_preferences"),
        Set.copyOf(names));
    double person = line.latencyMillis("get_person_data");
    double orders = line.latencyMillis("get_orders");
    double preferences = line.latencyMillis("get_preferences");
    double all = line.latencyMillis("all_lookups");
    for (double lookup : new double[] {person, orders, preferences}) {
      assertTrue(lookup >= LOOKUP_MILLIS, "a lookup is timed for as long as it runs: " + line);
    }
    assertTrue(all >= Math.max(person, Math.max(orders, preferences)), line.text());
    assertTrue(sawAllThreeRunning.get(), "the three lookups ran at the same time");
    assertTrue(line.latencyMillis("AsyncLookupHandler") >= all, line.text());

    assertEquals(3, line.metric("orders_found"));
    assertEquals("p-1001", line.identifier("person_id"));
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
    TrackerLine line = TrackerLine.parse(TrackerLines.only(context));
    assertEquals(1, line.metric("failed"));
    assertEquals(IllegalStateException.class.getName(), line.metricText("exception_type"));
  }

  @Test
  void simulatedDataServesTheSampleEventWithoutStartingThreadsPerInvocation() {
    AsyncLookupHandler handler = new AsyncLookupHandler();
    for (int i = 0; i < 12; i++) {
      handler.handleRequest(
          Map.of("personId", "p-" + i), TrackerLines.context("AsyncLookupFunction"));
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
