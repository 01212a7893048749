package io.github.goblinfish.metrics.trackers;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The size bound of every line and the rules for cutting a record to fit it, in one place for every
 * {@link LineFormat}. The tracker applies them itself; a format may also call {@link
 * #fit(RunRecord, int)} to fit a smaller budget of its own.
 *
 * <pre>{@code
 * LineFormat compact = record -> render(LineLimit.fit(record, 4_096));
 * }</pre>
 *
 * <h2>How a record is cut</h2>
 *
 * Names and text values are shortened to {@value #CUT_TEXT_CHARS} characters (never inside a
 * surrogate pair; a name that then equals another one is dropped). Then entries are kept while they
 * fit, sized as the default JSON line writes them: identifiers first (they find the invocation),
 * then the init steps of the process's first line, then latencies in order (the process first),
 * then metrics; dropped init steps are counted with the latencies. The record's warnings start with
 * one that says how many names or values were shortened and how many latencies, metrics and
 * identifiers were dropped; up to five of the earlier warnings follow, each shortened to 200
 * characters, and the others are counted.
 *
 * <p>Stateless and thread-safe.
 */
public final class LineLimit {

  /** The longest line, in bytes of UTF-8: within CloudWatch's 256 KB event limit. */
  public static final int MAX_LINE_BYTES = 256_000;

  /** How long a name or text value may stay in a record that is cut. */
  public static final int CUT_TEXT_CHARS = 1024;

  /** Room kept for the braces, section names and the warnings when fitting a record. */
  static final int RESERVED_BYTES = 8192;

  private static final int CUT_WARNINGS = 5;
  private static final int CUT_WARNING_CHARS = 200;

  private LineLimit() {}

  /**
   * Returns {@code record} cut so that its default JSON line takes at most {@code maxBytes} bytes,
   * with a warning that says what was cut; a record that already fits comes back as it is.
   *
   * @param record the record to fit
   * @param maxBytes the budget, in bytes of UTF-8, at least {@value #RESERVED_BYTES} more than the
   *     warnings need
   * @return a record that fits
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public static RunRecord fit(RunRecord record, int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
    }
    if (BuiltInFormat.defaultLineBytes(record) <= maxBytes) {
      return record;
    }
    return cut(record, maxBytes - RESERVED_BYTES, null);
  }

  /** Which part of the record an entry is in. */
  enum Kind {
    LATENCY,
    METRIC,
    IDENTIFIER
  }

  /** One entry of a record, as the cut weighs it. */
  static final class Entry {
    final Kind kind;
    final String name;
    final Object value;
    final long nanos;
    final long count;

    Entry(Kind kind, String name, Object value, long nanos, long count) {
      this.kind = kind;
      this.name = name;
      this.value = value;
      this.nanos = nanos;
      this.count = count;
    }
  }

  /**
   * Cuts {@code record} to entries whose default JSON takes at most {@code budget} bytes, with what
   * {@code extension} adds per entry counted too.
   */
  static RunRecord cut(RunRecord record, int budget, BuiltInFormat.Extension extension) {
    LatencyTable table = record.latencies;
    List<Entry> allLatencies = new ArrayList<>(table.size);
    for (int i = 0; i < table.size; i++) {
      allLatencies.add(
          new Entry(Kind.LATENCY, table.names[i], null, table.totalNanos[i], table.counts[i]));
    }
    Shortened latencies = shorten(allLatencies);
    Shortened metrics = shorten(values(Kind.METRIC, record.metrics));
    Shortened identifiers = shorten(values(Kind.IDENTIFIER, record.identifiers));
    // The init steps are the process's first line's only: kept right after the identifiers, with
    // the same rules as the latencies; the library's own init parts and untracked are short and
    // always kept, within the room reserved for the line's own members.
    List<Entry> allInitSteps = new ArrayList<>();
    if (record.initSteps != null) {
      LatencyTable steps = record.initSteps;
      for (int i = 0; i < steps.size; i++) {
        allInitSteps.add(new Entry(Kind.LATENCY, steps.names[i], null, steps.totalNanos[i], 1));
      }
    }
    Shortened initSteps = shorten(allInitSteps);

    if (extension != null) {
      budget -= extension.reservedBytes();
    }
    Kept keptIdentifiers = keep(identifiers.entries, budget, extension);
    Kept keptInitSteps = keep(initSteps.entries, keptIdentifiers.budgetLeft, null);
    Kept keptLatencies = keep(latencies.entries, keptInitSteps.budgetLeft, extension);
    Kept keptMetrics = keep(metrics.entries, keptLatencies.budgetLeft, extension);

    List<String> warnings = new ArrayList<>(CUT_WARNINGS + 1);
    warnings.add(
        "line cut to fit "
            + MAX_LINE_BYTES
            + " bytes: "
            + (latencies.shortened
                + initSteps.shortened
                + metrics.shortened
                + identifiers.shortened)
            + " names or text values shortened to "
            + CUT_TEXT_CHARS
            + " characters; dropped "
            + (latencies.dropped
                + keptLatencies.dropped
                + initSteps.dropped
                + keptInitSteps.dropped)
            + " latencies, "
            + (metrics.dropped + keptMetrics.dropped)
            + " metrics, "
            + (identifiers.dropped + keptIdentifiers.dropped)
            + " identifiers");
    for (String warning : record.warnings) {
      if (warnings.size() > CUT_WARNINGS) {
        break;
      }
      warnings.add(Text.cut(warning, CUT_WARNING_CHARS));
    }
    int omitted = record.omittedWarnings + record.warnings.size() - (warnings.size() - 1);

    LatencyTable keptTable = new LatencyTable();
    for (Entry entry : keptLatencies.entries) {
      keptTable.add(keptTable.positionFor(entry.name), entry.nanos, entry.count);
    }
    LatencyTable keptInit = null;
    if (!keptInitSteps.entries.isEmpty()) {
      keptInit = new LatencyTable();
      for (Entry entry : keptInitSteps.entries) {
        keptInit.add(keptInit.positionFor(entry.name), entry.nanos, 1);
      }
    }
    return new RunRecord(
        record.processName,
        keptTable,
        table(keptMetrics.entries),
        table(keptIdentifiers.entries),
        List.copyOf(warnings),
        omitted,
        record.finished,
        record.untrackedNanos,
        record.initParts,
        keptInit);
  }

  private static List<Entry> values(Kind kind, ValueTable table) {
    List<Entry> entries = new ArrayList<>(table.size);
    for (int i = 0; i < table.size; i++) {
      entries.add(new Entry(kind, table.names[i], table.values[i], 0L, 0L));
    }
    return entries;
  }

  private static ValueTable table(List<Entry> entries) {
    ValueTable table = new ValueTable();
    for (Entry entry : entries) {
      table.put(entry.name, entry.value);
    }
    return table;
  }

  /**
   * Entries with long names and text values shortened, how many names or values that shortened, and
   * how many entries it dropped because their name became another's.
   */
  private record Shortened(List<Entry> entries, int shortened, int dropped) {}

  /** Entries kept within a budget, what is left of it, and how many entries did not fit. */
  private record Kept(List<Entry> entries, int budgetLeft, int dropped) {}

  /** Shortens long names and text values, dropping names that the cut makes equal to another. */
  private static Shortened shorten(List<Entry> entries) {
    List<Entry> cut = new ArrayList<>(entries.size());
    Set<String> names = new HashSet<>();
    int shortened = 0;
    int dropped = 0;
    for (Entry entry : entries) {
      String name = Text.cut(entry.name, CUT_TEXT_CHARS);
      Object value = entry.value;
      if (value instanceof String) {
        String text = Text.withoutLoneSurrogates((String) value);
        value = Text.cut(text, CUT_TEXT_CHARS);
        if (value != text) {
          shortened++;
        }
      }
      if (name != entry.name) {
        shortened++;
      }
      if (names.add(name)) {
        cut.add(new Entry(entry.kind, name, value, entry.nanos, entry.count));
      } else {
        dropped++;
      }
    }
    return new Shortened(cut, shortened, dropped);
  }

  /** Keeps entries, in order, while each fits what is left of {@code budget}. */
  private static Kept keep(List<Entry> entries, int budget, BuiltInFormat.Extension extension) {
    List<Entry> kept = new ArrayList<>();
    int dropped = 0;
    for (Entry entry : entries) {
      int size = size(entry);
      if (extension != null) {
        size += extension.entryBytes(entry, size);
      }
      if (size <= budget) {
        kept.add(entry);
        budget -= size;
      } else {
        dropped++;
      }
    }
    return new Kept(kept, budget, dropped);
  }

  /** The bytes an entry adds to the default line, counting its latency count and a separator. */
  private static int size(Entry entry) {
    LineWriter.Chars scratch = new LineWriter.Chars(entry.name.length() + 32);
    try {
      JsonWriter json = new JsonWriter(scratch);
      json.beginObject().name(entry.name);
      if (entry.kind == Kind.LATENCY) {
        json.jsonValue(Text.millis(entry.nanos));
      } else {
        JsonLine.writeValue(json, entry.value);
      }
      json.endObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    int bytes = Text.utf8Length(scratch.builder);
    if (entry.kind == Kind.LATENCY && entry.count > 1) {
      bytes += bytes + (entry.count > Integer.MAX_VALUE ? 21 : 12);
    }
    return bytes;
  }
}
