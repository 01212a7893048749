package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TrackedProxiesTimeAnnotatedCallsTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> lines = new ArrayList<>();
  private final ProcessTracker tracker =
      ProcessTracker.builder().ticker(ticker).output(lines::add).build();

  interface Repository {
    @Tracked("load_order")
    String load(String id) throws IOException;

    @Tracked
    CompletableFuture<String> fetchAsync(String id);

    String untracked();
  }

  @Tracked
  interface AllTracked {
    int first();

    int second();
  }

  final class SlowRepository implements Repository {
    final CompletableFuture<String> pending = new CompletableFuture<>();

    @Override
    public String load(String id) throws IOException {
      ticker.advanceMicros(100);
      if (id.isEmpty()) {
        throw new IOException("no id");
      }
      return "order " + id;
    }

    @Override
    public CompletableFuture<String> fetchAsync(String id) {
      return pending;
    }

    @Override
    public String untracked() {
      ticker.advanceMicros(50);
      return "plain";
    }

    @Override
    public String toString() {
      return "SlowRepository";
    }
  }

  @Test
  void annotatedMethodsAreTimedUnderTheirNameInTheCurrentRun() throws Exception {
    SlowRepository target = new SlowRepository();
    Repository repository = TrackedProxy.of(Repository.class, target);
    tracker.trackProcess(
        "main",
        () -> {
          assertEquals("order 7", repository.load("7"));
          assertEquals("plain", repository.untracked());
          CompletableFuture<String> future = repository.fetchAsync("8");
          ticker.advanceMicros(30);
          target.pending.complete("later");
          assertEquals("later", Waits.get(future));
        });
    assertEquals(
        "{\"latencies\":{\"main\":0.180,\"load_order\":0.100,\"fetchAsync\":0.030},\"metrics\":{}}",
        lines.get(0));
  }

  @Test
  void checkedExceptionsPassThroughUnchangedAndAreTimed() {
    Repository repository = TrackedProxy.of(Repository.class, new SlowRepository());
    IOException thrown =
        assertThrows(
            IOException.class, () -> tracker.trackProcess("main", () -> repository.load("")));
    assertEquals("no id", thrown.getMessage());
    assertEquals(
        "{\"latencies\":{\"main\":0.100,\"load_order\":0.100},"
            + "\"metrics\":{\"failed\":1,\"exception_type\":\"java.io.IOException\"}}",
        lines.get(0));
  }

  @Test
  void annotationOnTheTypeTimesEveryMethod() {
    AllTracked proxy =
        TrackedProxy.of(
            AllTracked.class,
            new AllTracked() {
              @Override
              public int first() {
                ticker.advanceMicros(1);
                return 1;
              }

              @Override
              public int second() {
                ticker.advanceMicros(2);
                return 2;
              }
            });
    tracker.trackProcess("main", () -> proxy.first() + proxy.second());
    assertEquals(
        "{\"latencies\":{\"main\":0.003,\"first\":0.001,\"second\":0.002},\"metrics\":{}}",
        lines.get(0));
  }

  @Test
  void callsOutsideAnyRunGoStraightToTheTarget() throws Exception {
    Repository repository = TrackedProxy.of(Repository.class, new SlowRepository());
    assertFalse(ProcessTracker.current().isRecording());
    assertEquals("order 1", repository.load("1"));
    assertEquals("SlowRepository", repository.toString());
  }

  @Test
  void objectMethodsAreForwardedUntimed() {
    SlowRepository target = new SlowRepository();
    Repository repository = TrackedProxy.of(Repository.class, target);
    tracker.trackProcess(
        "main",
        () -> {
          assertEquals("SlowRepository", repository.toString());
          assertEquals(target.hashCode(), repository.hashCode());
        });
    assertEquals("{\"latencies\":{\"main\":0.000},\"metrics\":{}}", lines.get(0));
  }

  @Test
  void onlyInterfacesCanBeProxied() {
    assertEquals(
        "java.lang.String is not an interface",
        assertThrows(IllegalArgumentException.class, () -> TrackedProxy.of(String.class, "x"))
            .getMessage());
    assertThrows(NullPointerException.class, () -> TrackedProxy.of(Repository.class, null));
  }

  @Test
  void proxyIsCreatedOnceAndServesEachRunSeparately() throws IOException {
    Repository repository = TrackedProxy.of(Repository.class, new SlowRepository());
    List<String> second = new ArrayList<>();
    tracker.trackProcess("first", () -> repository.load("1"));
    ProcessTracker.builder()
        .ticker(ticker)
        .output(second::add)
        .build()
        .trackProcess("second", () -> repository.load("2"));
    assertEquals(
        "{\"latencies\":{\"first\":0.100,\"load_order\":0.100},\"metrics\":{}}", lines.get(0));
    assertEquals(
        "{\"latencies\":{\"second\":0.100,\"load_order\":0.100},\"metrics\":{}}", second.get(0));
    assertSame(1, lines.size());
  }

  @Test
  void aProxyEqualsItselfAndCollectionsFindIt() {
    SlowRepository target = new SlowRepository();
    Repository proxy = TrackedProxy.of(Repository.class, target);
    Repository twin = TrackedProxy.of(Repository.class, target);
    Repository other = TrackedProxy.of(Repository.class, new SlowRepository());
    assertTrue(proxy.equals(proxy));
    assertTrue(proxy.equals(twin), "a proxy of the same target");
    assertFalse(proxy.equals(other));
    assertFalse(proxy.equals(null));
    assertFalse(proxy.equals(target), "a proxy is not its target");
    assertEquals(target.hashCode(), proxy.hashCode());
    java.util.Set<Repository> set = new java.util.HashSet<>(java.util.List.of(proxy));
    assertTrue(set.contains(proxy));
    assertTrue(set.contains(twin));
    java.util.Map<Repository, String> map = new java.util.HashMap<>();
    map.put(proxy, "found");
    assertEquals("found", map.get(proxy));
  }
}
