package io.github.goblinfish.metrics.trackers.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Hands events to runtimes and enforces time limits: a queue of invocations, up to the allowed
 * number in flight, the function's timeout per invocation and Lambda's init limit per runtime, and
 * what an exit, a crash or a broken log stream means for the invocations it touched.
 *
 * <p>In an A/B run ({@code ./invoke ab}) it hands out an event only on its side's turn ({@link
 * Turns}), and passes the turn on when that invocation ends.
 *
 * <p>Thread-safe: one lock, the {@link Turns}' monitor (shared by the two sides of an A/B run),
 * guards the queue, the runtime's state and the invocations' outcomes. Log events never take it
 * (they go to the {@link LogRouter}); it calls the router and kills processes while holding it, and
 * neither calls back.
 */
final class Scheduler implements RuntimeApiServer.Backend, RuntimeProcess.Listener {
  /** Lambda gives init 10 s, then retries it within the invocation's own timeout. */
  private static final Duration INIT_LIMIT = Duration.ofSeconds(10);

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Object lock;
  private final Turns turns;
  private final int side;
  private final Duration timeout;
  private final int maxConcurrency;
  private final LogRouter router;
  private final Map<String, InvocationState> byId = new HashMap<>();
  private final Deque<InvocationState> queue = new ArrayDeque<>();
  private final List<InvocationState> open = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<RuntimeProcess, Attempt> attempts = new HashMap<>();
  private Attempt current;
  private boolean stopping;

  /** What the scheduler knows of one runtime process. */
  private static final class Attempt {
    RuntimeProcess runtime;
    long firstNextNanos;
    long restoreNanos;
    final List<InvocationState> served = new ArrayList<>();
    int dispatched;
    byte[] initErrorBody;
    String initErrorType;
    boolean initTimedOut;
    boolean exited;
    int exitCode;
    long exitNanos;
    final List<InvocationState> timedOut = new ArrayList<>();
    final List<String> timeoutNotices = new ArrayList<>();
  }

  Scheduler(
      List<InvocationState> invocations, Duration timeout, int maxConcurrency, LogRouter router) {
    this(invocations, timeout, maxConcurrency, router, Turns.alone(), Turns.A);
  }

  /**
   * @param turns whose turn it is, shared with the other side of an A/B run
   * @param side this scheduler's side
   */
  Scheduler(
      List<InvocationState> invocations,
      Duration timeout,
      int maxConcurrency,
      LogRouter router,
      Turns turns,
      int side) {
    this.lock = turns;
    this.turns = turns;
    this.side = side;
    this.timeout = timeout;
    this.maxConcurrency = maxConcurrency;
    this.router = router;
    for (InvocationState inv : invocations) {
      byId.put(inv.requestId, inv);
      queue.add(inv);
    }
  }

  /** True while invocations are waiting and the run is not being stopped. */
  boolean hasWork() {
    synchronized (lock) {
      return !queue.isEmpty() && !stopping;
    }
  }

  /**
   * Waits until it is this side's turn, for a runtime replacing one that timed out or crashed: as
   * Lambda starts a new execution environment for the next invocation. Returns false when the run
   * is being stopped.
   */
  boolean awaitTurn() throws InterruptedException {
    synchronized (lock) {
      while (!stopping && !turns.isTurnOf(side)) {
        lock.wait();
      }
      return !stopping;
    }
  }

  /**
   * Registers a runtime that is starting. Returns false (and the caller must kill it) when the run
   * was stopped meanwhile.
   */
  boolean adopt(RuntimeProcess runtime) {
    synchronized (lock) {
      if (stopping) {
        return false;
      }
      Attempt attempt = new Attempt();
      attempt.runtime = runtime;
      attempts.put(runtime, attempt);
      current = attempt;
      router.started(runtime);
      return true;
    }
  }

