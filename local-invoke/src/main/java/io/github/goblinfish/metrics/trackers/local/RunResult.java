package io.github.goblinfish.metrics.trackers.local;

import java.util.List;

/**
 * Everything one run produced: the invocations in the order they were sent, and any log events that
 * could not be tied to one invocation (only possible with {@code --concurrency}).
 *
 * <pre>{@code
 * RunResult run = LocalInvoke.invoke(fn, List.of("{}"), 3, 1);   // one cold, two warm
 * run.invocations().forEach(i -> System.out.println(i.duration() + " " + i.initDuration()));
 * System.exit(run.exitCode());
 * }</pre>
 *
 * <p>Immutable once the run has returned it; safe to read from any thread.
 */
public final class RunResult {
  private final List<Invocation> invocations;
  private final List<LogEvent> unattributed;
  private final List<String> problems;

  RunResult(List<Invocation> invocations, List<LogEvent> unattributed, List<String> problems) {
    this.invocations = List.copyOf(invocations);
    this.unattributed = List.copyOf(unattributed);
    this.problems = List.copyOf(problems);
  }

  /**
   * @return the invocations in the order they were sent
   */
  public List<Invocation> invocations() {
    return invocations;
  }

  /**
   * @return log events written while several invocations were in flight and not attributable to one
   */
  public List<LogEvent> unattributedLogs() {
    return unattributed;
  }

  /**
   * Problems of the run itself rather than of one invocation, one line each: a telemetry log stream
   * that broke, so later log events of that runtime were lost.
   *
   * @return the problems, empty for a sound run
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * @return true when every invocation succeeded and the run had no problem
   */
  public boolean succeeded() {
    return problems.isEmpty() && invocations.stream().allMatch(Invocation::succeeded);
  }

  /**
   * @return 0 when the run {@link #succeeded()}, 1 otherwise
   */
  public int exitCode() {
    return succeeded() ? 0 : 1;
  }
}
