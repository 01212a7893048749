package io.github.goblinfish.metrics.trackers.local;

import java.util.Optional;

/**
 * What a comparison says of one step, as one short text for the HTML report: its p50 and p99
 * changes ({@code p50 +4.0%, p99 +43.2%}), or {@code new} or {@code gone} for a step on one side
 * only. The one place the report asks a {@link Comparison} for its verdict, so that a richer
 * verdict reaches the page by changing this class alone.
 *
 * <pre>{@code
 * ComparisonVerdict.of(row); // "p50 -5.5%, p99 -31.5%"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class ComparisonVerdict {
  private ComparisonVerdict() {}

  static String of(Comparison.Row row) {
    Optional<Summary.Step> before = row.before();
    Optional<Summary.Step> after = row.after();
    if (before.isEmpty()) {
      return "new";
    }
    if (after.isEmpty()) {
      return "gone";
    }
    Summary.Stats b = before.get().stats();
    Summary.Stats a = after.get().stats();
    return "p50 "
        + ComparisonText.percent(Comparison.change(b.p50(), a.p50()))
        + ", p99 "
        + ComparisonText.percent(Comparison.change(b.p99(), a.p99()));
  }
}
