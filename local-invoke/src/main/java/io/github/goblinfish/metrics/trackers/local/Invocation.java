package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one invocation: the response or error body the runtime posted, its timing, and the
 * log events attributed to it.
 *
 * <pre>{@code
 * RunResult run = LocalInvoke.invoke(fn, List.of("{\"orderId\":\"o-1\"}"), 1, 0);
 * Invocation first = run.invocations().get(0);
 * if (first.succeeded()) {
 *     System.out.println(first.response().orElseThrow());
 * } else {
 *     System.out.println(first.errorType() + ": " + first.error().orElseThrow());
 * }
 * first.trackerLines().forEach(t -> System.out.println(t.latenciesMs()));
 * }</pre>
 *
 * <p>Immutable and thread-safe: the runner builds it once the run is over.
 */
public final class Invocation {
  private final String requestId;
  private final byte[] event;
  private final byte[] responseBody;
  private final byte[] errorBody;
  private final String functionErrorType;
  private final boolean timedOut;
  private final Duration duration;
  private final boolean ranInit;
  private final Duration initDuration;
  private final Duration restoreDuration;
  private final long deadlineEpochMs;
  private final String traceHeader;
  private final List<LogEvent> initLogs;
  private final List<LogEvent> logs;

  Invocation(
      String requestId,
      byte[] event,
      byte[] responseBody,
      byte[] errorBody,
      String functionErrorType,
      boolean timedOut,
      Duration duration,
      boolean ranInit,
      Duration initDuration,
      Duration restoreDuration,
      long deadlineEpochMs,
      String traceHeader,
      List<LogEvent> initLogs,
      List<LogEvent> logs) {
    this.requestId = requestId;
    this.event = event.clone();
    this.responseBody = responseBody == null ? null : responseBody.clone();
    this.errorBody = errorBody == null ? null : errorBody.clone();
    this.functionErrorType = functionErrorType;
    this.timedOut = timedOut;
    this.duration = duration;
    this.ranInit = ranInit;
    this.initDuration = initDuration;
    this.restoreDuration = restoreDuration;
    this.deadlineEpochMs = deadlineEpochMs;
    this.traceHeader = traceHeader;
    this.initLogs = List.copyOf(initLogs);
    this.logs = List.copyOf(logs);
  }

  /**
   * @return the request id sent in {@code Lambda-Runtime-Aws-Request-Id}
   */
  public String requestId() {
    return requestId;
  }

  /**
   * @return the event payload that was sent
   */
  public String event() {
    return new String(event, StandardCharsets.UTF_8);
  }

  /**
   * @return true when the function returned a response
   */
  public boolean succeeded() {
    return responseBody != null;
  }

  /**
   * @return true when the invocation hit the function's timeout
   */
  public boolean timedOut() {
    return timedOut;
  }

  /**
   * @return the response body as posted by the runtime, if the function succeeded
   */
  public Optional<String> response() {
    return Optional.ofNullable(responseBody).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /**
   * @return the error body ({@code {errorMessage, errorType, stackTrace}}), if the invocation
   *     failed
   */
  public Optional<String> error() {
    return Optional.ofNullable(errorBody).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /**
   * The error's type: {@code errorType} from the error body (e.g. {@code
   * java.lang.IllegalStateException}, {@code Sandbox.Timedout}), falling back to the runtime's
   * error category.
   *
   * @return the error type, or {@code null} when the invocation succeeded
   */
  public String errorType() {
    if (errorBody == null) {
      return null;
    }
    try {
      JsonElement body = JsonParser.parseString(new String(errorBody, StandardCharsets.UTF_8));
      if (body.isJsonObject() && body.getAsJsonObject().has("errorType")) {
        return body.getAsJsonObject().get("errorType").getAsString();
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      // not JSON: fall through to the category
    }
    return functionErrorType;
  }

  /**
   * The error category, as the runtime sent it in {@code Lambda-Runtime-Function-Error-Type} (e.g.
   * {@code Runtime.UserException}, {@code Runtime.BadFunctionCode}) or as the runner set it ({@code
   * Sandbox.Timedout}, {@code Runtime.ExitError}).
   *
   * @return the category, or {@code null} when the invocation succeeded
   */
  public String errorCategory() {
    return errorBody == null ? null : functionErrorType;
  }

  /**
   * @return time from handing the event to the runtime until its response or error arrived
   */
  public Duration duration() {
    return duration;
  }

  /**
   * The Init Duration of the invocation's REPORT line: for the invocation that ran first on a new
   * runtime (the one whose line says {@code cold_start}), the time from starting the runtime JVM
   * until it asked for its first event. As on Lambda, there is none with provisioned concurrency or
   * Lambda Managed Instances (the environment is initialised before any request) nor with SnapStart
   * (its REPORT shows the Restore Duration instead).
   *
   * @return the Init Duration, if its REPORT shows one
   */
  public Optional<Duration> initDuration() {
    return Optional.ofNullable(initDuration);
  }

  /**
   * SnapStart's Restore Duration: for the first invocation after a restore, from the restore until
   * the runtime (its after-restore hooks run) asked for its first event.
   */
  Optional<Duration> restoreDuration() {
    return Optional.ofNullable(restoreDuration);
  }

  /**
   * Whether the invocation ran first on a new runtime: the runtime's INIT phase and its {@link
   * #initLogs()} come before it, whatever the initialisation type.
   */
  boolean ranInit() {
    return ranInit;
  }

  /**
   * Whether a caller waited for an initialisation: its REPORT has an Init Duration or a Restore
   * Duration. Provisioned concurrency and Managed Instances initialise ahead of requests.
   */
  boolean coldStart() {
    return initDuration != null || restoreDuration != null;
  }

  /**
   * @return the deadline sent in {@code Lambda-Runtime-Deadline-Ms} (epoch ms), 0 if never
   *     dispatched
   */
  public long deadlineEpochMs() {
    return deadlineEpochMs;
  }

  /**
   * The X-Ray trace header sent with this invocation ({@code Lambda-Runtime-Trace-Id}), or null
   * before the runtime asked for it.
   *
   * @return the header, such as {@code Root=1-...;Parent=...;Sampled=0}
   */
  public String traceHeader() {
    return traceHeader;
  }

  /**
   * @return log events written while the runtime started (only for the invocation that ran first in
   *     it: see {@link #initDuration()}), in arrival order
   */
  public List<LogEvent> initLogs() {
    return initLogs;
  }

  /**
   * @return log events written during this invocation, in arrival order
   */
  public List<LogEvent> logs() {
    return logs;
  }

  /**
   * @return the tracker lines among {@link #logs()}
   */
  public List<TrackerLine> trackerLines() {
    List<TrackerLine> lines = new ArrayList<>();
    for (LogEvent e : logs) {
      TrackerLine.parse(e.text()).ifPresent(lines::add);
    }
    return lines;
  }
}
