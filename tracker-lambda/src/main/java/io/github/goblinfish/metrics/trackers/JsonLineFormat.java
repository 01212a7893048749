package io.github.goblinfish.metrics.trackers;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    Addition addition =
        extension == null
            ? null
            : extension.plan(
                latencyItems(tracker), items(tracker.metrics), items(tracker.identifiers));
    StringBuilder line = new StringBuilder(estimateChars(tracker, extension != null));
    write(
        line,
        tracker.latencies,
        tracker.processName == null ? -1 : tracker.latencies.positionOf(tracker.processName),
        tracker.metrics,
        tracker.identifiers,
        tracker.warnings,
        tracker.droppedWarnings,
        addition);
    if (line.length() * 3 <= ProcessTracker.MAX_LINE_BYTES
        || Text.utf8Length(line) <= ProcessTracker.MAX_LINE_BYTES) {
      return line.toString();
    }
    return renderWithinLimit(tracker, extension);
  }

  /**
   * A first capacity that holds a typical line without growing the builder. An extended (EMF)
   * line names each latency and metric twice more, in its declaration and its root member.
   */
  private static int estimateChars(ProcessTracker tracker, boolean extended) {
    int numbers = tracker.latencies.size + tracker.metrics.size;
    int numberNames = namesLength(tracker.latencies) + namesLength(tracker.metrics);
    int chars = 48 + 12 * (numbers + tracker.identifiers.size) + numberNames;
    if (extended) {
      chars += 160 + 64 * numbers + 2 * numberNames;
    }
    chars += namesLength(tracker.identifiers);
    Object[] values = tracker.identifiers.values;
    for (int i = 0; i < tracker.identifiers.size; i++) {
      if (values[i] instanceof String) {
        chars += ((String) values[i]).length();
      }
    }
    return Math.min(chars, ProcessTracker.MAX_LINE_BYTES);
  }

  private static int namesLength(NameIndex table) {
    int chars = 0;
    for (int i = 0; i < table.size; i++) {
      chars += table.names[i].length();
    }
    return chars;
  }

  /**
   * Writes a line from tables: the tracker's own, or the cut ones of a line over the limit. The
   * process latency ({@code process}, or -1) is written first. Names need no cleaning here: the
   * tracker replaced their lone surrogates when it recorded them.
   */
  private static void write(
      StringBuilder line,
      LatencyTable latencies,
      int process,
      ValueTable metrics,
      ValueTable identifiers,
      List<String> warnings,
      int droppedWarnings,
      Addition addition) {
    try {
      JsonWriter json = new JsonWriter(new StringBuilderWriter(line));
      json.beginObject();
      if (addition != null) {
        addition.writeFirst(json);
      }
      json.name("latencies").beginObject();
      boolean repeated = false;
      if (process >= 0) {
        writeLatency(json, line, latencies, process);
        repeated = latencies.counts[process] > 1;
      }
      for (int i = 0; i < latencies.size; i++) {
        if (i != process && latencies.counts[i] > 0) {
          writeLatency(json, line, latencies, i);
          repeated |= latencies.counts[i] > 1;
        }
      }
      json.endObject();
      if (repeated) {
        json.name("latency_counts").beginObject();
        if (process >= 0 && latencies.counts[process] > 1) {
          json.name(latencies.names[process]);
          json.value(latencies.counts[process]);
        }
        for (int i = 0; i < latencies.size; i++) {
          if (i != process && latencies.counts[i] > 1) {
            json.name(latencies.names[i]).value(latencies.counts[i]);
          }
        }
        json.endObject();
      }
      json.name("metrics").beginObject();
      writeValues(json, metrics);
      json.endObject();
      List<String> added = addition == null ? List.of() : addition.warnings();
      if (warnings != null || !added.isEmpty()) {
        json.name("tracker_warnings").beginArray();
        if (warnings != null) {
          for (String warning : warnings) {
            json.value(Text.withoutLoneSurrogates(warning));
          }
        }
        for (String warning : added) {
          json.value(Text.withoutLoneSurrogates(warning));
        }
        if (droppedWarnings > 0) {
          json.value("and " + droppedWarnings + " more warnings");
        }
        json.endArray();
      }
      writeValues(json, identifiers);
      if (addition != null) {
        addition.writeLast(json);
      }
      json.endObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

  private static void writeLatency(
      JsonWriter json, StringBuilder line, LatencyTable latencies, int i) throws IOException {
    json.name(latencies.names[i]);
    // An empty raw value makes the writer put the name, colon and commas where they belong; the
    // figure's digits then go straight into the same unbuffered builder, with no String per figure.
    json.jsonValue("");
    Text.appendMillis(line, latencies.totalNanos[i]);
  }

  private static void writeValues(JsonWriter json, ValueTable table) throws IOException {
    for (int i = 0; i < table.size; i++) {
      json.name(table.names[i]);
      writeValue(json, table.values[i]);
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

  private static List<Item> latencyItems(ProcessTracker tracker) {
    LatencyTable latencies = tracker.latencies;
    List<Item> items = new ArrayList<>(latencies.size);
    int process =
        tracker.processName == null ? -1 : latencies.positionOf(tracker.processName);
    if (process >= 0) {
      items.add(latencyItem(latencies, process));
    }
    for (int i = 0; i < latencies.size; i++) {
      if (i != process && latencies.counts[i] > 0) {
        items.add(latencyItem(latencies, i));
      }
    }
    return items;
  }

  private static Item latencyItem(LatencyTable latencies, int i) {
    return new Item(
        latencies.names[i],
        null,
        new ProcessTracker.Latency(latencies.totalNanos[i], latencies.counts[i]));
  }

  private static List<Item> items(ValueTable table) {
    List<Item> items = new ArrayList<>(table.size);
    for (int i = 0; i < table.size; i++) {
      items.add(new Item(table.names[i], table.values[i], null));
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
    int[] dropped = new int[3];
    List<Item> latencies = cutItems(latencyItems(tracker), shortened, dropped, 0);
    List<Item> metrics = cutItems(items(tracker.metrics), shortened, dropped, 1);
    List<Item> identifiers = cutItems(items(tracker.identifiers), shortened, dropped, 2);

    // Identifiers find the invocation, so they are kept first; then latencies, then metrics.
    int budget =
        ProcessTracker.MAX_LINE_BYTES
            - RESERVED_BYTES
            - (extension == null ? 0 : extension.reservedBytes());
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

    Addition addition =
        extension == null ? null : extension.plan(fit.latencies, fit.metrics, fit.identifiers);
    LatencyTable keptLatencies = new LatencyTable();
    for (Item item : fit.latencies) {
      int position = keptLatencies.add(item.name);
      keptLatencies.totalNanos[position] = item.latency.totalNanos;
      keptLatencies.counts[position] = item.latency.count;
    }
    StringBuilder line = new StringBuilder(ProcessTracker.MAX_LINE_BYTES);
    write(
        line,
        keptLatencies,
        -1,
        table(fit.metrics),
        table(fit.identifiers),
        fit.warnings,
        fit.droppedWarnings,
        addition);
    return line.toString();
  }

  private static ValueTable table(List<Item> items) {
    ValueTable table = new ValueTable();
    for (Item item : items) {
      table.put(item.name, item.value);
    }
    return table;
  }

  /** Cuts long names and text values, dropping names that the cut makes equal to another. */
  private static List<Item> cutItems(
      List<Item> items, int[] shortened, int[] dropped, int kind) {
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
      } else {
        dropped[kind]++;
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
