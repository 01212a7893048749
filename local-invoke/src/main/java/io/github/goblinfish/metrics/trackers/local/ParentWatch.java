package io.github.goblinfish.metrics.trackers.local;

import java.util.Optional;

/**
 * A Java agent the runner starts each runtime JVM with: when the runner process is gone (even
 * killed with SIGKILL, which runs no shutdown hook), the runtime kills what it started and halts,
 * so no runtime outlives its runner. Not for use outside the runner.
 *
 * <pre>{@code
 * java -javaagent:parent-watch.jar=<runner pid> ... AWSLambda <handler>
 * }</pre>
 *
 * <p>Thread-safe: it only starts one daemon thread.
 */
public final class ParentWatch {
  private static final long POLL_MILLIS = 200;

  private ParentWatch() {}

  /**
   * Agent entry point: watches the process whose pid is {@code runnerPid}.
   *
   * @param runnerPid the runner's process id, in decimal
   */
  public static void premain(String runnerPid) {
    Optional<ProcessHandle> runner;
    try {
      runner = ProcessHandle.of(Long.parseLong(runnerPid.trim()));
    } catch (RuntimeException e) {
      return;
    }
    if (runner.isEmpty()) {
      halt();
    }
    ProcessHandle watched = runner.get();
    Thread watcher =
        new Thread(
            () -> {
              while (watched.isAlive()) {
                try {
                  Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
              halt();
            },
            "local-invoke-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void halt() {
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    Runtime.getRuntime().halt(137);
  }
}
