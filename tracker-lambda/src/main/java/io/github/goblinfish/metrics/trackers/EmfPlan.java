package io.github.goblinfish.metrics.trackers;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EMF members of one line, planned from its record: which dimension sets are complete, which
 * latencies and metrics are declared under which names, and what is left out with a warning.
 */
final class EmfPlan implements JsonLine.Addition {
  private static final int WARNING_NAMES = 5;
  private static final int WARNING_NAME_CHARS = 60;

  /** One declared metric: its root member name and where its value comes from. */
  static final class Declared {
    final String name;
    final boolean latency;
    final long nanos;
    final Object value;
    final EmfUnit unit;
    final boolean highResolution;

    Declared(String name, boolean latency, long nanos, Object value, EmfUnit unit, boolean high) {
      this.name = name;
      this.latency = latency;
      this.nanos = nanos;
      this.value = value;
      this.unit = unit;
      this.highResolution = high;
    }
  }

  private final EmfLineFormat format;
  private final long timestamp;
  private final List<String> warnings = new ArrayList<>(2);
  private final List<List<String>> sets = new ArrayList<>();
  private final List<Declared> declared = new ArrayList<>();
  private final boolean writeService;

  EmfPlan(EmfLineFormat format, long timestamp, RunRecord record) {
    this.format = format;
    this.timestamp = timestamp;
    String service = format.serviceName();
    Map<String, Object> values = new HashMap<>();
    ValueTable identifiers = record.identifiers;
    for (int i = 0; i < identifiers.size; i++) {
      values.put(identifiers.names[i], identifiers.values[i]);
    }

    writeService = service != null && !values.containsKey(EmfLineFormat.SERVICE_MEMBER);
    if (writeService) {
      values.put(EmfLineFormat.SERVICE_MEMBER, service);
    } else if (service != null && !service.equals(values.get(EmfLineFormat.SERVICE_MEMBER))) {
      warnings.add(
          "EMF: the identifier '"
              + EmfLineFormat.SERVICE_MEMBER
              + "' is kept, so the configured service "
              + quoted(service)
              + " is not written");
    }

    planDimensions(values);

    List<String> badValues = new ArrayList<>();
    List<String> badNames = new ArrayList<>();
    List<String> takenNames = new ArrayList<>();
    LatencyTable latencies = record.latencies;
    for (int i = 0; i < latencies.size; i++) {
      declare(
          EmfLineFormat.LATENCY_PREFIX,
          latencies.names[i],
          true,
          latencies.totalNanos[i],
          null,
          EmfUnit.MILLISECONDS,
          values,
          badNames,
          takenNames);
    }
    ValueTable metrics = record.metrics;
    for (int i = 0; i < metrics.size; i++) {
      Object value = metrics.values[i];
      if (value instanceof String) {
        continue;
      }
      String name = metrics.names[i];
      if (!EmfRules.acceptedValue(value)) {
        badValues.add(name);
        continue;
      }
      declare(
          EmfLineFormat.METRIC_PREFIX,
          name,
          false,
          0L,
          value,
          format.unitOf(name),
          values,
          badNames,
          takenNames);
    }
    warn(
        badValues,
        "metrics not declared: their values are not numbers CloudWatch accepts"
            + " (null, NaN, infinite, or beyond 2^360 or below 2^-360 in magnitude)");
    warn(
        badNames,
        "metric names not declared: not 1 to "
            + EmfRules.MAX_METRIC_NAME_CHARS
            + " printable ASCII characters");
    warn(takenNames, "metric names not declared: an identifier has the same name");
  }

  private void planDimensions(Map<String, Object> values) {
    Set<String> missing = new LinkedHashSet<>();
    int dropped = 0;
    List<List<String>> configured = format.dimensions();
    for (List<String> set : configured) {
      boolean complete = true;
      for (String name : set) {
        if (!EmfRules.acceptedDimensionValue(values.get(name))) {
          missing.add(name);
          complete = false;
        }
      }
      if (complete) {
        sets.add(set);
      } else {
        dropped++;
      }
    }
    if (dropped > 0) {
      warnings.add(
          "EMF: "
              + dropped
              + " of "
              + configured.size()
              + " dimension sets left out: no identifier holds text of 1 to "
              + EmfRules.MAX_DIMENSION_VALUE_CHARS
              + " printable ASCII characters for "
              + names(new ArrayList<>(missing))
              + (sets.isEmpty() ? "; metrics declared with no dimensions" : ""));
    }
    if (sets.isEmpty()) {
      sets.add(List.of());
    }
  }

  private void declare(
      String prefix,
      String entryName,
      boolean latency,
      long nanos,
      Object value,
      EmfUnit unit,
      Map<String, Object> rootMembers,
      List<String> badNames,
      List<String> takenNames) {
    String name = prefix + entryName;
    if (!EmfRules.acceptedMetricName(name)) {
      badNames.add(name);
    } else if (rootMembers.containsKey(name) || ProcessTracker.RESERVED_NAMES.contains(name)) {
      // Declared names cannot meet each other: names are unique within latencies and within
      // metrics, and the two prefixes differ. Only identifiers and the line's keys can clash.
      takenNames.add(name);
    } else {
      declared.add(
          new Declared(name, latency, nanos, value, unit, format.isHighResolution(entryName)));
    }
  }

  private void warn(List<String> names, String what) {
    if (!names.isEmpty()) {
      warnings.add("EMF: " + names.size() + " " + what + ": " + names(names));
    }
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public void writeFirst(JsonWriter json) throws IOException {
    json.name("_aws").beginObject();
    json.name("Timestamp").value(timestamp);
    json.name("CloudWatchMetrics").beginArray();
    int next = 0;
    do {
      format.writeDirectiveHead(json, sets);
      int end = Math.min(declared.size(), next + EmfRules.MAX_METRICS_PER_DIRECTIVE);
      for (; next < end; next++) {
        Declared metric = declared.get(next);
        json.beginObject().name("Name").value(metric.name);
        if (metric.unit != EmfUnit.NONE) {
          json.name("Unit").value(metric.unit.emfName());
        }
        if (metric.highResolution) {
          json.name("StorageResolution").value(1);
        }
        json.endObject();
      }
      json.endArray().endObject();
    } while (next < declared.size());
    json.endArray();
    json.endObject();
  }

  @Override
  public void writeLast(JsonWriter json, LineWriter out) throws IOException {
    if (writeService) {
      json.name(EmfLineFormat.SERVICE_MEMBER).value(format.serviceName());
    }
    for (Declared metric : declared) {
      json.name(metric.name);
      if (metric.latency) {
        json.jsonValue("");
        out.appendMillis(metric.nanos);
      } else {
        JsonLine.writeValue(json, metric.value);
      }
    }
  }

  /** Up to five names, quoted and shortened, then how many more. */
  static String names(List<String> names) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(names.size(), WARNING_NAMES);
    for (int i = 0; i < shown; i++) {
      text.append(i == 0 ? "" : ", ").append(quoted(names.get(i)));
    }
    if (names.size() > shown) {
      text.append(" and ").append(names.size() - shown).append(" more");
    }
    return text.toString();
  }

  private static String quoted(String name) {
    String cut = Text.cut(name, WARNING_NAME_CHARS);
    return "'" + cut + (cut.length() < name.length() ? "...'" : "'");
  }
}
