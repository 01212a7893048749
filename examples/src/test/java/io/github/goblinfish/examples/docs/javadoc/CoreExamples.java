package io.github.goblinfish.examples.docs.javadoc;

import static java.util.concurrent.TimeUnit.SECONDS;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.EmfUnit;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.LineLimit;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.RunRecord;
import io.github.goblinfish.metrics.trackers.Scope;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.Tracked;
import io.github.goblinfish.metrics.trackers.TrackedProxy;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The usage examples of the Javadoc of the package {@code io.github.goblinfish.metrics.trackers},
 * compiled: each method holds one or more of them as the Javadoc shows them, around the names they
 * assume.
 */
@SuppressWarnings("unused")
abstract class CoreExamples {
  record Order(String id, List<String> lines) {}

  record Invoice(String orderId) {}

  record Person(String id) {}

  record Stock(String sku) {}

  record Response(int status) {}

  interface Orders {
    Order load(String id);

    void save(Order order);
  }

  interface Repository {
    Order load(String id) throws IOException;

    void save(Order order) throws IOException;
  }

  interface Billing {
    Invoice bill(Order order);
  }

  interface People {
    CompletableFuture<Person> fetchAsync(String id);

    Person lookup(String id);
  }

  interface Inventory {
    Stock check(String sku);
  }

  Orders orders;
  Billing billing;
  People people;
  Inventory inventory;
  ExecutorService pool;
  ScheduledExecutorService watchdog;
  Logger myLogger;
  LambdaLogger logger;
  List<String> lines;
  Ticker fake;
  Order order;
  String id;
  String sku;

  abstract ProcessTracker tracker();

  abstract Response handle(APIGatewayProxyRequestEvent request);

  abstract void validate(APIGatewayProxyRequestEvent request);

  abstract void helperThatCallsCurrent();

  abstract Person lookup(String id);

  abstract String render(RunRecord record);

  // ProcessTracker

  static final ProcessTracker TRACKER = new ProcessTracker();   // writes to standard output

  void handle(String id) {
    TRACKER.trackProcess("main", () -> {
      Order order;
      try (Timer timer = TRACKER.timer("load_order")) {
        order = orders.load(id);
      }
      Invoice invoice = TRACKER.track("bill", () -> billing.bill(order));
      TRACKER.setMetric("order_lines", order.lines().size());
      TRACKER.setIdentifier("order_id", id);
    });
  }
  // {"latencies":{"main":12.874,"load_order":8.100,"bill":3.911},"metrics":{"order_lines":3},"order_id":"o-1"}

  static final class Main {
    static void run(String[] args) {}

    public static void main(String[] args) {
      new ProcessTracker().trackProcess("main", () -> run(args));
    }
  }

