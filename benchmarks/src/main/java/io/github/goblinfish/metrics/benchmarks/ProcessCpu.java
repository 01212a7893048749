package io.github.goblinfish.metrics.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a running process has used so far, read from Linux's {@code /proc/<pid>/task/*}: in
 * all its threads, and in its busiest thread named {@code java} (the launcher's thread, which runs
 * {@code main}: the runtime client, the handler's construction and the invocations). Unlike
 * wall-clock time, it barely moves with the machine's load, so it shows what a library adds whether
 * or not a spare core can absorb work done on other threads.
 *
 * <pre>{@code
 * ProcessCpu cpu = ProcessCpu.read(Path.of("/proc", Long.toString(process.pid()), "task"));
 * double mainMs = cpu.mainMs;
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class ProcessCpu {
  /** Where a reading could not be taken (not Linux, or the process is gone). */
  static final ProcessCpu UNKNOWN = new ProcessCpu(Double.NaN, Double.NaN);

  final double allMs;
  final double mainMs;

  private ProcessCpu(double allMs, double mainMs) {
    this.allMs = allMs;
    this.mainMs = mainMs;
  }

  /**
   * Reads every thread's {@code comm} (its name) and {@code schedstat} (whose first field is the
   * nanoseconds it has run on a CPU).
   *
   * @param taskFolder {@code /proc/<pid>/task}
   * @return the reading, or {@link #UNKNOWN} when the folder cannot be read
   */
  static ProcessCpu read(Path taskFolder) {
    long all = 0;
    long main = -1;
    try (var tasks = Files.list(taskFolder)) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
        String schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8);
        long nanos = Long.parseLong(schedstat.trim().split(" ")[0]);
        all += nanos;
        if (name.equals("java")) {
          main = Math.max(main, nanos);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      return UNKNOWN;
    }
    return main < 0 ? UNKNOWN : new ProcessCpu(all / 1e6, main / 1e6);
  }
}
