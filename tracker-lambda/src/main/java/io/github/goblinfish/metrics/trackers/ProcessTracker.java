package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.Names;
import io.github.goblinfish.metrics.trackers.internal.TrackerAccess;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Times the named steps of a process, records the metrics and identifiers its code sets, and writes
 * them as ONE line when the process ends: the Java home of the Python package {@code
 * goblinfish.metrics.trackers}. One tracker serves any number of runs: each {@link
 * #trackProcess(String, ThrowingSupplier)} call is a fresh run that writes its own line.
 *
 * <pre>{@code
 * static final ProcessTracker TRACKER = new ProcessTracker();   // writes to standard output
 *
 * void handle(String id) {
 *   TRACKER.trackProcess("main", () -> {
 *     Order order;
 *     try (Timer timer = TRACKER.timer("load_order")) {
 *       order = orders.load(id);
 *     }
 *     Invoice invoice = TRACKER.track("bill", () -> billing.bill(order));
 *     TRACKER.setMetric("order_lines", order.lines().size());
 *     TRACKER.setIdentifier("order_id", id);
 *   });
 * }
 * // {"latencies":{"main":12.874,"load_order":8.100,"bill":3.911},"metrics":{"order_lines":3},"order_id":"o-1"}
 * }</pre>
 *
 * <h2>Runs</h2>
 *
 * The timers, metrics and identifiers set through a tracker go to its run that is current on the
 * calling thread: the one {@code trackProcess} started there (the innermost, when runs of the same
 * tracker are nested), or the one a bound task or scope carried there ({@link #bind(Runnable)},
 * {@link #executor(Executor)}, {@link #makeCurrent()}). Two threads running {@code trackProcess} on
 * one tracker get two runs that never mix. {@link #current()} returns a tracker tied to the run
 * current on the calling thread, which records into that run from any thread it is handed to.
 * Outside any run, timers and values are ignored: they record nothing and throw nothing.
 *
 * <h2>The line</h2>
 *
 * Keys appear in this order: {@code latencies} (milliseconds with three decimals; the process
 * first, then each name in the order it was first started), {@code latency_counts} (only when a
 * name was timed more than once: how many times; its latency is then the total), {@code metrics}
 * (in the order first set), {@code tracker_warnings} (only when something was degraded, see below),
 * then the identifiers as top-level keys (in the order first set). Setting a metric or an
 * identifier again replaces its value in place. The line is at most {@link
 * LineLimit#MAX_LINE_BYTES} bytes of UTF-8 and never contains a raw line break. Another {@link
 * LineFormat} renders the same {@link RunRecord} differently.
 *
 * <h2>Bad input and faults</h2>
 *
 * A null name is a {@link NullPointerException}, a blank name an {@link IllegalArgumentException},
 * and an identifier named like one of the line's own keys ({@link #RESERVED_NAMES}) an {@link
 * IllegalArgumentException}, all thrown at the call site. Every other oddity is data and is written
 * faithfully: null values as JSON {@code null}, NaN and infinite numbers as the strings {@code
 * "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, control characters and quotes escaped, lone
 * surrogates replaced by U+FFFD. A number of a class other than the JDK's own is read once, when
 * set, through its numeric methods; one that cannot be read is written as null with a warning. A
 * timer left open is measured until the line is written and named in {@code tracker_warnings}; a
 * line that would be too long keeps what fits and says what was cut in {@code tracker_warnings}. A
 * ticker that throws or goes backwards costs only the spans it could not time, with a warning;
 * figures saturate instead of overflowing. Calls made after the line was written are ignored.
 * Nothing the ticker, a value, the line format or the output does reaches the tracked code:
 * failures are reported on standard error, on one line.
 *
 * <p>Thread-safe: one tracker serves concurrent runs, and any thread of a run may time steps and
 * set values.
 */
public final class ProcessTracker {

  /** Names an identifier may not take, because the line's own keys use them. */
  public static final Set<String> RESERVED_NAMES = Names.RESERVED_NAMES;

  /** The metric set to 1 when the process body throws. */
  public static final String FAILED_METRIC = RunRecord.FAILED_METRIC;

  /** The metric set to the thrown exception's class name when the process body throws. */
  public static final String EXCEPTION_TYPE_METRIC = RunRecord.EXCEPTION_TYPE_METRIC;

  /**
   * What {@link #current()} returns outside any run: it has no output, because it never writes a
   * line ({@code trackProcess} refuses it, and no run is ever its own).
   */
  private static final ProcessTracker DETACHED =
      new ProcessTracker(null, Ticker.system(), LineFormat.json(), false);

  private final LineOutput output;
  private final Ticker ticker;
  private final LineFormat format;

  /** Whether each run's record tells the entry's untracked time. */
  private final boolean untracked;

  /** The run this tracker is tied to, or null for a tracker that serves many runs. */
  private final Run run;

  /** Creates a tracker that writes its lines to standard output. */
  public ProcessTracker() {
    this(new Builder());
  }

  /**
   * Creates a tracker that hands each finished line to {@code output}: the Python package's "bring
   * your own log format".
   *
   * <pre>{@code
   * ProcessTracker tracker = new ProcessTracker(line -> myLogger.info(line));
   * }</pre>
   *
   * @param output receives each finished line, once per run
   */
  public ProcessTracker(Consumer<String> output) {
    this(new Builder().output(output));
  }

  private ProcessTracker(Builder builder) {
    this(
        builder.output != null ? builder.output : LineOutput.standardOutput(),
        builder.ticker,
        builder.format,
        builder.untracked);
  }

  private ProcessTracker(LineOutput output, Ticker ticker, LineFormat format, boolean untracked) {
    this.output = output;
    this.ticker = ticker;
    this.format = format;
    this.untracked = untracked;
    this.run = null;
  }

  private ProcessTracker(ProcessTracker owner, Run run) {
    this.output = owner.output;
    this.ticker = owner.ticker;
    this.format = owner.format;
    this.untracked = owner.untracked;
    this.run = run;
  }

  /**
   * Loads and initialises, on the calling thread, the classes that this tracker's runs and lines
   * need (for its kind of output and its format), so that its first real run does not wait for
   * them. It only loads classes: it records no run, writes nothing, tells no line observer, calls
   * no format of your own, and leaves the calling thread's run alone. Call it off the first
   * request's path, for example from a start-up thread:
   *
   * <pre>{@code
   * Thread warmUp = new Thread(TRACKER::warmUp, "tracker-warm-up");
   * warmUp.setDaemon(true);
   * warmUp.start();
   * }</pre>
   *
   * <p>The Lambda base classes call it, on the handler's own tracker, from their timeout watch's
   * thread while the runtime initialises. Thread-safe; it never throws, and calling it again only
   * repeats the work.
   */
  public void warmUp() {
    LineClassesWarmUp.run(output, format);
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
   * Returns a tracker tied to the run current on the calling thread, or a detached tracker that
   * records nothing when there is none. Code that does not see the tracker (deep helpers, other
   * threads of the invocation) reaches the run this way.
   *
   * <pre>{@code
   * ProcessTracker.current().incrementMetric("cache_misses");
   * }</pre>
   *
   * @return the current run's tracker, never null
   */
  public static ProcessTracker current() {
    Run current = CurrentRun.get();
    return current == null ? DETACHED : viewOf(current);
  }

  /**
   * Tells whether calls on this tracker reach a line: whether it has a run on the calling thread
   * (or is tied to one) whose line is not written yet.
   *
   * @return whether calls on this tracker are recorded
   */
  public boolean isRecording() {
    Run target = run();
    return target != null && target.isRecording();
  }

  /**
   * Runs {@code body} as a new run of this tracker: times it under {@code processName}, makes the
   * run current on the calling thread while it runs, and writes the run's line exactly once when it
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
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code processName} is blank
   * @throws IllegalStateException if this is the detached tracker of {@link #current()}
   */
  public <T, E extends Throwable> T trackProcess(String processName, ThrowingSupplier<T, E> body)
      throws E {
    Objects.requireNonNull(body, "body");
    processName = Names.checked(processName);
    ProcessTracker owner = owner();
    if (owner == DETACHED) {
      throw new IllegalStateException(
          "the detached tracker of ProcessTracker.current() cannot run a process;"
              + " create a ProcessTracker");
    }
    Run previous = CurrentRun.get();
    Run started = new Run(owner, previous, processName, ticker, untracked);
    Timer timer = started.startTimer(processName);
    CurrentRun.enter(started);
    try {
      return body.get();
    } catch (Throwable failure) {
      started.recordFailure(failure);
      throw failure;
    } finally {
      try {
        timer.close();
      } finally {
        CurrentRun.restore(previous);
      }
      RunRecord record = started.end();
      if (record != null) {
        record = InitSteps.forLine(record);
      }
      if (record != null) {
        output.write(format, record);
      }
    }
  }

  /**
   * Runs {@code body} as a new run; see {@link #trackProcess(String, ThrowingSupplier)}.
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
   * @throws IllegalStateException if this is the detached tracker of {@link #current()}
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
    name = Names.checked(name);
    Run target = run();
    return target == null ? Timer.stopped(name) : target.startTimer(name);
  }

  /**
   * Starts timing a step of the process's initialisation, from anywhere and on any thread before
   * the process writes its first line: a handler's constructor, a field initialiser, a static
   * block, a start-up thread. The steps are recorded once per process and written on its first
   * line, in {@code init_steps} (milliseconds, like {@code latencies}); a name timed several times
   * holds its total.
   *
   * <pre>{@code
   * private final OrderRepository orders;
   *
   * public OrderHandler() {
   *   try (Timer timer = ProcessTracker.initTimer("order_repository")) {
   *     orders = OrderRepository.connect();
   *   }
   * }
   * }</pre>
   *
   * <p>Only the first line of the process has them, whichever run writes it; no other line does. A
   * timer still open then is measured until that moment and named in the line's warnings, and a
   * timer started afterwards records nothing. Thread-safe.
   *
   * @param name the step's name
   * @return the running timer
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static Timer initTimer(String name) {
    return InitSteps.timer(Names.checked(name));
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
   * completes, normally or not. The returned future completes after the time was recorded, with the
   * stage's value or failure.
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
   * Sets a numeric metric, replacing any earlier value of that name. The value is read once, now.
   *
   * <pre>{@code
   * tracker.setMetric("order_lines", order.lines().size());
   * }</pre>
   *
   * @param name the metric name
   * @param value the value; null is written as JSON null, NaN and infinities as strings
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public void setMetric(String name, Number value) {
    name = Names.checked(name);
    Run target = run();
    if (target != null) {
      target.putMetric(name, Values.canonical(value, name, target));
    }
  }

  /**
   * Sets a text metric (the Python package allows "simple string values" as metrics), replacing any
   * earlier value of that name.
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
    name = Names.checked(name);
    Run target = run();
    if (target != null) {
      target.putMetric(name, value);
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
   * starts at zero, so a count is present only once something was counted. Counting past the range
   * of a long goes on exactly.
   *
   * <pre>{@code
   * tracker.incrementMetric("records_failed", failures.size());
   * }</pre>
   *
   * @param name the metric name
   * @param delta what to add; may be negative
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   * @throws IllegalStateException if the metric holds text: counting into it is a programming error
   */
  public void incrementMetric(String name, long delta) {
    name = Names.checked(name);
    Run target = run();
    if (target != null) {
      target.increment(name, delta);
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
    name = Names.identifier(name);
    Run target = run();
    if (target != null) {
      target.putIdentifier(name, value);
    }
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
    name = Names.identifier(name);
    Run target = run();
    if (target != null) {
      target.putIdentifier(name, value);
    }
  }

  /**
   * Takes a record of the run as it is now, while it goes on: timers still open are measured up to
   * this moment and named in its warnings. The run itself is left as it was.
   *
   * <pre>{@code
   * RunRecord soFar = tracker.snapshot().orElseThrow();
   * }</pre>
   *
   * @return the record, or empty outside any run and once the line was written
   */
  public java.util.Optional<RunRecord> snapshot() {
    Run target = run();
    return java.util.Optional.ofNullable(target == null ? null : target.snapshot());
  }

  /**
   * Writes the line of this tracker's run now, from any thread, while the run's code may still be
   * going on: for a Lambda invocation about to time out, through {@link TrackerAccess}. The line
   * has {@code metricName} set to 1 and {@code warning} among its warnings; timers still open are
   * measured until now and named in warnings. The run then records nothing more and writes no
   * second line when its code ends.
   *
   * @return true if this call wrote the line; false outside any run or if it was already written
   */
  boolean writeLineNow(String metricName, String warning) {
    metricName = Names.checked(metricName);
    Objects.requireNonNull(warning, "warning");
    Run target = run();
    RunRecord record = target == null ? null : target.endEarly(metricName, warning);
    if (record != null) {
      record = InitSteps.forLine(record);
    }
    if (record == null) {
      return false;
    }
    output.write(format, record);
    return true;
  }

  /**
   * Makes this tracker's run the current run of the calling thread until the returned scope is
   * closed, so that {@link #current()} finds it there.
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
    return CurrentRun.scope(run());
  }

  /**
   * Wraps {@code task} so that, wherever it runs, the run this tracker has now on the calling
   * thread is current while it runs.
   *
   * <pre>{@code
   * pool.execute(tracker.bind(() -> ProcessTracker.current().incrementMetric("sent")));
   * }</pre>
   *
   * @param task the task to run with the run current
   * @return the wrapped task; {@code task} itself outside any run
   */
  public Runnable bind(Runnable task) {
    Objects.requireNonNull(task, "task");
    return CurrentRun.bind(run(), task);
  }

  /**
   * Wraps {@code task} so that, wherever it runs, the run this tracker has now on the calling
   * thread is current while it runs.
   *
   * <pre>{@code
   * Future<Stock> stock = pool.submit(tracker.bind(() -> inventory.check(sku)));
   * }</pre>
   *
   * @param task the task to run with the run current
   * @param <T> the task's value type
   * @return the wrapped task; {@code task} itself outside any run
   */
  public <T> Callable<T> bind(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return CurrentRun.bind(run(), task);
  }

  /**
   * Wraps {@code supplier} so that, wherever it runs, the run this tracker has now on the calling
   * thread is current while it runs; for {@code CompletableFuture.supplyAsync}.
   *
   * <pre>{@code
   * CompletableFuture.supplyAsync(tracker.bindSupplier(() -> people.lookup(id)), pool);
   * }</pre>
   *
   * @param supplier the supplier to run with the run current
   * @param <T> the value type
   * @return the wrapped supplier; {@code supplier} itself outside any run
   */
  public <T> Supplier<T> bindSupplier(Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return CurrentRun.bind(run(), supplier);
  }

  /**
   * Returns an executor that runs each task on {@code delegate} with a run of this tracker current,
   * so that {@code CompletableFuture} stages run on it can call {@link #current()}. Made inside a
   * run, it carries that run, whichever thread submits the task (a stage is often submitted from
   * the thread that completed the previous one). Made outside any run, it carries the run this
   * tracker has on each submitting thread, so one executor serves every run of a tracker.
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
    Run captured = run();
    if (captured != null) {
      return task -> delegate.execute(CurrentRun.bind(captured, task));
    }
    return task -> delegate.execute(bind(task));
  }

  @Override
  public String toString() {
    if (this == DETACHED) {
      return "ProcessTracker[detached]";
    }
    Run target = run();
    return "ProcessTracker[" + (target == null ? "no run" : target.toString()) + "]";
  }

  /** The run calls on this tracker go to: its own, or its owner's run current on this thread. */
  private Run run() {
    return run != null ? run : CurrentRun.of(this);
  }

  /**
   * The tracker whose runs these are: this one, unless this is a run's own tracker. Derived rather
   * than kept, because a run's own tracker is made once per run.
   */
  private ProcessTracker owner() {
    return run == null ? this : (ProcessTracker) run.owner;
  }

  /** The tracker tied to {@code run}: records into it from any thread. */
  private static ProcessTracker viewOf(Run run) {
    Object view = run.view();
    if (view == null) {
      view = new ProcessTracker((ProcessTracker) run.owner, run);
      run.keepView(view);
    }
    return (ProcessTracker) view;
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
    /** Null for standard output, which is made only for a tracker that writes there. */
    private LineOutput output;

    private Ticker ticker = Ticker.system();
    private LineFormat format = LineFormat.json();
    private boolean untracked;

    private Builder() {}

    /**
     * Sets whether each line tells {@code untracked}: the time of the process that no step covered
     * (default: true).
     *
     * @param untracked false to leave {@code untracked} out of every line
     * @return this builder
     */
    public Builder untracked(boolean untracked) {
      this.untracked = untracked;
      return this;
    }

    /**
     * Sets where each finished line goes, as a String without a line break (default: standard
     * output).
     *
     * @param output receives each finished line, once per run
     * @return this builder
     */
    public Builder output(Consumer<String> output) {
      this.output = LineOutput.text(Objects.requireNonNull(output, "output"));
      return this;
    }

    /**
     * Sets where each finished line goes, as the UTF-8 bytes of the line followed by a newline: the
     * form {@code LambdaLogger.log(byte[])} takes, written once with no String in between.
     *
     * <pre>{@code
     * ProcessTracker tracker = ProcessTracker.builder().utf8Output(logger::log).build();
     * }</pre>
     *
     * @param output receives each finished line's bytes, once per run; it may keep the array
     * @return this builder
     */
    public Builder utf8Output(Consumer<byte[]> output) {
      this.output = LineOutput.utf8(Objects.requireNonNull(output, "output"));
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
     * @param format how each run's record becomes its line
     * @return this builder
     */
    public Builder format(LineFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Creates a tracker.
     *
     * @return a new tracker, ready for any number of runs
     */
    public ProcessTracker build() {
      return new ProcessTracker(this);
    }
  }

  /**
   * {@link TrackerAccess}'s implementation, initialised only when the {@code lambda} package first
   * needs it: a process that never writes a line early never loads it.
   */
  static final class InternalAccess extends TrackerAccess {
    static {
      TrackerAccess.install(new InternalAccess());
    }

    private InternalAccess() {}

    @Override
    protected boolean writeLineNowOf(ProcessTracker tracker, String metricName, String warning) {
      return tracker.writeLineNow(metricName, warning);
    }
  }
}
