package io.github.goblinfish.metrics.trackers;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default line. Built with Gson's streaming {@link JsonWriter}, which does all escaping; this
 * class only decides what goes in, and what to leave out when the line would be too long.
 */
final class JsonLineFormat extends LineFormat {
  static final JsonLineFormat INSTANCE = new JsonLineFormat();

  /** How long a name or text value may stay when the line is over the limit. */
  static final int CUT_TEXT_CHARS = 1024;

  /** Room kept for the braces, section names and the cut warning when fitting a long line. */
  private static final int RESERVED_BYTES = 8192;

  private static final int CUT_WARNINGS = 5;
  private static final int CUT_WARNING_CHARS = 200;

  private JsonLineFormat() {}

  @Override
  String render(ProcessTracker tracker) {
    return render(tracker, null);
  }

  /**
   * Renders the default line, with what {@code extension} adds when it is not null (the EMF
   * format); the size bound and the cutting apply to the whole line.
   */
  static String render(ProcessTracker tracker, Extension extension) {
    StringBuilder line = new StringBuilder(256);
    write(tracker, line, null, extension);
    if (line.length() * 3 <= ProcessTracker.MAX_LINE_BYTES
        || Text.utf8Length(line) <= ProcessTracker.MAX_LINE_BYTES) {
      return line.toString();
    }
    return renderWithinLimit(tracker, extension);
  }