  void processTrackerMembers(ProcessTracker tracker, APIGatewayProxyRequestEvent request,
      RuntimeException error, List<String> failures) {
    Thread warmUp = new Thread(TRACKER::warmUp, "tracker-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();

    ProcessTracker.current().incrementMetric("cache_misses");

    Response response = tracker.trackProcess("handler", () -> handle(request));

    try (Timer timer = tracker.timer("validate")) {
      validate(request);
    }

    Order order = tracker.track("load_order", () -> orders.load(id));

    tracker.track("save_order", () -> orders.save(order));

    CompletableFuture<Person> person =
        tracker.trackAsync("get_person_data", () -> people.fetchAsync(id));

    tracker.setMetric("order_lines", order.lines().size());

    tracker.setMetric("error_name", error.getClass().getSimpleName());

    tracker.incrementMetric("records_failed");

    tracker.incrementMetric("records_failed", failures.size());

    tracker.setIdentifier("correlation_id", request.getHeaders().get("x-correlation-id"));

    tracker.setIdentifier("cold_start", true);

    RunRecord soFar = tracker.snapshot().orElseThrow();

    try (Scope scope = tracker.makeCurrent()) {
      helperThatCallsCurrent();
    }

    pool.execute(tracker.bind(() -> ProcessTracker.current().incrementMetric("sent")));

    Future<Stock> stock = pool.submit(tracker.bind(() -> inventory.check(sku)));

    CompletableFuture.supplyAsync(tracker.bindSupplier(() -> people.lookup(id)), pool);

    Executor tracked = tracker.executor(pool);
    CompletableFuture.supplyAsync(() -> lookup(id), tracked)
        .thenAcceptAsync(value -> ProcessTracker.current().setMetric("found", 1), tracked);
  }

  void ownOutput() {
    ProcessTracker tracker = new ProcessTracker(line -> myLogger.info(line));
  }

  void builderWithATicker() {
    ProcessTracker tracker = ProcessTracker.builder().output(lines::add).ticker(fake).build();
  }

  void builderWithAnOutputAndAFormat() {
    ProcessTracker tracker = ProcessTracker.builder()
        .output(line -> logger.log(line))
        .format(LineFormat.json())
        .build();
  }

  void builderWithUtf8Output() {
    ProcessTracker tracker = ProcessTracker.builder().utf8Output(logger::log).build();
  }

  // Timer

  void timer(String id) {
    Order order;
    try (Timer timer = tracker().timer("load_order")) {
      order = orders.load(id);
    }
  }

  // ThrowingSupplier

  Order throwingSupplier(ProcessTracker tracker, Repository repository, String orderId)
      throws IOException {
    Order order = tracker.track("load_order", () -> repository.load(orderId)); // throws IOException
    return order;
  }

  // Tracked

  static final class DynamoOrders implements OrderRepository {
    @Override
    public Order load(String id) {
      return new Order(id, List.of());
    }

    @Override
    public CompletableFuture<Void> save(Order order) {
      return CompletableFuture.completedFuture(null);
    }
  }

  interface OrderRepository {
    @Tracked("load_order") Order load(String id);
    @Tracked CompletableFuture<Void> save(Order order); // timed until the future completes
  }
  static final OrderRepository ORDERS = TrackedProxy.of(OrderRepository.class, new DynamoOrders());

  // ThrowingRunnable

  void throwingRunnable(ProcessTracker tracker, Repository repository, Order order)
      throws IOException {
    tracker.track("save_order", () -> repository.save(order)); // throws IOException
  }

  // Scope

  void scope(ExecutorService executor, ProcessTracker tracker) {
    executor.submit(() -> {
      try (Scope scope = tracker.makeCurrent()) {
        deepHelper(); // ProcessTracker.current() is tracker here
      }
    });
  }

  abstract void deepHelper();

  // Ticker

  void ticker() {
    AtomicLong now = new AtomicLong();
    ProcessTracker tracker = ProcessTracker.builder()
        .ticker(now::get)
        .output(lines::add)
        .build();
    tracker.trackProcess("main", () -> now.addAndGet(1_500_000)); // "main": 1.500
  }

  // LineLimit

  void lineLimit() {
    LineFormat compact = record -> render(LineLimit.fit(record, 4_096));
  }

  // LineFormat

  void lineFormat() {
    LineFormat keyValue = record -> {
      StringBuilder line = new StringBuilder("process=").append(record.processName());
      record.latenciesMillis().forEach((name, ms) -> line.append(' ').append(name).append('=').append(ms));
      record.identifiers().forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
      return line.toString();
    };
    ProcessTracker tracker = ProcessTracker.builder().format(keyValue).build();
  }

  void lineFormatJson() {
    ProcessTracker tracker = ProcessTracker.builder().format(LineFormat.json()).build();
  }

  void lineFormatEmf() {
    ProcessTracker tracker = ProcessTracker.builder()
        .format(LineFormat.emf().namespace("orders").build())
        .build();
  }

  // RunRecord

  void runRecordFormat() {
    LineFormat keyValue = record -> {
      StringBuilder line = new StringBuilder("process=").append(record.processName());
      record.latenciesMillis().forEach((name, ms) -> line.append(' ').append(name).append('=').append(ms));
      return line.toString();
    };
  }

  void runRecordBuilder() {
    RunRecord record = RunRecord.builder("handler")
        .latency("handler", 12_500_000L, 1)
        .metric("order_lines", 3)
        .identifier("order_id", "o-1")
        .build();
  }

  void runRecordLatency() {
    RunRecord record = RunRecord.builder("main").latency("main", 1_000_000L, 1).build();
  }

  // EmfUnit

  void emfUnit() {
    LineFormat format = LineFormat.emf()
        .unit("records_failed", EmfUnit.COUNT)
        .unit("payload_size", EmfUnit.BYTES)
        .build();
    EmfUnit.COUNT_PER_SECOND.emfName(); // "Count/Second"
    EmfUnit unit = EmfUnit.fromEmfName("Count/Second"); // COUNT_PER_SECOND
  }

  // EmfLineFormat

  void emfLineFormat() {
    ProcessTracker tracker = ProcessTracker.builder()
        .format(LineFormat.emf()
            .namespace("orders")
            .service("order-api")
            .dimensions(EmfLineFormat.parseDimensions("function_name;service"))
            .unit("records_failed", EmfUnit.COUNT)
            .highResolution("load_order")
            .build())
        .build();
  }

  void emfLineFormatBuilder() {
    LineFormat format = EmfLineFormat.builder().namespace("orders").build();
  }

  void emfParseDimensions() {
    EmfLineFormat.parseDimensions("function_name,service;service");
    // [[function_name, service], [service]]
    EmfLineFormat.parseDimensions(""); // [[]]: metrics with no dimensions
  }

  void emfSettings() {
    EmfLineFormat format = LineFormat.emf()
        .namespace("orders")
        .service("order-api")
        .dimensions(List.of(List.of("service"), List.of("service", "function_name")))
        .unit("payload_size", EmfUnit.BYTES)
        .highResolution("handler")
        .clock(Clock.systemUTC())
        .build();
  }
}
