package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Prints a {@link Comparison} for people: per group, each step's p50 and p99 before and after, and
 * the change in percent ({@code new} or {@code gone} for a step on one side only).
 *
 * <pre>{@code
 * System.out.print(ComparisonText.render(comparison, "before.log", "after.log"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class ComparisonText {
  private ComparisonText() {}

  static String render(Comparison comparison, String beforeName, String afterName) {
    StringBuilder out = new StringBuilder();
    out.append("Step changes from ")
        .append(TerminalText.oneLine(beforeName))
        .append(" (")
        .append(SummaryText.plural(comparison.before().invocations(), "invocation"))
        .append(") to ")
        .append(TerminalText.oneLine(afterName))
        .append(" (")
        .append(SummaryText.plural(comparison.after().invocations(), "invocation"))
        .append(") (milliseconds; percentiles by nearest rank)\n");
    String by = comparison.before().by();
    for (Comparison.Group group : comparison.groups()) {
      out.append('\n').append(TerminalText.oneLine(group.entry()));
      if (by != null) {
        out.append(", ")
            .append(TerminalText.oneLine(by))
            .append('=')
            .append(TerminalText.oneLine(group.byValue()));
      }
      out.append(", ")
          .append(group.phase().label())
          .append(": ")
          .append(group.before())
          .append(" before, ")
          .append(group.after())
          .append(" after\n");
      table(out, group);
    }
    return out.toString();
  }

  private static void table(StringBuilder out, Comparison.Group group) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"step", "p50 before", "after", "change", "p99 before", "after", "change"});
    for (Comparison.Row row : group.rows()) {
      String[] cells = new String[7];
      cells[0] = row.report() ? row.name() : TerminalText.oneLine(row.name());
      figures(row, s -> s.stats().p50(), cells, 1);
      figures(row, s -> s.stats().p99(), cells, 4);
      rows.add(cells);
    }
    int[] widths = new int[7];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ").append(row[0]);
      line.append(" ".repeat(widths[0] - row[0].length()));
      for (int c = 1; c < row.length; c++) {
        line.append("  ").append(" ".repeat(widths[c] - row[c].length())).append(row[c]);
      }
      out.append(line).append('\n');
    }
  }

  private static void figures(
      Comparison.Row row, ToDoubleFunction<Summary.Step> figure, String[] cells, int at) {
    Optional<Summary.Step> before = row.before();
    Optional<Summary.Step> after = row.after();
    cells[at] = before.map(s -> SummaryText.ms(figure.applyAsDouble(s))).orElse("-");
    cells[at + 1] = after.map(s -> SummaryText.ms(figure.applyAsDouble(s))).orElse("-");
    if (before.isEmpty()) {
      cells[at + 2] = "new";
    } else if (after.isEmpty()) {
      cells[at + 2] = "gone";
    } else {
      cells[at + 2] =
          percent(
              Comparison.change(
                  figure.applyAsDouble(before.get()), figure.applyAsDouble(after.get())));
    }
  }

  static String percent(double change) {
    return Double.isNaN(change) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", change * 100);
  }
}
