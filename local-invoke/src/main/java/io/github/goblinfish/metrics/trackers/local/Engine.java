package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run: sets up a temporary folder and the Runtime API, then starts runtime processes (a new one
 * after a timeout or crash, as Lambda replaces the execution environment) until the {@link
 * Scheduler} has handed out every invocation, and cleans up after itself, also on Ctrl-C.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create(fn, 0)) {
 *   RunResult result = engine.run(List.of(eventBytes), 3);
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #close()} may race with {@link #run(List, int)} (the shutdown hook does);
 * one engine runs once.
 */
final class Engine implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FunctionSpec spec;
  private final Path tempDir;
  private final List<Path> runtimeJars;
  private final Path jniLib;
  private final Path parentWatchJar;
  private final int maxConcurrency;
  private final String logStream;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Scheduler scheduler;
  private volatile RuntimeApiServer server;

  private Engine(
      FunctionSpec spec,
      List<Path> runtimeJars,
      Path tempDir,
      Path jniLib,
      Path parentWatchJar,
      int maxConcurrency) {
    this.spec = spec;
    this.runtimeJars = runtimeJars;
    this.tempDir = tempDir;
    this.jniLib = jniLib;
    this.parentWatchJar = parentWatchJar;
    this.maxConcurrency = maxConcurrency;
    this.logStream =
        DateTimeFormatter.ofPattern("yyyy/MM/dd").format(LocalDate.now(ZoneOffset.UTC))
            + "/[$LATEST]"
            + hex(16);
    // Ctrl-C on the runner: stop the runtime and remove the temp dir rather than leave them behind.
    this.shutdownHook = new Thread(this::close, "local-invoke-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * @param maxConcurrency 0 for Lambda's usual one-at-a-time; N to set AWS_LAMBDA_MAX_CONCURRENCY=N
   *     and keep up to N invocations in flight
   */
  static Engine create(FunctionSpec spec, int maxConcurrency) throws LocalInvokeException {
    Path tempDir;
    try {
      tempDir = TempFolder.create();
    } catch (IOException e) {
      throw new LocalInvokeException("cannot create a temporary directory: " + e.getMessage(), e);
    }
    try {
      List<Path> runtimeJars = RuntimeClientJars.locate(tempDir);
      Path jni = RuntimeClientJars.extractJni(runtimeJars, tempDir);
      Path watch = TempFolder.writeParentWatchJar(tempDir);
      FunctionSpec code =
          spec.zip() == null ? spec : FunctionCode.unzip(spec, tempDir.resolve("task"));
      FunctionCode.checkHandlerClass(code);
      return new Engine(code, runtimeJars, tempDir, jni, watch, maxConcurrency);
    } catch (IOException | LocalInvokeException | RuntimeException e) {
      TempFolder.deleteTree(tempDir);
      if (e instanceof LocalInvokeException l) {
        throw l;
      }
      throw new LocalInvokeException("cannot prepare the run: " + e.getMessage(), e);
    }
  }

  /** The launch settings a runtime would get with the Runtime API on {@code port}. */
  RuntimeLaunch launch(int port) {
    return new RuntimeLaunch(
        spec, runtimeJars, jniLib, parentWatchJar, port, logStream, maxConcurrency);
  }

  RunResult run(List<byte[]> events, int total) throws LocalInvokeException {
    return run(events, total, Turns.alone(), Turns.A);
  }

  /**
   * Runs {@code total} invocations as one side of an A/B run: each handed out on this side's turn
   * only, a runtime replacing one that timed out or crashed started on its turn too.
   *
   * @param turns whose turn it is, shared with the other side's engine
   * @param side this engine's side
   */
  RunResult run(List<byte[]> events, int total, Turns turns, int side) throws LocalInvokeException {
    List<InvocationState> all = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      all.add(new InvocationState(UUID.randomUUID().toString(), events.get(i % events.size())));
    }
    LogRouter router = new LogRouter(all);
    Scheduler s = new Scheduler(all, spec.timeout(), maxConcurrency, router, turns, side);
    scheduler = s;
    try {
      server = new RuntimeApiServer(s, spec.name());
    } catch (IOException e) {
      throw new LocalInvokeException("cannot start the Runtime API: " + e.getMessage(), 1, e);
    }
    RuntimeLaunch launch = launch(server.port());
    int started = 0;
    try {
      while (s.hasWork() && !closed.get()) {
        if (started > 0 && !s.awaitTurn()) {
          break;
        }
        RuntimeProcess runtime = RuntimeProcess.start(launch, tempDir, ++started, s, s::adopt);
        if (runtime == null) {
          break;
        }
        s.supervise(runtime);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopRuntime();
    }
    s.finish();
    s.settleInit();
    List<Invocation> invocations = all.stream().map(i -> i.toInvocation(spec.initType())).toList();
    return new RunResult(invocations, router.unattributed(), s.problems());
  }

  private void stopRuntime() {
    Scheduler s = scheduler;
    if (s == null) {
      return;
    }
    // Terminate before answering its pending GET: answered, the client would log a failure first.
    RuntimeProcess runtime = s.stop();
    if (runtime != null) {
      runtime.terminate();
    }
  }

  @Override
  public void close() {
    // Both the owner and the shutdown hook may get here; the first one cleans up.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook running
    }
    stopRuntime();
    RuntimeApiServer s = server;
    if (s != null) {
      s.close();
    }
    TempFolder.deleteTree(tempDir);
  }

  static String traceHeader() {
    long seconds = System.currentTimeMillis() / 1000;
    return "Root=1-"
        + String.format("%08x", seconds)
        + "-"
        + hex(12)
        + ";Parent="
        + hex(8)
        + ";Sampled=0";
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  static String errorJson(String message, String type) {
    JsonObject error = new JsonObject();
    error.addProperty("errorMessage", message);
    error.addProperty("errorType", type);
    return error.toString();
  }
}
