package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ties each log event to the invocation it belongs to: the request id it names, else the only
 * invocation in flight on its runtime, else (before the first dispatch) the runtime's start-up;
 * what fits none is kept as unattributed.
 *
 * <p>Thread-safe: its own lock guards its state and the log lists of the invocations, and it never
 * calls out while holding it, so the scheduler may call it under its own lock.
 */
final class LogRouter {
  private final Object lock = new Object();
  private final Map<String, InvocationState> byId;
  private final Map<RuntimeProcess, List<LogEvent>> startupLogs = new HashMap<>();
  private final List<InvocationState> inFlight = new ArrayList<>();
  private final List<LogEvent> unattributed = new ArrayList<>();
  private boolean stopped;

  LogRouter(List<InvocationState> invocations) {
    Map<String, InvocationState> ids = new HashMap<>();
    invocations.forEach(i -> ids.put(i.requestId, i));
    this.byId = Map.copyOf(ids);
  }

  /** A runtime started: what it logs before its first event is its start-up. */
  void started(RuntimeProcess runtime) {
    synchronized (lock) {
      startupLogs.put(runtime, new ArrayList<>());
    }
  }

  /** An event was handed to {@code runtime}; the first one gets the runtime's start-up logs. */
  void dispatched(RuntimeProcess runtime, InvocationState invocation) {
    synchronized (lock) {
      List<LogEvent> startup = startupLogs.remove(runtime);
      if (startup != null) {
        invocation.initLogs.addAll(startup);
      }
      inFlight.add(invocation);
    }
  }

  /** The init turned out to be another invocation's: its start-up logs go with it. */
  void moveInit(InvocationState from, InvocationState to) {
    synchronized (lock) {
      to.initLogs.addAll(0, from.initLogs);
      from.initLogs.clear();
    }
  }

  /** The runtime failed to start: its start-up logs belong to the invocation that started it. */
  void startupFailed(RuntimeProcess runtime, InvocationState invocation) {
    synchronized (lock) {
      List<LogEvent> startup = startupLogs.remove(runtime);
      if (startup != null) {
        invocation.initLogs.addAll(startup);
      }
    }
  }

  /** The runtime asked for its next event after finishing this one: no more logs are its. */
  void closed(InvocationState invocation) {
    synchronized (lock) {
      inFlight.remove(invocation);
    }
  }

  /** A line the platform writes for an invocation. */
  void platform(InvocationState invocation, String text) {
    synchronized (lock) {
      invocation.logs.add(LogEvent.platform(text));
    }
  }

  void route(RuntimeProcess runtime, LogEvent event) {
    String id = requestIdOf(event);
    synchronized (lock) {
      if (stopped) {
        return;
      }
      InvocationState target = id == null ? null : byId.get(id);
      if (target == null) {
        List<LogEvent> startup = startupLogs.get(runtime);
        if (startup != null) {
          startup.add(event);
          return;
        }
        if (inFlight.size() == 1) {
          target = inFlight.get(0);
        }
      }
      if (target == null) {
        unattributed.add(event);
      } else {
        target.logs.add(event);
      }
    }
  }

  /** Whatever a runtime writes from now on is its shutdown, not part of any invocation. */
  void stop() {
    synchronized (lock) {
      stopped = true;
    }
  }

  List<LogEvent> unattributed() {
    synchronized (lock) {
      return List.copyOf(unattributed);
    }
  }

  /**
   * The request id an event names: the JSON log format's wrapper carries {@code AWSRequestId}; a
   * tracker line written as raw bytes carries none, but has its own {@code request_id}. Either
   * tells concurrent invocations apart.
   */
  static String requestIdOf(LogEvent event) {
    String text = event.text();
    if (!text.startsWith("{")
        || !(text.contains("\"AWSRequestId\"") || text.contains("\"request_id\""))) {
      return null;
    }
    try {
      JsonElement element = JsonParser.parseString(text);
      if (!element.isJsonObject()) {
        return null;
      }
      JsonElement id = element.getAsJsonObject().get("AWSRequestId");
      if (id == null) {
        id = element.getAsJsonObject().get("request_id");
      }
      if (id != null && id.isJsonPrimitive()) {
        return id.getAsString();
      }
    } catch (JsonParseException e) {
      // not JSON: an ordinary line
    }
    return null;
  }
}
