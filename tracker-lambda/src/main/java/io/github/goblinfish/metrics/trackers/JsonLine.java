package io.github.goblinfish.metrics.trackers;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.List;

/**
 * Writes a record as the default line with Gson's streaming {@link JsonWriter}, which does all the
 * escaping; this class only decides what goes in and in which order. A format built on the default
 * line (EMF) adds members through {@link Addition}.
 */
final class JsonLine {
  private JsonLine() {}

  /** Members added to the default line, and warnings added to the record's. */
  interface Addition {
    /** Warnings written after the record's own in {@code tracker_warnings}. */
    List<String> warnings();

    /**
     * Writes members right after the identifiers, which then open the line: Logs Insights discovers
     * a limited number of fields per event, in order, and the identifiers find the invocation.
     */
    void writeFirst(JsonWriter json) throws IOException;

    /**
     * Writes members right before the line's closing brace; figures may be appended straight into
     * {@code out}, as the default members' are.
     */
    void writeLast(JsonWriter json, LineWriter out) throws IOException;
  }

  /**
   * Writes {@code record} into {@code out}: {@code latencies} (the process first), {@code
   * latency_counts} (names timed more than once), {@code untracked} (when told), {@code metrics},
   * {@code init} and {@code init_steps} (on the process's first line), {@code tracker_warnings}
   * (when there are any), then the identifiers as top-level keys. With an addition, the identifiers
   * come first instead, followed by what the addition writes first.
   */
  static void write(RunRecord record, JsonWriter json, LineWriter out, Addition addition)
      throws IOException {
    json.beginObject();
    if (addition != null) {
      writeValues(json, record.identifiers);
      addition.writeFirst(json);
    }
    json.name("latencies").beginObject();
    boolean repeated = false;
    LatencyTable latencies = record.latencies;
    for (int i = 0; i < latencies.size; i++) {
      json.name(latencies.names[i]);
      // An empty raw value makes the writer put the name, colon and commas where they belong; the
      // figure's digits then go straight into the same unbuffered writer, with no String per
      // figure.
      json.jsonValue("");
      out.appendMillis(latencies.totalNanos[i]);
      repeated |= latencies.counts[i] > 1;
    }
    json.endObject();
    if (repeated) {
      json.name("latency_counts").beginObject();
      for (int i = 0; i < latencies.size; i++) {
        if (latencies.counts[i] > 1) {
          json.name(latencies.names[i]).value(latencies.counts[i]);
        }
      }
      json.endObject();
    }
    if (record.untrackedNanos >= 0) {
      json.name("untracked").jsonValue("");
      out.appendMillis(record.untrackedNanos);
    }
    json.name("metrics").beginObject();
    writeValues(json, record.metrics);
    json.endObject();
    writeMillis(json, out, "init", record.initParts);
    writeMillis(json, out, "init_steps", record.initSteps);
    if (addition == null) {
      writeWarnings(json, record, List.of());
      writeValues(json, record.identifiers);
    } else {
      writeWarnings(json, record, addition.warnings());
      addition.writeLast(json, out);
    }
    json.endObject();
  }

  /** An object of milliseconds, like the latencies, when {@code table} holds any. */
  private static void writeMillis(JsonWriter json, LineWriter out, String name, LatencyTable table)
      throws IOException {
    if (table == null || table.size == 0) {
      return;
    }
    json.name(name).beginObject();
    for (int i = 0; i < table.size; i++) {
      json.name(table.names[i]).jsonValue("");
      out.appendMillis(table.totalNanos[i]);
    }
    json.endObject();
  }

  /** At most {@value RunRecord#MAX_WARNINGS} warnings in all, then how many more there were. */
  private static void writeWarnings(JsonWriter json, RunRecord record, List<String> added)
      throws IOException {
    List<String> own = record.warnings;
    if (own.isEmpty() && added.isEmpty() && record.omittedWarnings == 0) {
      return;
    }
    json.name("tracker_warnings").beginArray();
    // The format's own warnings (at most a handful) always show: the record's give way to them.
    int addedShown = Math.min(added.size(), RunRecord.MAX_WARNINGS);
    int ownShown = Math.min(own.size(), RunRecord.MAX_WARNINGS - addedShown);
    for (int i = 0; i < ownShown; i++) {
      json.value(Text.withoutLoneSurrogates(own.get(i)));
    }
    for (int i = 0; i < addedShown; i++) {
      json.value(Text.withoutLoneSurrogates(added.get(i)));
    }
    int omitted = record.omittedWarnings + (own.size() - ownShown) + (added.size() - addedShown);
    if (omitted > 0) {
      json.value("and " + omitted + " more warnings");
    }
    json.endArray();
  }

  private static void writeValues(JsonWriter json, ValueTable table) throws IOException {
    for (int i = 0; i < table.size; i++) {
      json.name(table.names[i]);
      writeValue(json, table.values[i]);
    }
  }

  /**
   * Writes a recorded value. Numbers are only ever of the JDK's own final or exact classes (see
   * {@link Values}), so their JSON text is always a valid number; NaN and the infinities, which
   * JSON has no number for, are written as strings.
   */
  static void writeValue(JsonWriter json, Object value) throws IOException {
    if (value == null) {
      json.nullValue();
    } else if (value instanceof String) {
      json.value(Text.withoutLoneSurrogates((String) value));
    } else if (value instanceof Boolean) {
      json.value((boolean) (Boolean) value);
    } else if (value instanceof Long) {
      json.value((long) (Long) value);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number)) {
        json.value("NaN");
      } else if (Double.isInfinite(number)) {
        json.value(number > 0 ? "Infinity" : "-Infinity");
      } else {
        json.value((Number) value);
      }
    } else {
      json.value((Number) value);
    }
  }
}
