package io.github.goblinfish.metrics.trackers;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The record of one process run (one Lambda invocation, or one run of a plain Java program): the
 * latencies of its named steps, the metrics and identifiers its code sets, written as ONE JSON line
 * when the run ends.
 *
 * <pre>{@code
 * ProcessTracker tracker = new ProcessTracker();          // writes to standard output
 * tracker.trackProcess("main", () -> {
 *   try (Timer timer = tracker.timer("load_order")) {
 *     order = orders.load(id);
 *   }
 *   Invoice invoice = tracker.track("bill", () -> billing.bill(order));
 *   tracker.setMetric("order_lines", order.lines().size());
 *   tracker.setIdentifier("order_id", id);
 * });
 * // {"latencies":{"main":12.874,"load_order":8.100,"bill":3.911},"metrics":{"order_lines":3},"order_id":"o-1"}
 * }</pre>
 *
 * <h2>The line</h2>
 * Keys appear in this order: {@code latencies} (milliseconds with three decimals; the process
 * first, then each name in the order it was first started), {@code latency_counts} (only when a
 * name was timed more than once: how many times; its latency is then the total), {@code metrics}
 * (in the order first set), {@code tracker_warnings} (only when something was degraded, see
 * below), then the identifiers as top-level keys (in the order first set). Setting a metric or an
 * identifier again replaces its value in place. The line is at most {@link #MAX_LINE_BYTES} bytes
 * of UTF-8 and never contains a raw line break.
 *
 * <h2>Bad input and faults</h2>
 * A null name is a {@link NullPointerException}, a blank name an {@link IllegalArgumentException},
 * and an identifier named like one of the line's own keys ({@link #RESERVED_NAMES}) an
 * {@link IllegalArgumentException}, all thrown at the call site. Every other oddity is data and is
 * written faithfully: null values as JSON {@code null}, NaN and infinite numbers as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, control characters and quotes escaped,
 * lone surrogates replaced by U+FFFD. A timer left open is measured until the line is written and
 * named in {@code tracker_warnings}; a line that would be too long keeps what fits and says what
 * was cut in {@code tracker_warnings}. Calls made after the line was written are ignored. An output
 * function that throws does not reach the tracked code: the failure and the line are reported on
 * standard error.
 *
 * <h2>Threads</h2>
 * Thread-safe: any thread of the run may time steps and set values. The run is current on the
 * thread running {@link #trackProcess(String, ThrowingSupplier)}; other threads reach it through
 * {@link #current()} after {@link #makeCurrent()}, {@link #bind(Runnable)} or
 * {@link #executor(Executor)}. Outside any run, {@link #current()} returns a detached tracker that
 * records nothing. Create one tracker per run: a tracker writes its line once.
 */
public final class ProcessTracker {

  /** The longest line a tracker writes, in bytes of UTF-8: within CloudWatch's 256 KB event limit. */
  public static final int MAX_LINE_BYTES = 256_000;

  /** Names an identifier may not take, because the line's own keys use them. */
  public static final Set<String> RESERVED_NAMES =
      Set.of("latencies", "latency_counts", "metrics", "tracker_warnings", "_aws");

  /** The metric set to 1 when the process body throws. */
  public static final String FAILED_METRIC = "failed";

  /** The metric set to the thrown exception's class name when the process body throws. */
  public static final String EXCEPTION_TYPE_METRIC = "exception_type";

  static final int MAX_WARNINGS = 20;

  private static final int READY = 0;
  private static final int RUNNING = 1;
  private static final int WRITTEN = 2;
  private static final int DETACHED = 3;

  private static final ThreadLocal<ProcessTracker> CURRENT = new ThreadLocal<>();
  private static final ProcessTracker DETACHED_TRACKER = new ProcessTracker(new Builder(), DETACHED);

  private final Consumer<String> output;
  private final Ticker ticker;
  private final LineFormat format;

  // Guarded by this; read by the line formats while they hold the lock.
  final LatencyTable latencies = new LatencyTable();
  final ValueTable metrics = new ValueTable();
  final ValueTable identifiers = new ValueTable();
  List<String> warnings;
  int droppedWarnings;
  String processName;
  private Timer openTimers;
  private int state;

  /** Creates a tracker that writes its line to standard output. */
  public ProcessTracker() {
    this(new Builder(), READY);
  }

  /**
   * Creates a tracker that hands its finished line to {@code output}: the seed's "bring your own
   * log format".
   *
   * <pre>{@code
   * ProcessTracker tracker = new ProcessTracker(line -> myLogger.info(line));
   * }</pre>
   *
   * @param output receives the finished JSON line, once
   */
  public ProcessTracker(Consumer<String> output) {
    this(new Builder().output(output), READY);
  }

  private ProcessTracker(Builder builder, int state) {
    this.output = builder.output;
    this.ticker = builder.ticker;
    this.format = builder.format;
    this.state = state;
  }

  /**
   * Starts a builder for a tracker with a chosen output, ticker or line format.
   *
   * <pre>{@code
   * ProcessTracker tracker = ProcessTracker.builder().output(lines::add).ticker(fake).build();
   * }</pre>
   *
   * @return a new builder with the defaults of {@link #ProcessTracker()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the run current on the calling thread, or a detached tracker that records nothing
   * when there is none. Code that does not see the tracker (deep helpers, other threads of the
   * invocation) reaches it this way.
   *
   * <pre>{@code
   * ProcessTracker.current().incrementMetric("cache_misses");
   * }</pre>
   *
   * @return the current run's tracker, never null
   */
  public static ProcessTracker current() {
    ProcessTracker tracker = CURRENT.get();
    return tracker == null ? DETACHED_TRACKER : tracker;
  }

  /**
   * Tells whether this tracker still records: false once its line is written, and for the
   * detached tracker.
   *
   * @return whether calls on this tracker still reach its line
   */
  public synchronized boolean isRecording() {
    return state == READY || state == RUNNING;
  }

  /**
   * Runs {@code body} as the tracked process: times it under {@code processName}, makes this
   * tracker current on the calling thread while it runs, and writes the line exactly once when it
   * ends, also when it throws. The body's value or exception comes back unchanged; a failure also
   * sets the metrics {@value #FAILED_METRIC} (1) and {@value #EXCEPTION_TYPE_METRIC}.
   *
   * <pre>{@code
   * Response response = tracker.trackProcess("handler", () -> handle(request));
   * }</pre>
   *
   * @param processName the latency name of the whole run, written first
   * @param body the process
   * @param <T> the body's value type
   * @param <E> the body's exception type
   * @return the body's value
   * @throws E the body's exception, unchanged
   * @throws IllegalStateException if this tracker already ran a process, or is the detached one
   */
  public <T, E extends Throwable> T trackProcess(String processName, ThrowingSupplier<T, E> body)
      throws E {
    Objects.requireNonNull(body, "body");
    Timer timer = begin(processName);
    ProcessTracker previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return body.get();
    } catch (Throwable failure) {
      recordFailure(failure);
      throw failure;
    } finally {
      timer.close();
      restoreCurrent(previous);
      finish();
    }
  }

  /**
   * Runs {@code body} as the tracked process; see {@link #trackProcess(String, ThrowingSupplier)}.
   *
   * <pre>{@code
   * public static void main(String[] args) {
   *   new ProcessTracker().trackProcess("main", () -> run(args));
   * }
   * }</pre>
   *
   * @param processName the latency name of the whole run, written first
   * @param body the process
   * @param <E> the body's exception type
   * @throws E the body's exception, unchanged
   * @throws IllegalStateException if this tracker already ran a process, or is the detached one
   */
  public <E extends Throwable> void trackProcess(String processName, ThrowingRunnable<E> body)
      throws E {
    Objects.requireNonNull(body, "body");
    trackProcess(
        processName,
        () -> {
          body.run();
          return null;
        });
  }

  /**
   * Starts timing a step; {@link Timer#close()} records it. Meant for try-with-resources.
   *
   * <pre>{@code
   * try (Timer timer = tracker.timer("validate")) {
   *   validate(request);
   * }
   * }</pre>
   *
   * @param name the latency name; timing one name several times adds up (see the class doc)
   * @return the running timer
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public Timer timer(String name) {
    name = checkedName(name);
    if (state == DETACHED) {
      return new Timer(null, name, 0L);
    }
    Timer timer = new Timer(this, name, ticker.read());
    synchronized (this) {
      if (state == WRITTEN) {
        timer.closed = true;
        return timer;
      }
      timer.position = latencies.positionFor(name);
      timer.nextOpen = openTimers;
      if (openTimers != null) {
        openTimers.previousOpen = timer;
      }
      openTimers = timer;
    }
    return timer;
  }

  /**
   * Times a piece of code under {@code name} and returns its value; its exceptions, checked ones
   * included, pass through unchanged and the time until they were thrown is recorded.
   *
   * <pre>{@code
   * Order order = tracker.track("load_order", () -> orders.load(id));
   * }</pre>
   *
   * @param name the latency name
   * @param code the code to time
   * @param <T> the code's value type
   * @param <E> the code's exception type
   * @return the code's value
   * @throws E the code's exception, unchanged
   */
  public <T, E extends Throwable> T track(String name, ThrowingSupplier<T, E> code) throws E {
    Objects.requireNonNull(code, "code");
    Timer timer = timer(name);
    try {
      return code.get();
    } finally {
      timer.close();
    }
  }

  /**
   * Times a piece of code that returns nothing; see {@link #track(String, ThrowingSupplier)}.
   *
   * <pre>{@code
   * tracker.track("save_order", () -> orders.save(order));
   * }</pre>
   *
   * @param name the latency name
   * @param code the code to time
   * @param <E> the code's exception type
   * @throws E the code's exception, unchanged
   */
  public <E extends Throwable> void track(String name, ThrowingRunnable<E> code) throws E {
    Objects.requireNonNull(code, "code");
    Timer timer = timer(name);
    try {
      code.run();
    } finally {
      timer.close();
    }
  }

  /**
   * Times an asynchronous step from the moment {@code start} is called until the stage it returns
   * completes, normally or not. The returned future completes after the time was recorded, with
   * the stage's value or failure.
   *
   * <pre>{@code
   * CompletableFuture<Person> person =
   *     tracker.trackAsync("get_person_data", () -> people.fetchAsync(id));
   * }</pre>
   *
   * @param name the latency name
   * @param start starts the step and returns its stage; called once, on the calling thread
   * @param <T> the stage's value type
   * @return a future that completes like the stage, after the timer stopped
   * @throws NullPointerException if {@code start} is null or returns null (the timer is stopped)
   */
  public <T> CompletableFuture<T> trackAsync(
      String name, Supplier<? extends CompletionStage<T>> start) {
    Objects.requireNonNull(start, "start");
    Timer timer = timer(name);
    CompletionStage<T> stage;
    try {
      stage = Objects.requireNonNull(start.get(), "start returned null instead of a stage");
    } catch (RuntimeException | Error failure) {
      timer.close();
      throw failure;
    }
    return stage.whenComplete((value, failure) -> timer.close()).toCompletableFuture();
  }

  /**
   * Sets a numeric metric, replacing any earlier value of that name. The value is read now, so a
   * mutable number (an {@code AtomicLong}) changing later does not change the line.
   *
   * <pre>{@code
   * tracker.setMetric("order_total", order.total());
   * }</pre>
   *
   * @param name the metric name
   * @param value the value; null is written as JSON null
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public void setMetric(String name, Number value) {
    name = checkedName(name);
    Object canonical = canonicalNumber(value);
    synchronized (this) {
      if (isRecording()) {
        metrics.put(name, canonical);
      }
    }
  }

  /**
   * Sets a text metric (the seed allows "simple string values" as metrics), replacing any earlier
   * value of that name.
   *
   * <pre>{@code
   * tracker.setMetric("error_name", error.getClass().getSimpleName());
   * }</pre>
   *
   * @param name the metric name
   * @param value the value; null is written as JSON null
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public void setMetric(String name, String value) {
    name = checkedName(name);
    synchronized (this) {
      if (isRecording()) {
        metrics.put(name, value);
      }
    }
  }

  /**
   * Adds one to a counting metric; see {@link #incrementMetric(String, long)}.
   *
   * <pre>{@code
   * tracker.incrementMetric("records_failed");
   * }</pre>
   *
   * @param name the metric name
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   * @throws IllegalStateException if the metric holds text
   */
  public void incrementMetric(String name) {
    incrementMetric(name, 1L);
  }

  /**
   * Adds {@code delta} to a counting metric within this run; a metric not yet set (or set to null)
   * starts at zero, so a count is present only once something was counted.
   *
   * <pre>{@code
   * tracker.incrementMetric("records_failed", failures.size());
   * }</pre>
   *
   * @param name the metric name
   * @param delta what to add; may be negative
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   * @throws IllegalStateException if the metric holds text: counting into it is a programming
   *     error
   */
  public void incrementMetric(String name, long delta) {
    name = checkedName(name);
    synchronized (this) {
      if (!isRecording()) {
        return;
      }
      Object before = metrics.get(name);
      if (before instanceof String) {
        throw new IllegalStateException(
            "metric '" + name + "' holds text, so it cannot be incremented");
      }
      metrics.put(name, add(before, delta));
    }
  }

  /**
   * Sets an identifier: a top-level key of the line, such as a correlation id, that lets the
   * invocation be found. Setting it again replaces the value.
   *
   * <pre>{@code
   * tracker.setIdentifier("correlation_id", request.getHeaders().get("x-correlation-id"));
   * }</pre>
   *
   * @param name the identifier name, not one of {@link #RESERVED_NAMES}
   * @param value the value; null is written as JSON null
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank or reserved
   */
  public void setIdentifier(String name, String value) {
    putIdentifier(name, value);
  }

  /**
   * Sets a true/false identifier, written as a JSON boolean (for example {@code cold_start}).
   *
   * <pre>{@code
   * tracker.setIdentifier("cold_start", true);
   * }</pre>
   *
   * @param name the identifier name, not one of {@link #RESERVED_NAMES}
   * @param value the value
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank or reserved
   */
  public void setIdentifier(String name, boolean value) {
    putIdentifier(name, value);
  }

  /**
   * Makes this tracker the current run of the calling thread until the returned scope is closed,
   * so that {@link #current()} finds it there.
   *
   * <pre>{@code
   * try (Scope scope = tracker.makeCurrent()) {
   *   helperThatCallsCurrent();
   * }
   * }</pre>
   *
   * @return the scope to close, on this thread, when the work for this run is done
   */
  public Scope makeCurrent() {
    ProcessTracker previous = CURRENT.get();
    CURRENT.set(this);
    return new CurrentScope(this, previous, Thread.currentThread());
  }

  /**
   * Wraps {@code task} so that, wherever it runs, this tracker is current while it runs.
   *
   * <pre>{@code
   * pool.execute(tracker.bind(() -> ProcessTracker.current().incrementMetric("sent")));
   * }</pre>
   *
   * @param task the task to run with this tracker current
   * @return the wrapped task
   */
  public Runnable bind(Runnable task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      Scope scope = makeCurrent();
      try {
        task.run();
      } finally {
        scope.close();
      }
    };
  }

  /**
   * Wraps {@code task} so that, wherever it runs, this tracker is current while it runs.
   *
   * <pre>{@code
   * Future<Stock> stock = pool.submit(tracker.bind(() -> inventory.check(sku)));
   * }</pre>
   *
   * @param task the task to run with this tracker current
   * @param <T> the task's value type
   * @return the wrapped task
   */
  public <T> Callable<T> bind(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      Scope scope = makeCurrent();
      try {
        return task.call();
      } finally {
        scope.close();
      }
    };
  }

  /**
   * Wraps {@code supplier} so that, wherever it runs, this tracker is current while it runs; for
   * {@code CompletableFuture.supplyAsync}.
   *
   * <pre>{@code
   * CompletableFuture.supplyAsync(tracker.bindSupplier(() -> people.lookup(id)), pool);
   * }</pre>
   *
   * @param supplier the supplier to run with this tracker current
   * @param <T> the value type
   * @return the wrapped supplier
   */
  public <T> Supplier<T> bindSupplier(Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return () -> {
      Scope scope = makeCurrent();
      try {
        return supplier.get();
      } finally {
        scope.close();
      }
    };
  }

  /**
   * Returns an executor that runs each task on {@code delegate} with this tracker current, so that
   * {@code CompletableFuture} stages run on it can call {@link #current()}.
   *
   * <pre>{@code
   * Executor tracked = tracker.executor(pool);
   * CompletableFuture.supplyAsync(() -> lookup(id), tracked)
   *     .thenAcceptAsync(value -> ProcessTracker.current().setMetric("found", 1), tracked);
   * }</pre>
   *
   * @param delegate the executor that runs the tasks
   * @return the binding executor
   */
  public Executor executor(Executor delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return task -> delegate.execute(bind(task));
  }

  @Override
  public synchronized String toString() {
    return "ProcessTracker[" + (processName == null ? "" : processName) + ", " + stateName() + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private synchronized Timer begin(String processName) {
    processName = checkedName(processName);
    if (state != READY) {
      throw new IllegalStateException(
          state == DETACHED
              ? "the detached tracker cannot run a process; create a new ProcessTracker"
              : "this tracker already ran process '" + this.processName + "'; create one per run");
    }
    state = RUNNING;
    this.processName = processName;
    return timer(processName);
  }

  void stop(Timer timer) {
    long end = ticker.read();
    synchronized (this) {
      if (timer.closed) {
        return;
      }
      timer.closed = true;
      unlink(timer);
      record(timer, end);
    }
  }

  private void record(Timer timer, long end) {
    latencies.record(timer.position, Math.max(0L, end - timer.startNanos));
  }

  private void unlink(Timer timer) {
    if (timer.previousOpen != null) {
      timer.previousOpen.nextOpen = timer.nextOpen;
    } else {
      openTimers = timer.nextOpen;
    }
    if (timer.nextOpen != null) {
      timer.nextOpen.previousOpen = timer.previousOpen;
    }
    timer.previousOpen = null;
    timer.nextOpen = null;
  }

  private synchronized void recordFailure(Throwable failure) {
    metrics.put(FAILED_METRIC, 1L);
    metrics.put(EXCEPTION_TYPE_METRIC, failure.getClass().getName());
  }

  private void finish() {
    String line;
    try {
      synchronized (this) {
        long now = ticker.read();
        // Oldest first, so that the warnings read in the order the timers were started.
        Timer oldest = openTimers;
        while (oldest != null && oldest.nextOpen != null) {
          oldest = oldest.nextOpen;
        }
        for (Timer timer = oldest; timer != null; timer = timer.previousOpen) {
          timer.closed = true;
          record(timer, now);
          warn("timer '" + timer.name + "' was still open when the line was written; measured until then");
        }
        openTimers = null;
        state = WRITTEN;
        line = format.render(this);
      }
    } catch (RuntimeException | LinkageError failure) {
      reportOnStandardError("could not build the metrics line", failure, null);
      return;
    }
    deliver(line);
  }

  private void deliver(String line) {
    try {
      output.accept(line);
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable failure) {
      reportOnStandardError("the output function threw", failure, line);
    }
  }

  static void reportOnStandardError(String what, Throwable failure, String line) {
    try {
      PrintStream err = System.err;
      err.println(
          "tracker-lambda: "
              + what
              + ": "
              + failure
              + (line == null ? "" : "; the line was: " + line));
    } catch (RuntimeException ignored) {
      // Standard error itself failing leaves nowhere to report to; the tracked code goes on.
    }
  }

  synchronized void warn(String warning) {
    if (warnings == null) {
      warnings = new ArrayList<>(2);
    }
    if (warnings.size() < MAX_WARNINGS) {
      warnings.add(warning);
    } else {
      droppedWarnings++;
    }
  }

  private void putIdentifier(String name, Object value) {
    name = checkedName(name);
    if (RESERVED_NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "identifier name '" + name + "' is reserved for the line's own keys " + RESERVED_NAMES);
    }
    synchronized (this) {
      if (isRecording()) {
        identifiers.put(name, value);
      }
    }
  }

  private void restoreCurrent(ProcessTracker previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  private String stateName() {
    switch (state) {
      case READY:
        return "ready";
      case RUNNING:
        return "running";
      case WRITTEN:
        return "written";
      default:
        return "detached";
    }
  }

  /**
   * The name as the line will carry it: validated, and with lone surrogates already replaced so
   * that names which only differ there are one entry, not two equal keys.
   */
  static String checkedName(String name) {
    requireName(name);
    return Text.withoutLoneSurrogates(name);
  }

  static void requireName(String name) {
    if (name == null) {
      throw new NullPointerException("name must not be null");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  private static Object canonicalNumber(Number value) {
    if (value == null
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float
        || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return value.longValue();
    }
    // AtomicLong, LongAdder and other mutable or unknown numbers: keep what they are worth now,
    // in a form whose JSON text is always a valid number.
    double asDouble = value.doubleValue();
    long asLong = value.longValue();
    return asDouble == asLong ? (Object) asLong : (Object) asDouble;
  }

  private static Object add(Object before, long delta) {
    if (before == null) {
      return delta;
    }
    if (before instanceof Long) {
      long sum = (Long) before + delta;
      // Overflow only when both operands have the same sign and the sum has the other.
      if ((((Long) before ^ sum) & (delta ^ sum)) < 0) {
        return BigInteger.valueOf((Long) before).add(BigInteger.valueOf(delta));
      }
      return sum;
    }
    if (before instanceof BigInteger) {
      return ((BigInteger) before).add(BigInteger.valueOf(delta));
    }
    if (before instanceof BigDecimal) {
      return ((BigDecimal) before).add(BigDecimal.valueOf(delta));
    }
    return ((Number) before).doubleValue() + delta;
  }

  /** The total time and count of one latency name, as a line format reads them. */
  static final class Latency {
    final long totalNanos;
    final int count;

    Latency(long totalNanos, int count) {
      this.totalNanos = totalNanos;
      this.count = count;
    }
  }

  /** Restores the thread's previous run when closed on the thread that opened it. */
  private static final class CurrentScope implements Scope {
    private final ProcessTracker tracker;
    private final ProcessTracker previous;
    private final Thread owner;
    private boolean closed;

    CurrentScope(ProcessTracker tracker, ProcessTracker previous, Thread owner) {
      this.tracker = tracker;
      this.previous = previous;
      this.owner = owner;
    }

    @Override
    public void close() {
      if (closed || Thread.currentThread() != owner) {
        return;
      }
      closed = true;
      if (CURRENT.get() == tracker) {
        tracker.restoreCurrent(previous);
      }
    }
  }

  /**
   * Builds a {@link ProcessTracker} with a chosen output, ticker or line format.
   *
   * <pre>{@code
   * ProcessTracker tracker = ProcessTracker.builder()
   *     .output(line -> logger.log(line))
   *     .format(LineFormat.json())
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe; each {@link #build()} makes an independent tracker.
   */
  public static final class Builder {
    // Looks System.out up per line, so a test or runtime that replaces it later is honoured.
    private static final Consumer<String> STANDARD_OUTPUT = line -> System.out.println(line);

    private Consumer<String> output = STANDARD_OUTPUT;
    private Ticker ticker = Ticker.system();
    private LineFormat format = LineFormat.json();

    private Builder() {}

    /**
     * Sets where the finished line goes (default: standard output).
     *
     * @param output receives the finished line, once
     * @return this builder
     */
    public Builder output(Consumer<String> output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * Sets the monotonic clock (default: {@link Ticker#system()}).
     *
     * @param ticker the clock all latencies are measured with
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the line format (default: {@link LineFormat#json()}).
     *
     * @param format how the record becomes a line
     * @return this builder
     */
    public Builder format(LineFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Creates a tracker ready to run one process.
     *
     * @return a new tracker
     */
    public ProcessTracker build() {
      return new ProcessTracker(this, READY);
    }
  }
}
