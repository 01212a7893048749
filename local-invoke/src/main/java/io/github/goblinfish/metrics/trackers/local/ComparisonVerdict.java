package io.github.goblinfish.metrics.trackers.local;

import java.util.Optional;

/**
 * What a comparison says of one step, as one short text for the HTML report: the text comparison's
 * verdict on the change of the medians ({@code +20.0% (p=0.000 n=20+20)}, {@code ~ (p=0.446
 * n=10+10)}, {@code too few (n=3+3; 4+4 needed)}), or {@code new} or {@code gone} for a step on one
 * side only. The one place the report asks a {@link Comparison} for its verdict.
 *
 * <pre>{@code
 * ComparisonVerdict.of(row); // "~ (p=0.446 n=10+10)"
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
    String change = ComparisonText.percent(row.p50Change());
    return row.significance().map(s -> ComparisonText.verdict(s, change)).orElse(change);
  }
}
