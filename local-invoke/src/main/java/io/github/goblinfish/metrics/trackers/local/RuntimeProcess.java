package io.github.goblinfish.metrics.trackers.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One runtime process: the runtime interface client in a child JVM, in a session of its own so that
 * killing it also kills every process its function started.
 *
 * <p>Thread-safe: {@link #kill()} and {@link #terminate()} may be called from any thread; the
 * listener is called from the process's reader and exit threads.
 */
final class RuntimeProcess {
  /** Receives what a runtime process writes and when it ends. */
  interface Listener {
    void log(RuntimeProcess runtime, LogEvent event);

    /** The telemetry stream is no longer frames: later log calls cannot be read. */
    void telemetryBroken(RuntimeProcess runtime, String problem);

    /** Called once the process and everything it started are gone and its output is read. */
    void exited(RuntimeProcess runtime, int exitCode);
  }

  private static final String SETSID = "/usr/bin/setsid";

  final long startNanos;
  private final Process process;
  private final RuntimeOutput output;
  private final boolean ownSession;
  private final AtomicBoolean killed = new AtomicBoolean();

  private RuntimeProcess(
      Process process,
      long startNanos,
      boolean ownSession,
      Listener listener,
      Path telemetry,
      Path stdout) {
    this.process = process;
    this.startNanos = startNanos;
    this.ownSession = ownSession;
    this.output = new RuntimeOutput(this, listener, telemetry, stdout);
  }

  /**
   * Starts runtime number {@code n}: named pipes and its environment script in {@code tempDir}.
   * {@code adopt} sees the process before any of its output reaches the listener; when it declines
   * (the run is stopping), the process is killed and {@code null} returned.
   */
  static RuntimeProcess start(
      RuntimeLaunch launch, Path tempDir, int n, Listener listener, Predicate<RuntimeProcess> adopt)
      throws LocalInvokeException {
    Path telemetryFifo = tempDir.resolve("telemetry-" + n);
    Path stdoutFifo = tempDir.resolve("stdout-" + n);
    Path envScript = tempDir.resolve("env-" + n);
    mkfifo(telemetryFifo, stdoutFifo);
    try {
      Files.write(
          envScript,
          launch.environmentScript().getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new LocalInvokeException("cannot write " + envScript + ": " + e.getMessage(), 1, e);
    }
    List<String> command = new ArrayList<>();
    boolean ownSession = Files.isExecutable(Path.of(SETSID));
    if (ownSession) {
      command.add(SETSID);
    }
    command.add("/bin/sh");
    command.add("-c");
    // Lambda hands the runtime an extra descriptor for framed logs; ProcessBuilder cannot, so a
    // shell opens fd 3 on a named pipe before becoming the JVM. Stdout and stderr share a second
    // pipe, as Lambda merges them. The shell also reads the environment, as bytes. It opens the
    // pipes read-write, which never blocks: a runner that died before reading cannot leave it
    // waiting forever, short of the JVM whose parent watch would end it.
    command.add("e=$1; t=$2; o=$3; shift 3; . \"$e\"; exec 3<>\"$t\" 1<>\"$o\" 2>&1; exec \"$@\"");
    command.add("local-invoke");
    command.add(envScript.toString());
    command.add(telemetryFifo.toString());
    command.add(stdoutFifo.toString());
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launch.javaArguments());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(launch.spec.taskRoot().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            // Only the shell can write here, if it cannot open the pipes.
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().clear();
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LocalInvokeException(
          "cannot start " + command.get(0) + ": " + e.getMessage(), 1, e);
    }
    RuntimeProcess runtime =
        new RuntimeProcess(process, start, ownSession, listener, telemetryFifo, stdoutFifo);
    if (!adopt.test(runtime)) {
      runtime.kill();
      runtime.awaitGone();
      return null;
    }
    runtime.output.start();
    daemon("local-invoke-exit", () -> runtime.awaitExit(listener));
    return runtime;
  }

  private void awaitExit(Listener listener) {
    int code;
    try {
      code = process.waitFor();
      // On Lambda nothing of an execution environment outlives its runtime.
      killSession();
      output.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    listener.exited(this, code);
  }

  long pid() {
    return process.pid();
  }

  /** Waits until everything the runtime wrote so far has reached the listener. */
  void drain() {
    output.drain();
  }

  /**
   * Kills the runtime and every process it started, without waiting and without starting any
   * process (callers may hold a lock).
   */
  void kill() {
    if (!killed.compareAndSet(false, true)) {
      process.destroyForcibly();
      return;
    }
    // Children first seen here die with it; any that escape (started meanwhile, or orphaned) are
    // still in its session, which the exit thread kills once the runtime is gone.
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /** Asks the runtime to stop (SIGTERM), then kills what is left; waits until it is gone. */
  void terminate() {
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        kill();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
    killSession();
  }

  /** Waits (a bounded time) until the runtime has exited. */
  void awaitGone() {
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // reported by the caller's own checks
    }
  }

  /**
   * SIGKILL to the runtime's session: also reaches processes the function started whose parent has
   * already died.
   */
  private void killSession() {
    if (!ownSession) {
      return;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      CompletableFuture<Process> done = kill.onExit();
      done.get(5, TimeUnit.SECONDS);
    } catch (IOException | ExecutionException | TimeoutException e) {
      // no such group: nothing is left
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void mkfifo(Path... fifos) throws LocalInvokeException {
    List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    for (Path fifo : fifos) {
      command.add(fifo.toString());
    }
    try {
      Process mk = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output =
          new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (mk.waitFor() != 0) {
        throw new LocalInvokeException("mkfifo failed: " + output, 1, null);
      }
    } catch (IOException e) {
      throw new LocalInvokeException("cannot run mkfifo: " + e.getMessage(), 1, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalInvokeException("interrupted", 1, e);
    }
  }
}
