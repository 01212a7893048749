package io.github.goblinfish.metrics.trackers;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the lines of one {@link EmfLineFormat} say besides the record: namespace, service, dimension
 * sets, units and resolutions, and the names of the members they add. Kept apart from the format so
 * that {@link EmfPlan} reads them without depending on the format, which the {@link LineFormat}
 * interface names. Immutable.
 */
final class EmfSettings {
  /** The prefix of the root member, and CloudWatch metric name, of each latency. */
  static final String LATENCY_PREFIX = "latency_ms:";

  /** The prefix of the root member, and CloudWatch metric name, of each numeric metric. */
  static final String METRIC_PREFIX = "metric:";

  /** The root member that holds the configured service name. */
  static final String SERVICE_MEMBER = "service";

  /** The identifier the Lambda handlers set to true on a cold start, false otherwise. */
  static final String COLD_START_IDENTIFIER = "cold_start";

  final String namespace;
  final String service;
  final List<List<String>> dimensions;
  private final Map<String, EmfUnit> units;
  private final Set<String> unitsSet;
  private final Set<String> highResolution;

  /**
   * Whether the line's {@code untracked} is declared as the metric {@code latency_ms:untracked}.
   */
  final boolean untrackedMetric;

  /** The JSON size of one directive without metrics, with every configured dimension set. */
  final int directiveBytes;

  EmfSettings(
      String namespace,
      String service,
      List<List<String>> dimensions,
      Map<String, EmfUnit> units,
      Set<String> unitsSet,
      Set<String> highResolution,
      boolean untrackedMetric) {
    this.namespace = namespace;
    this.untrackedMetric = untrackedMetric;
    this.service = service;
    this.dimensions = dimensions;
    this.units = Collections.unmodifiableMap(new HashMap<>(units));
    this.unitsSet = Set.copyOf(unitsSet);
    this.highResolution = Set.copyOf(highResolution);
    LineWriter.Chars directive = new LineWriter.Chars(256);
    try {
      writeDirectiveHead(new JsonWriter(directive), dimensions);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    this.directiveBytes = Text.utf8Length(directive.builder) + 16;
  }

  String serviceName() {
    return service;
  }

  List<List<String>> dimensions() {
    return dimensions;
  }

  EmfUnit unitOf(String metricName) {
    return units.getOrDefault(metricName, EmfUnit.NONE);
  }

  /** Whether the caller set a unit for this name (the defaults for failures do not count). */
  boolean hasUnit(String name) {
    return !unitsSet.isEmpty() && unitsSet.contains(name);
  }

  boolean isHighResolution(String name) {
    return highResolution.contains(name);
  }

  /** Writes a directive up to its open {@code Metrics} array. */
  void writeDirectiveHead(JsonWriter json, List<List<String>> sets) throws IOException {
    json.beginObject();
    json.name("Namespace").value(namespace);
    json.name("Dimensions").beginArray();
    for (List<String> set : sets) {
      json.beginArray();
      for (String name : set) {
        json.value(name);
      }
      json.endArray();
    }
    json.endArray();
    json.name("Metrics").beginArray();
  }
}