  /** Writes the record, or when {@code fit} is given, only what it kept. */
  private static void write(
      ProcessTracker tracker, StringBuilder line, Fit fit, Extension extension) {
    try {
      JsonWriter json = new JsonWriter(new StringBuilderWriter(line));
      List<Item> latencies = latencyItems(tracker, fit);
      List<Item> metrics = items(tracker.metrics, fit == null ? null : fit.metrics);
      List<Item> identifiers = items(tracker.identifiers, fit == null ? null : fit.identifiers);
      Addition addition =
          extension == null ? null : extension.plan(latencies, metrics, identifiers);
      json.beginObject();
      if (addition != null) {
        addition.writeFirst(json);
      }
      json.name("latencies").beginObject();
      boolean repeated = false;
      for (Item item : latencies) {
        json.name(item.name).jsonValue(Text.millis(item.latency.totalNanos));
        repeated |= item.latency.count > 1;
      }
      json.endObject();
      if (repeated) {
        json.name("latency_counts").beginObject();
        for (Item item : latencies) {
          if (item.latency.count > 1) {
            json.name(item.name).value(item.latency.count);
          }
        }
        json.endObject();
      }
      json.name("metrics").beginObject();
      for (Item item : metrics) {
        json.name(item.name);
        writeValue(json, item.value);
      }
      json.endObject();
      List<String> warnings = fit == null ? tracker.warnings : fit.warnings;
      List<String> added = addition == null ? List.of() : addition.warnings();
      if (warnings != null || !added.isEmpty()) {
        json.name("tracker_warnings").beginArray();
        for (String warning : warnings == null ? added : warnings) {
          json.value(Text.withoutLoneSurrogates(warning));
        }
        if (warnings != null) {
          for (String warning : added) {
            json.value(Text.withoutLoneSurrogates(warning));
          }
        }
        int dropped = fit == null ? tracker.droppedWarnings : fit.droppedWarnings;
        if (dropped > 0) {
          json.value("and " + dropped + " more warnings");
        }
        json.endArray();
      }
      for (Item item : identifiers) {
        json.name(item.name);
        writeValue(json, item.value);
      }
      if (addition != null) {
        addition.writeLast(json);
      }
      json.endObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

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

  // --- what a format built on this one adds (EmfLineFormat) --------------------------------------

  /** Adds members to the default line; see {@link EmfLineFormat}. Implementations are immutable. */
  interface Extension {
    /** Plans the added members of one line from the entries that line keeps. */
    Addition plan(List<Item> latencies, List<Item> metrics, List<Item> identifiers);

    /** Bytes the added members may take besides those counted by {@link #itemBytes}. */
    int reservedBytes();

    /** Bytes the added members may take for one kept entry whose default size is {@code size}. */
    int itemBytes(Item item, int size);
  }

  /** The added members of one line. */
  interface Addition {
    /** Warnings written after the tracker's own in {@code tracker_warnings}. */
    List<String> warnings();

    /** Writes members right after the line's opening brace. */
    void writeFirst(JsonWriter json) throws IOException;

    /** Writes members right before the line's closing brace. */
    void writeLast(JsonWriter json) throws IOException;
  }

  // --- the record as items, whole or as fitted ---------------------------------------------------

  /** One entry of the line: a latency (with {@link #latency}) or a metric or identifier value. */
  static final class Item {
    final String name;
    final Object value;
    final ProcessTracker.Latency latency;

    Item(String name, Object value, ProcessTracker.Latency latency) {
      this.name = name;
      this.value = value;
      this.latency = latency;
    }
  }

  private static List<Item> latencyItems(ProcessTracker tracker, Fit fit) {
    if (fit != null) {
      return fit.latencies;
    }
    List<Item> items = new ArrayList<>(tracker.latencies.size());
    ProcessTracker.Latency process =
        tracker.processName == null ? null : tracker.latencies.get(tracker.processName);
    if (process != null) {
      items.add(new Item(Text.withoutLoneSurrogates(tracker.processName), null, process));
    }
    for (Map.Entry<String, ProcessTracker.Latency> entry : tracker.latencies.entrySet()) {
      if (entry.getValue() != process && entry.getValue().count > 0) {
        items.add(new Item(Text.withoutLoneSurrogates(entry.getKey()), null, entry.getValue()));
      }
    }
    return items;
  }

  private static List<Item> items(Map<String, Object> values, List<Item> fitted) {
    if (fitted != null) {
      return fitted;
    }
    List<Item> items = new ArrayList<>(values.size());
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      items.add(new Item(Text.withoutLoneSurrogates(entry.getKey()), entry.getValue(), null));
    }
    return items;
  }

  // --- the slow path: a line over the limit keeps what fits and says what was cut -------------

  /** What a too-long line keeps. */
  private static final class Fit {
    final List<Item> latencies = new ArrayList<>();
    final List<Item> metrics = new ArrayList<>();
    final List<Item> identifiers = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    int droppedWarnings;
  }

  private static String renderWithinLimit(ProcessTracker tracker, Extension extension) {
    Fit fit = new Fit();
    int[] shortened = {0};
    List<Item> latencies = cutItems(latencyItems(tracker, null), shortened);
    List<Item> metrics = cutItems(items(tracker.metrics, null), shortened);
    List<Item> identifiers = cutItems(items(tracker.identifiers, null), shortened);

    // Identifiers find the invocation, so they are kept first; then latencies, then metrics.
    int budget =
        ProcessTracker.MAX_LINE_BYTES
            - RESERVED_BYTES
            - (extension == null ? 0 : extension.reservedBytes());
    int[] dropped = new int[3];
    budget = keep(identifiers, fit.identifiers, budget, dropped, 2, extension);
    budget = keep(latencies, fit.latencies, budget, dropped, 0, extension);
    keep(metrics, fit.metrics, budget, dropped, 1, extension);

    fit.warnings.add(
        "line cut to fit "
            + ProcessTracker.MAX_LINE_BYTES
            + " bytes: "
            + shortened[0]
            + " names or text values shortened to "
            + CUT_TEXT_CHARS
            + " characters; dropped "
            + dropped[0]
            + " latencies, "
            + dropped[1]
            + " metrics, "
            + dropped[2]
            + " identifiers");
    List<String> original = tracker.warnings == null ? List.of() : tracker.warnings;
    for (String warning : original) {
      if (fit.warnings.size() > CUT_WARNINGS) {
        break;
      }
      fit.warnings.add(Text.cut(warning, CUT_WARNING_CHARS));
    }
    fit.droppedWarnings = tracker.droppedWarnings + original.size() - (fit.warnings.size() - 1);

    StringBuilder line = new StringBuilder(ProcessTracker.MAX_LINE_BYTES);
    write(tracker, line, fit, extension);
    return line.toString();
  }

  /** Cuts long names and text values, dropping names that the cut makes equal to another. */
  private static List<Item> cutItems(List<Item> items, int[] shortened) {
    List<Item> cut = new ArrayList<>(items.size());
    Set<String> names = new HashSet<>();
    for (Item item : items) {
      String name = Text.cut(item.name, CUT_TEXT_CHARS);
      Object value = item.value;
      if (value instanceof String) {
        String text = Text.withoutLoneSurrogates((String) value);
        value = Text.cut(text, CUT_TEXT_CHARS);
        if (value != text) {
          shortened[0]++;
        }
      }
      if (name != item.name) {
        shortened[0]++;
      }
      if (names.add(name)) {
        cut.add(new Item(name, value, item.latency));
      }
    }
    return cut;
  }

  private static int keep(
      List<Item> items, List<Item> kept, int budget, int[] dropped, int kind, Extension extension) {
    for (Item item : items) {
      int size = size(item);
      if (extension != null) {
        size += extension.itemBytes(item, size);
      }
      if (size <= budget) {
        kept.add(item);
        budget -= size;
      } else {
        dropped[kind]++;
      }
    }
    return budget;
  }

  /** The bytes an item adds to the line, counting its latency count and a separator. */
  private static int size(Item item) {
    StringBuilder scratch = new StringBuilder();
    try {
      JsonWriter json = new JsonWriter(new StringBuilderWriter(scratch));
      json.beginObject().name(item.name);
      if (item.latency != null) {
        json.jsonValue(Text.millis(item.latency.totalNanos));
      } else {
        writeValue(json, item.value);
      }
      json.endObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    int bytes = Text.utf8Length(scratch);
    if (item.latency != null && item.latency.count > 1) {
      bytes += bytes + 12;
    }
    return bytes;
  }
}
