package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link Summary} for people: a heading per group, then one row per step with its count,
 * p50, p90, p99 and max in milliseconds, its share of the entry's total, and a bar of that share so
 * the step that costs most stands out. A p90 or p99 that is only the max (fewer than 10 or 100
 * invocations) is marked {@code *}, with a footnote. Names come from the function, so they are
 * printed through {@link TerminalText}.
 *
 * <pre>{@code
 * System.out.print(SummaryText.render(Summary.of(observations, null)));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class SummaryText {
  static final int BAR_WIDTH = 20;
  private static final String EIGHTHS = "\u258F\u258E\u258D\u258C\u258B\u258A\u2589";
  private static final char FULL = '\u2588';

  private SummaryText() {}

  static String render(Summary summary) {
    StringBuilder out = new StringBuilder();
    out.append("Steps across ")
        .append(plural(summary.invocations(), "invocation"))
        .append(phases(summary))
        .append(" (milliseconds; percentiles by nearest rank)\n");
    for (Summary.Group group : summary.groups()) {
      out.append('\n').append(heading(summary, group)).append('\n');
      table(out, group);
      group.coldStart().ifPresent(cold -> coldStart(out, cold));
    }
    return out.toString();
  }

  private static String phases(Summary summary) {
    List<String> parts = new ArrayList<>();
    for (Observation.Phase phase : Observation.Phase.values()) {
      int n = summary.count(phase);
      if (n > 0) {
        parts.add(n + " " + phase.label());
      }
    }
    return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
  }

  static String heading(Summary summary, Summary.Group group) {
    StringBuilder heading = new StringBuilder(TerminalText.oneLine(group.entry()));
    if (summary.by() != null) {
      heading
          .append(", ")
          .append(TerminalText.oneLine(summary.by()))
          .append('=')
          .append(TerminalText.oneLine(group.byValue()));
    }
    heading
        .append(", ")
        .append(group.phase().label())
        .append(": ")
        .append(plural(group.invocations(), "invocation"));
    return heading.toString();
  }

  private static void table(StringBuilder out, Summary.Group group) {
    // Calls only matter, and only show, where a step was timed more than once in an invocation.
    boolean calls = group.steps().stream().anyMatch(s -> s.calls() != s.stats().count());
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        calls
            ? List.of("step", "n", "calls", "p50", "p90 ", "p99 ", "max", "share")
            : List.of("step", "n", "p50", "p90 ", "p99 ", "max", "share"));
    // Lambda's own figures first, from the invocations' REPORT lines: not steps, and no share.
    int platformRows = 0;
    if (group.initDuration().isPresent()) {
      rows.add(row(Comparison.INIT_DURATION, group.initDuration().get(), null, calls, ""));
      platformRows++;
    }
    if (group.duration().isPresent()) {
      rows.add(row(Comparison.DURATION, group.duration().get(), null, calls, ""));
      platformRows++;
    }
    for (Summary.Step step : group.steps()) {
      rows.add(
          row(
              TerminalText.oneLine(step.name()),
              step.stats(),
              step.calls(),
              calls,
              Double.isNaN(step.share())
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f%%", step.share() * 100)));
    }
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      StringBuilder line = new StringBuilder("  ").append(row.get(0));
      line.append(" ".repeat(widths[0] - row.get(0).length()));
      for (int c = 1; c < columns; c++) {
        line.append("  ").append(" ".repeat(widths[c] - row.get(c).length())).append(row.get(c));
      }
      if (r > platformRows) {
        String bar = bar(group.steps().get(r - 1 - platformRows).share());
        if (!bar.isEmpty()) {
          line.append("  ").append(bar);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    List<Summary.Stats> all = new ArrayList<>();
    group.initDuration().ifPresent(all::add);
    group.duration().ifPresent(all::add);
    group.steps().forEach(step -> all.add(step.stats()));
    if (all.stream().anyMatch(st -> st.isOnlyTheMax(90) || st.isOnlyTheMax(99))) {
      out.append("  ").append(ONLY_THE_MAX).append('\n');
    }
  }

  static final String ONLY_THE_MAX =
      "* the max: a p90 needs 10 invocations, a p99 100, to be anything else";

  /** A p90 or p99 marked when it is only the max, with a space otherwise to keep the columns. */
  private static String percentile(Summary.Stats s, int percent) {
    return ms(percent == 90 ? s.p90() : s.p99()) + (s.isOnlyTheMax(percent) ? "*" : " ");
  }

  /**
   * Where the cold starts went: REPORT's figures split into the parts the lines name, indented
   * under what holds them, with each row's p50 as a share of the p50 total.
   */
  private static void coldStart(StringBuilder out, Summary.ColdStart cold) {
    out.append("\n  Where the cold start went (")
        .append(plural(cold.count(), "cold start"))
        .append("; named: ")
        .append(String.format(Locale.ROOT, "%.1f%%", cold.namedShare() * 100))
        .append(" at p50, ")
        .append(String.format(Locale.ROOT, "%.1f%%", cold.leastNamedShare() * 100))
        .append(" at worst)\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("part", "p50", "p90", "of total"));
    for (Summary.ColdRow row : cold.rows()) {
      rows.add(
          List.of(
              "  ".repeat(Math.max(0, row.depth() - 1)) + TerminalText.oneLine(row.label()),
              ms(row.stats().p50()),
              ms(row.stats().p90()),
              cold.total().p50() > 0
                  ? String.format(
                      Locale.ROOT, "%.1f%%", row.stats().p50() / cold.total().p50() * 100)
                  : "-"));
    }
    int[] widths = new int[4];
    for (List<String> row : rows) {
      for (int c = 0; c < 4; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("  ").append(row.get(0));
      line.append(" ".repeat(widths[0] - row.get(0).length()));
      for (int c = 1; c < 4; c++) {
        line.append("  ").append(" ".repeat(widths[c] - row.get(c).length())).append(row.get(c));
      }
      out.append(line).append('\n');
    }
  }

  private static List<String> row(
      String name, Summary.Stats s, Long calls, boolean withCalls, String share) {
    List<String> row = new ArrayList<>();
    row.add(name);
    row.add(Integer.toString(s.count()));
    if (withCalls) {
      row.add(calls == null ? "" : Long.toString(calls));
    }
    row.add(ms(s.p50()));
    row.add(percentile(s, 90));
    row.add(percentile(s, 99));
    row.add(ms(s.max()));
    row.add(share);
    return row;
  }

  /**
   * A bar of {@link #BAR_WIDTH} cells for a share of 1, in eighths of a cell; any positive share
   * shows at least one eighth.
   */
  static String bar(double share) {
    if (!(share > 0)) {
      return "";
    }
    long eighths = Math.max(1, Math.round(Math.min(share, 1.0) * BAR_WIDTH * 8));
    StringBuilder bar = new StringBuilder();
    bar.append(String.valueOf(FULL).repeat((int) (eighths / 8)));
    int rest = (int) (eighths % 8);
    if (rest > 0) {
      bar.append(EIGHTHS.charAt(rest - 1));
    }
    return bar.toString();
  }

  static String ms(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
