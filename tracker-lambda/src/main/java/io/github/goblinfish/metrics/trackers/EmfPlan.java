package io.github.goblinfish.metrics.trackers;

import com.google.gson.stream.JsonWriter;
import io.github.goblinfish.metrics.trackers.internal.Names;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
  private static final String UNTRACKED = "untracked";
  private static final int WARNING_NAME_CHARS = 60;

  /** One metric's root member: its name and where its value comes from. */
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

  private final EmfSettings format;
  private final long timestamp;
  private final List<String> warnings = new ArrayList<>(2);
  private final List<List<String>> sets = new ArrayList<>();

  /** Every metric's root member; the first {@link #declaredCount} are declared in {@code _aws}. */
  private final List<Declared> members = new ArrayList<>();

  private final int declaredCount;
  private final boolean writeService;

  /** The names whose values no dimension could take; null when there are none. */
  private Set<String> refused;

  /**
   * Plans the line of {@code record}. {@code refusedDimensions} holds the names whose values a
   * dimension could not take in an earlier pass of the same line: a cut line shortens long values,
   * and must not turn a value refused in the whole line into an accepted one.
   */
  EmfPlan(
      EmfSettings format,
      long timestamp,
      String timestampWarning,
      Set<String> refusedDimensions,
      RunRecord record) {
    this.format = format;
    this.timestamp = timestamp;
    this.refused = refusedDimensions;
    if (timestampWarning != null) {
      warnings.add(timestampWarning);
    }
    String service = format.serviceName();
    Map<String, Object> values = new HashMap<>();
    ValueTable identifiers = record.identifiers;
    for (int i = 0; i < identifiers.size; i++) {
      values.put(identifiers.names[i], identifiers.values[i]);
    }

    writeService = service != null && !values.containsKey(EmfSettings.SERVICE_MEMBER);
    if (writeService) {
      values.put(EmfSettings.SERVICE_MEMBER, service);
    } else if (service != null && !service.equals(values.get(EmfSettings.SERVICE_MEMBER))) {
      warnings.add(
          "EMF: the identifier '"
              + EmfSettings.SERVICE_MEMBER
              + "' is kept, so the configured service "
              + quoted(service)
              + " is not written");
    }

    planDimensions(values);

    List<String> badValues = new ArrayList<>();
    List<String> badNames = new ArrayList<>();
    List<String> takenNames = new ArrayList<>();
    List<String> latencyUnits = null;
    LatencyTable latencies = record.latencies;
    ValueTable metrics = record.metrics;
    for (int i = 0; i < latencies.size; i++) {
      String name = latencies.names[i];
      declare(
          EmfSettings.LATENCY_PREFIX,
          name,
          true,
          latencies.totalNanos[i],
          null,
          EmfUnit.MILLISECONDS,
          values,
          badNames,
          takenNames);
      if (format.hasUnit(name) && metrics.positionOf(name) < 0) {
        if (latencyUnits == null) {
          latencyUnits = new ArrayList<>();
        }
        latencyUnits.add(name);
      }
    }
    if (format.untrackedMetric && record.untrackedNanos >= 0) {
      if (latencies.positionOf(UNTRACKED) >= 0) {
        warnings.add(
            "EMF: untracked not declared: a step named 'untracked' has the metric "
                + EmfSettings.LATENCY_PREFIX
                + UNTRACKED);
      } else {
        declare(
            EmfSettings.LATENCY_PREFIX,
            UNTRACKED,
            true,
            record.untrackedNanos,
            null,
            EmfUnit.MILLISECONDS,
            values,
            badNames,
            takenNames);
      }
    }
    Object coldStart = values.get(EmfSettings.COLD_START_IDENTIFIER);
    if (coldStart instanceof Boolean && metrics.positionOf(EmfSettings.COLD_START_IDENTIFIER) < 0) {
      declare(
          EmfSettings.METRIC_PREFIX,
          EmfSettings.COLD_START_IDENTIFIER,
          false,
          0L,
          (Boolean) coldStart ? 1L : 0L,
          EmfUnit.COUNT,
          values,
          badNames,
          takenNames);
    }
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
          EmfSettings.METRIC_PREFIX,
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
    if (latencyUnits != null) {
      warn(latencyUnits, "units set for latencies ignored: latencies are always Milliseconds");
    }

    if (sets.isEmpty()) {
      declaredCount = 0;
      if (!members.isEmpty()) {
        warnings.add(
            "EMF: no metric declared: no configured dimension set could be filled, and without"
                + " dimensions every function's points would mix in one series; "
                + members.size()
                + " metrics stay in the line, undeclared");
      }
    } else {
      declaredCount = Math.min(members.size(), EmfRules.MAX_METRICS_PER_LINE);
      if (members.size() > declaredCount) {
        List<String> over = new ArrayList<>(members.size() - declaredCount);
        for (int i = declaredCount; i < members.size(); i++) {
          over.add(members.get(i).name);
        }
        warn(
            over,
            "metrics not declared: at most "
                + EmfRules.MAX_METRICS_PER_LINE
                + " a line; they stay in the line");
      }
    }
  }

  /**
   * Keeps the configured sets whose every value is there and usable. When none is left, no metric
   * is declared: the configured sets say how the points are told apart, and dropping them would
   * pour every function's points into one dimensionless series.
   */
  private void planDimensions(Map<String, Object> values) {
    Set<String> missing = new LinkedHashSet<>();
    int dropped = 0;
    List<List<String>> configured = format.dimensions();
    for (List<String> set : configured) {
      boolean complete = true;
      for (String name : set) {
        Object value = values.get(name);
        boolean usable =
            (refused == null || !refused.contains(name)) && EmfRules.acceptedDimensionValue(value);
        if (!usable) {
          if (value != null) {
            if (refused == null) {
              refused = new HashSet<>(4);
            }
            refused.add(name);
          }
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
              + names(new ArrayList<>(missing)));
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
    } else if (rootMembers.containsKey(name) || Names.RESERVED_NAMES.contains(name)) {
      // Declared names cannot meet each other: names are unique within latencies and within
      // metrics, and the two prefixes differ. Only identifiers and the line's keys can clash.
      takenNames.add(name);
    } else {
      members.add(
          new Declared(name, latency, nanos, value, unit, format.isHighResolution(entryName)));
    }
  }

  /** The names whose values no dimension could take, for a later pass of the same line. */
  Set<String> refusedDimensions() {
    return refused;
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
    if (writeService) {
      json.name(EmfSettings.SERVICE_MEMBER).value(format.serviceName());
    }
  }

  /**
   * Writes the root members, then {@code _aws} last: Logs Insights discovers a limited number of
   * fields per event, in order, and the identifiers and latencies come first.
   */
  @Override
  public void writeLast(JsonWriter json, LineWriter out) throws IOException {
    for (Declared metric : members) {
      json.name(metric.name);
      if (metric.latency) {
        json.jsonValue("");
        out.appendMillis(metric.nanos);
      } else {
        JsonLine.writeValue(json, metric.value);
      }
    }
    json.name("_aws").beginObject();
    json.name("Timestamp").value(timestamp);
    json.name("CloudWatchMetrics").beginArray();
    if (!sets.isEmpty()) {
      format.writeDirectiveHead(json, sets);
      for (int i = 0; i < declaredCount; i++) {
        Declared metric = members.get(i);
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
    }
    json.endArray();
    json.endObject();
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
