package io.github.goblinfish.metrics.trackers.local;

import java.util.List;

/**
 * Everything one run produced: the invocations in the order they were sent, and any log events
 * that could not be tied to one invocation (only possible with {@code --concurrency}).
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

    RunResult(List<Invocation> invocations, List<LogEvent> unattributed) {
        this.invocations = List.copyOf(invocations);
        this.unattributed = List.copyOf(unattributed);
    }

    /** @return the invocations in the order they were sent */
    public List<Invocation> invocations() {
        return invocations;
    }

    /** @return log events written while several invocations were in flight and not attributable to one */
    public List<LogEvent> unattributedLogs() {
        return unattributed;
    }

    /** @return true when every invocation succeeded */
    public boolean succeeded() {
        return invocations.stream().allMatch(Invocation::succeeded);
    }

    /** @return 0 when every invocation succeeded, 1 otherwise */
    public int exitCode() {
        return succeeded() ? 0 : 1;
    }
}
