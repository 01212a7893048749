package io.github.goblinfish.metrics.trackers.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One invocation while the run goes on: what the scheduler and the log router fill in, turned into
 * the immutable {@link Invocation} once the run is over.
 *
 * <p>Not thread-safe by itself: the outcome fields are guarded by the {@link Scheduler}'s lock, the
 * two log lists by the {@link LogRouter}'s lock.
 */
final class InvocationState {
  final String requestId;
  final byte[] event;

  // Guarded by the scheduler's lock.
  byte[] responseBody;
  byte[] errorBody;
  String functionErrorType;
  boolean timedOut;
  long dispatchedNanos;
  long completedNanos;
  long deadlineEpochMs;
  String traceHeader;

  /** The first invocation its runtime ran: the runtime's init logs and figures go with it. */
  boolean ranInit;

  /** From starting the runtime JVM until it asked for its first event; with {@link #ranInit}. */
  Duration initDuration;

  /** SnapStart: from the restore until the runtime asked for its first event; or null. */
  Duration restoreDuration;

  // Guarded by the log router's lock.
  final List<LogEvent> initLogs = new ArrayList<>();
  final List<LogEvent> logs = new ArrayList<>();

  InvocationState(String requestId, byte[] event) {
    this.requestId = requestId;
    this.event = event;
  }

  boolean hasResult() {
    return responseBody != null || errorBody != null;
  }

  /** Records a failure unless the runtime already posted an outcome. */
  void fail(String type, String errorJson) {
    if (!hasResult()) {
      errorBody = errorJson.getBytes(StandardCharsets.UTF_8);
      functionErrorType = type;
      completedNanos = System.nanoTime();
    }
  }

  /**
   * The result; called once every thread of the run has stopped.
   *
   * @param initType how Lambda initialised the environment, which decides what its REPORT shows
   */
  Invocation toInvocation(String initType) {
    Duration duration =
        completedNanos == 0 || dispatchedNanos == 0
            ? Duration.ZERO
            : Duration.ofNanos(completedNanos - dispatchedNanos);
    return new Invocation(
        requestId,
        event,
        responseBody,
        errorBody,
        functionErrorType,
        timedOut,
        duration,
        ranInit,
        ranInit && FunctionSpec.reportsInitDuration(initType) ? initDuration : null,
        ranInit ? restoreDuration : null,
        deadlineEpochMs,
        traceHeader,
        initLogs,
        logs);
  }
}
