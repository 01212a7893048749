package io.github.goblinfish.metrics.trackers.local;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Prints a {@link Comparison} for people: per group, each step's p50 before and after with the
 * verdict on its change, the interval of that change, then its p99 before and after with their
 * change. The verdict is benchstat's: the change of the medians in percent with its p-value and
 * sample sizes when it is significant ({@code +21.3% (p=0.000 n=20+20)}), {@code ~ (p=0.446
 * n=20+20)} when it is not, {@code too few (n=3+3; 4+4 needed)} when no change could be
 * significant, and {@code new} or {@code gone} for a step on one side only. A p99 that is only the
 * max (fewer than 100 invocations) is marked {@code *}, with a footnote.
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
      table(out, group, comparison.alpha());
    }
    return out.toString();
  }

  private static void table(StringBuilder out, Comparison.Group group, double alpha) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "step",
          "p50 before",
          "after",
          "change",
          confidence(alpha) + " interval",
          "p99 before ",
          "after ",
          "change"
        });
    boolean onlyTheMax = false;
    for (Comparison.Row row : group.rows()) {
      String[] cells = new String[8];
      cells[0] = row.report() ? row.name() : TerminalText.oneLine(row.name());
      figures(row, s -> s.stats().p50(), cells, 1);
      row.significance().ifPresent(s -> cells[3] = verdict(s, cells[3]));
      cells[4] = row.significance().map(s -> interval(s, row)).orElse("-");
      String[] p99 = new String[3];
      figures(row, s -> s.stats().p99(), p99, 0);
      cells[5] = p99[0] + maxMark(row.before());
      cells[6] = p99[1] + maxMark(row.after());
      cells[7] = p99[2];
      onlyTheMax |= isOnlyTheMax(row.before()) || isOnlyTheMax(row.after());
      rows.add(cells);
    }
    int[] widths = new int[8];
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
    if (onlyTheMax) {
      out.append("  ").append(ONLY_THE_MAX).append('\n');
    }
  }

  static final String ONLY_THE_MAX = "* the max: a p99 needs 100 invocations to be anything else";

  private static boolean isOnlyTheMax(Optional<Summary.Step> step) {
    return step.map(s -> s.stats().isOnlyTheMax(99)).orElse(false);
  }

  /** A mark after a p99 that is only the max, a space after one that is not, to keep columns. */
  private static String maxMark(Optional<Summary.Step> step) {
    return step.isEmpty() ? " " : isOnlyTheMax(step) ? "*" : " ";
  }

  /**
   * @param s the test of one figure
   * @param change the change of its medians, as text
   * @return benchstat's verdict: the change with its p-value, {@code ~} or too few
   */
  static String verdict(Significance s, String change) {
    if (s.tooFew()) {
      return "too few (n="
          + s.before()
          + "+"
          + s.after()
          + "; "
          + s.neededPerSide()
          + "+"
          + s.neededPerSide()
          + " needed)";
    }
    String sample = String.format(Locale.ROOT, " (p=%.3f n=%d+%d)", s.p(), s.before(), s.after());
    return (s.significant() ? change : "~") + sample;
  }

  /** The interval of the shift, relative to the median before, as the change is. */
  private static String interval(Significance s, Comparison.Row row) {
    if (s.tooFew()) {
      return "-";
    }
    double median = row.before().get().stats().p50();
    return percent(Comparison.change(median, median + s.shiftLowMs()))
        + " to "
        + percent(Comparison.change(median, median + s.shiftHighMs()));
  }

  /** 95% for α = 0.05, as few digits as the level needs. */
  static String confidence(double alpha) {
    return BigDecimal.ONE
            .subtract(BigDecimal.valueOf(alpha))
            .movePointRight(2)
            .stripTrailingZeros()
            .toPlainString()
        + "%";
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
