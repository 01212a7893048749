package io.github.goblinfish.metrics.trackers.local;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a tracker line for people: a bar chart of the latencies (with how many times a step was
 * timed, when more than once), the entry's untracked time, the parts of the process's start and its
 * init steps (on its first line), then metrics, identifiers and the tracker's warnings. Only the
 * line's identifiers are listed as identifiers: never {@code latency_counts}, {@code
 * tracker_warnings}, {@code _aws} or an EMF line's metric values. Names and values come from the
 * function, so they are printed through {@link TerminalText}.
 */
final class Breakdown {
  static final int BAR_WIDTH = 40;
  private static final char BLOCK = '\u2588';

  private Breakdown() {}

  static String render(TrackerLine line) {
    StringBuilder out = new StringBuilder();
    out.append("Tracker line");
    if (line.emf()) {
      out.append(" (EMF)");
    }
    if (line.wrapped()) {
      out.append(" (inside the JSON log wrapper's message)");
    }
    out.append('\n');
    out.append("latencies (ms)\n");
    Map<String, String> latencies = line.latencies();
    if (latencies.isEmpty()) {
      out.append("  (none)\n");
    } else {
      int nameWidth = nameWidth(latencies.keySet());
      double max =
          line.latenciesMs().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      int valueWidth = 0;
      for (Map.Entry<String, String> e : latencies.entrySet()) {
        valueWidth = Math.max(valueWidth, value(line, e).length());
      }
      for (Map.Entry<String, String> e : latencies.entrySet()) {
        out.append("  ").append(pad(TerminalText.oneLine(e.getKey()), nameWidth)).append("  ");
        String value = value(line, e);
        out.append(" ".repeat(valueWidth - value.length())).append(value);
        Double ms = line.latenciesMs().get(e.getKey());
        int bar = ms == null ? 0 : bar(ms, max);
        if (bar > 0) {
          out.append("  ").append(String.valueOf(BLOCK).repeat(bar));
        }
        Long count = line.latencyCounts().get(e.getKey());
        if (count != null) {
          out.append("  (timed ").append(count).append(" times)");
        }
        out.append('\n');
      }
    }
    line.untrackedMs()
        .ifPresent(
            ms ->
                out.append("untracked (ms): the entry's time that no step covered\n  ")
                    .append(milliseconds(ms))
                    .append('\n'));
    figures(out, "init (ms): the parts of the process's start", line.initMs());
    figures(out, "init steps (ms)", line.initStepsMs());
    section(out, "metrics", line.metrics());
    section(out, "identifiers", line.identifiers());
    if (!line.warnings().isEmpty()) {
      out.append("tracker warnings\n");
      line.warnings().forEach(w -> out.append("  ").append(TerminalText.oneLine(w)).append('\n'));
    }
    return out.toString();
  }

  private static String value(TrackerLine line, Map.Entry<String, String> e) {
    Double ms = line.latenciesMs().get(e.getKey());
    return ms == null ? TerminalText.oneLine(e.getValue()) : milliseconds(ms);
  }

  private static String milliseconds(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms);
  }

  /** A titled list of named milliseconds, aligned; nothing when there are none. */
  private static void figures(StringBuilder out, String title, Map<String, Double> values) {
    if (values.isEmpty()) {
      return;
    }
    out.append(title).append('\n');
    int nameWidth = nameWidth(values.keySet());
    int valueWidth =
        values.values().stream()
            .map(Breakdown::milliseconds)
            .mapToInt(String::length)
            .max()
            .orElse(0);
    values.forEach(
        (name, ms) -> {
          String value = milliseconds(ms);
          out.append("  ")
              .append(pad(TerminalText.oneLine(name), nameWidth))
              .append("  ")
              .append(" ".repeat(valueWidth - value.length()))
              .append(value)
              .append('\n');
        });
  }

  /**
   * Scaled to the largest latency; any positive value gets at least one block so it stays visible.
   */
  static int bar(double value, double max) {
    if (!(value > 0) || !(max > 0)) {
      return 0;
    }
    return Math.max(1, (int) Math.round(value / max * BAR_WIDTH));
  }

  private static void section(StringBuilder out, String title, Map<String, String> values) {
    out.append(title).append('\n');
    if (values.isEmpty()) {
      out.append("  (none)\n");
    }
    values.forEach(
        (k, v) ->
            out.append("  ")
                .append(TerminalText.oneLine(k))
                .append(" = ")
                .append(TerminalText.oneLine(v))
                .append('\n'));
  }

  /** The widest of these names as printed. */
  private static int nameWidth(Collection<String> names) {
    return names.stream().map(TerminalText::oneLine).mapToInt(String::length).max().orElse(0);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