  /** Watches the current runtime until it exits or no invocation is left. */
  void supervise(RuntimeProcess runtime) throws InterruptedException {
    synchronized (lock) {
      Attempt c = attempts.get(runtime);
      while (true) {
        if (c.exited) {
          handleExit(c);
          return;
        }
        if (queue.isEmpty() && open.isEmpty()) {
          return;
        }
        long now = System.nanoTime();
        long wait = TimeUnit.MILLISECONDS.toNanos(100);
        if (c.firstNextNanos == 0
            && now - runtime.startNanos > INIT_LIMIT.plus(timeout).toNanos()) {
          c.initTimedOut = true;
          runtime.kill();
        }
        for (InvocationState inv : open) {
          if (inv.hasResult()) {
            // Normally closed by the runtime's next GET; this covers one that never asks again.
            if (now - inv.completedNanos > TimeUnit.SECONDS.toNanos(2)) {
              runtime.kill();
            }
            continue;
          }
          long left = inv.dispatchedNanos + timeout.toNanos() - now;
          if (left <= 0) {
            double seconds = (now - inv.dispatchedNanos) / 1e9;
            String text = String.format(Locale.ROOT, "Task timed out after %.2f seconds", seconds);
            inv.timedOut = true;
            inv.fail(
                "Sandbox.Timedout",
                Engine.errorJson(
                    "RequestId: " + inv.requestId + " Error: " + text, "Sandbox.Timedout"));
            c.timedOut.add(inv);
            c.timeoutNotices.add(
                ISO_MILLIS.format(Instant.now()) + " " + inv.requestId + " " + text);
            runtime.kill();
          } else {
            wait = Math.min(wait, left);
          }
        }
        TimeUnit.NANOSECONDS.timedWait(lock, Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
      }
    }
  }

  /** Called with the lock held once the runtime has exited and its output is read. */
  private void handleExit(Attempt c) {
    String status =
        c.initTimedOut
            ? String.format(
                Locale.ROOT,
                "Init timed out after %.2f seconds",
                (c.exitNanos - c.runtime.startNanos) / 1e9)
            : "Runtime exited with error: exit status " + c.exitCode;
    if (c.dispatched == 0 && !queue.isEmpty() && turns.isTurnOf(side)) {
      // Init failed: the invocation that caused it fails with the init error. The rest stay
      // queued and get a fresh runtime each, as Lambda retries init on the next invocation.
      InvocationState inv = queue.poll();
      inv.dispatchedNanos = c.runtime.startNanos;
      if (c.initErrorBody != null) {
        inv.fail(
            c.initErrorType == null ? "Runtime.Unknown" : c.initErrorType,
            new String(c.initErrorBody, StandardCharsets.UTF_8));
      } else {
        inv.fail(
            "Runtime.ExitError",
            Engine.errorJson(
                "RequestId: " + inv.requestId + " Error: " + status, "Runtime.ExitError"));
      }
      inv.completedNanos = c.exitNanos;
      inv.ranInit = true;
      inv.initDuration = Duration.ofNanos(c.exitNanos - c.runtime.startNanos);
      router.startupFailed(c.runtime, inv);
      turns.ended(side);
    }
    for (int i = 0; i < c.timedOut.size(); i++) {
      router.platform(c.timedOut.get(i), c.timeoutNotices.get(i));
    }
    for (InvocationState inv : open) {
      inv.fail(
          "Runtime.ExitError",
          Engine.errorJson(
              "RequestId: " + inv.requestId + " Error: " + status, "Runtime.ExitError"));
      router.closed(inv);
      turns.ended(side);
    }
    open.clear();
    if (current == c) {
      current = null;
    }
    lock.notifyAll();
  }

  /** Stops handing out events; returns the runtime still running, if any, for the caller to end. */
  RuntimeProcess stop() {
    synchronized (lock) {
      stopping = true;
      turns.leave(side);
      router.stop();
      lock.notifyAll();
      return current == null || current.exited ? null : current.runtime;
    }
  }

  /** Fails what never ran; called once the runtimes are gone. */
  void finish() {
    synchronized (lock) {
      for (InvocationState inv : byId.values()) {
        inv.fail(
            "Runtime.Unknown",
            Engine.errorJson("RequestId: " + inv.requestId + " Error: not run", "Runtime.Unknown"));
      }
    }
  }

  /**
   * Gives each runtime's init to the invocation that actually ran first in it. The scheduler hands
   * the first event out first, but with {@code AWS_LAMBDA_MAX_CONCURRENCY} the runtime's handler
   * threads race, and another invocation may enter the handler first and take the cold start; its
   * tracker line says so ({@code cold_start: true}), and Lambda's REPORT carries the Init Duration
   * of the invocation that paid for the init. Called once the runtimes are gone.
   */
  void settleInit() {
    synchronized (lock) {
      for (Attempt c : attempts.values()) {
        InvocationState first = c.served.isEmpty() ? null : c.served.get(0);
        List<InvocationState> cold =
            c.served.stream().filter(Scheduler::lineSaysColdStart).toList();
        if (first != null && first.ranInit && cold.size() == 1 && cold.get(0) != first) {
          router.moveInit(first, cold.get(0));
          InvocationState taker = cold.get(0);
          taker.ranInit = true;
          taker.initDuration = first.initDuration;
          taker.restoreDuration = first.restoreDuration;
          first.ranInit = false;
          first.initDuration = null;
          first.restoreDuration = null;
        }
      }
    }
  }

  private static boolean lineSaysColdStart(InvocationState inv) {
    return inv.logs.stream()
        .map(e -> TrackerLine.parse(e.text()))
        .flatMap(Optional::stream)
        .anyMatch(line -> "true".equals(line.identifiers().get("cold_start")));
  }

  /** Problems with the run itself (not with an invocation), such as an unreadable log stream. */
  List<String> problems() {
    synchronized (lock) {
      return List.copyOf(problems);
    }
  }

  // ---- the runtime's requests ----------------------------------------------------------------

  @Override
  public InvocationState next() throws InterruptedException {
    long arrived = System.nanoTime();
    Attempt c;
    synchronized (lock) {
      c = current;
      if (c != null && c.firstNextNanos == 0) {
        c.firstNextNanos = arrived;
      }
    }
    if (c == null) {
      return null;
    }
    // The runtime asks for more only after finishing the previous event, so once its output is
    // read, everything it logged for that event has been routed.
    c.runtime.drain();
    synchronized (lock) {
      for (Iterator<InvocationState> it = open.iterator(); it.hasNext(); ) {
        InvocationState done = it.next();
        if (done.hasResult()) {
          it.remove();
          router.closed(done);
          turns.ended(side);
        }
      }
      lock.notifyAll();
      // While stopping, hold the request until the runtime is gone.
      while (current == c && !c.exited) {
        long inFlight = open.stream().filter(i -> !i.hasResult()).count();
        if (!stopping
            && !queue.isEmpty()
            && inFlight < Math.max(1, maxConcurrency)
            && turns.isTurnOf(side)) {
          InvocationState inv = queue.poll();
          dispatch(c, inv);
          return inv;
        }
        lock.wait(200);
      }
      return null;
    }
  }

  private void dispatch(Attempt c, InvocationState inv) {
    inv.dispatchedNanos = System.nanoTime();
    inv.deadlineEpochMs = System.currentTimeMillis() + timeout.toMillis();
    inv.traceHeader = Engine.traceHeader();
    if (c.dispatched == 0) {
      inv.ranInit = true;
      inv.initDuration = Duration.ofNanos(c.firstNextNanos - c.runtime.startNanos);
      if (c.restoreNanos != 0) {
        inv.restoreDuration = Duration.ofNanos(c.firstNextNanos - c.restoreNanos);
      }
    }
    c.served.add(inv);
    c.dispatched++;
    open.add(inv);
    router.dispatched(c.runtime, inv);
  }

  @Override
  public boolean outcome(String requestId, boolean error, byte[] body, String errorType) {
    synchronized (lock) {
      InvocationState inv = byId.get(requestId);
      if (inv == null || !open.contains(inv) || inv.hasResult()) {
        return false;
      }
      inv.completedNanos = System.nanoTime();
      if (body == null) {
        // Lambda fails an invocation whose response is over its limit, whatever the function did.
        inv.errorBody =
            Engine.errorJson(
                    "Response payload size exceeded maximum allowed payload size ("
                        + RuntimeApiServer.MAX_RESPONSE_BYTES
                        + " bytes).",
                    "Function.ResponseSizeTooLarge")
                .getBytes(StandardCharsets.UTF_8);
        inv.functionErrorType = "Function.ResponseSizeTooLarge";
      } else if (error) {
        inv.errorBody = body;
        inv.functionErrorType = errorType;
      } else {
        inv.responseBody = body;
      }
      lock.notifyAll();
      return true;
    }
  }

  @Override
  public void restoring() {
    synchronized (lock) {
      if (current != null && current.restoreNanos == 0) {
        current.restoreNanos = System.nanoTime();
      }
    }
  }

  @Override
  public void initError(byte[] body, String errorType) {
    synchronized (lock) {
      if (current != null) {
        current.initErrorBody = body;
        current.initErrorType = errorType;
      }
    }
  }

  // ---- the runtime process's events -----------------------------------------------------------

  @Override
  public void log(RuntimeProcess runtime, LogEvent event) {
    router.route(runtime, event);
  }

  @Override
  public void telemetryBroken(RuntimeProcess runtime, String problem) {
    String text = "local-invoke: the telemetry log stream is broken (" + problem + ")";
    router.route(runtime, LogEvent.platform(text));
    synchronized (lock) {
      problems.add(text + "; later log calls of that runtime were lost");
      // Its later log calls cannot be read: end the runtime, as its invocations' logs are cut.
      runtime.kill();
    }
  }

  @Override
  public void exited(RuntimeProcess runtime, int exitCode) {
    synchronized (lock) {
      Attempt c = attempts.get(runtime);
      if (c == null) {
        return;
      }
      c.exited = true;
      c.exitCode = exitCode;
      c.exitNanos = System.nanoTime();
      lock.notifyAll();
    }
  }
}
