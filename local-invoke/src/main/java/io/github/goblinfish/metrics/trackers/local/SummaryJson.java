package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The numbers of a {@link Summary} as one JSON document, for scripts and CI:
 *
 * <pre>{@code
 * {"percentiles": "nearest-rank", "invocations": 20, "cold": 1, "warm": 19, "unmarked": 0,
 *  "by": null,
 *  "groups": [{"entry": "ApiGatewayHandler", "byValue": null, "phase": "cold", "invocations": 1,
 *              "initDurationMs": {"count": 1, "p50": 932, "p90": 932, "p99": 932, "max": 932,
 *                                 "p90IsMax": true, "p99IsMax": true},
 *              "durationMs": {"count": 1, "p50": 24.23, ...},
 *              "steps": [{"name": "ApiGatewayHandler", "count": 1, "calls": 1,
 *                         "p50": 22.73, "p90": 22.73, "p99": 22.73, "max": 22.73,
 *                         "p90IsMax": true, "p99IsMax": true, "share": 1.0}]}],
 *  "unreadable": [{"where": "line 4", "reason": "broken JSON"}]}
 * }</pre>
 *
 * {@code initDurationMs} and {@code durationMs} come from the invocations' REPORT lines, null when
 * none was found. {@code p90IsMax} and {@code p99IsMax} say that a percentile is the max only
 * because there are too few values (under 10, under 100). Milliseconds are rounded to 3 decimals,
 * shares (a fraction of the entry's total) to 4; a share whose entry's total is 0 is null. A group
 * whose cold starts were split ({@link ColdStartSplit}) also has {@code coldStart}: {@code count},
 * {@code totalMs}, {@code namedShare}, {@code leastNamedShare} and {@code parts}, one per row with
 * {@code part}, {@code label}, {@code depth} and its stats; other groups have no such key.
 *
 * <p>Stateless and thread-safe.
 */
final class SummaryJson {
  private static final Gson PRETTY =
      new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

  private SummaryJson() {}

  static String render(Summary summary, List<TrackerLog.Problem> unreadable) {
    JsonObject root = new JsonObject();
    root.addProperty("percentiles", "nearest-rank");
    root.addProperty("invocations", summary.invocations());
    for (Observation.Phase phase : Observation.Phase.values()) {
      root.addProperty(phase.name().toLowerCase(java.util.Locale.ROOT), summary.count(phase));
    }
    root.addProperty("by", summary.by());
    JsonArray groups = new JsonArray();
    for (Summary.Group group : summary.groups()) {
      JsonObject g = new JsonObject();
      g.addProperty("entry", group.entry());
      g.addProperty("byValue", group.byValue());
      g.addProperty("phase", group.phase().name().toLowerCase(java.util.Locale.ROOT));
      g.addProperty("invocations", group.invocations());
      g.add("initDurationMs", group.initDuration().map(SummaryJson::stats).orElse(null));
      g.add("durationMs", group.duration().map(SummaryJson::stats).orElse(null));
      JsonArray steps = new JsonArray();
      for (Summary.Step step : group.steps()) {
        JsonObject s = new JsonObject();
        s.addProperty("name", step.name());
        s.addProperty("count", step.stats().count());
        s.addProperty("calls", step.calls());
        JsonObject stats = stats(step.stats());
        stats.remove("count");
        stats.entrySet().forEach(e -> s.add(e.getKey(), e.getValue()));
        s.addProperty("share", Double.isNaN(step.share()) ? null : round(step.share(), 4));
        steps.add(s);
      }
      g.add("steps", steps);
      // Only a group whose cold starts were split has one: other groups read as before.
      group.coldStart().ifPresent(cold -> g.add("coldStart", coldStart(cold)));
      groups.add(g);
    }
    root.add("groups", groups);
    root.add("unreadable", problems(unreadable));
    return document(root);
  }

  /** Pretty-printed, nulls kept, with a final newline: the form both JSON outputs take. */
  static String document(JsonObject root) {
    return PRETTY.toJson(root) + "\n";
  }

  static JsonArray problems(List<TrackerLog.Problem> unreadable) {
    JsonArray problems = new JsonArray();
    for (TrackerLog.Problem p : unreadable) {
      JsonObject o = new JsonObject();
      o.addProperty("where", p.where());
      o.addProperty("reason", p.reason());
      problems.add(o);
    }
    return problems;
  }

  private static JsonObject coldStart(Summary.ColdStart cold) {
    JsonObject o = new JsonObject();
    o.addProperty("count", cold.count());
    o.add("totalMs", stats(cold.total()));
    o.addProperty("namedShare", round(cold.namedShare(), 4));
    o.addProperty("leastNamedShare", round(cold.leastNamedShare(), 4));
    JsonArray rows = new JsonArray();
    for (Summary.ColdRow row : cold.rows()) {
      JsonObject r = new JsonObject();
      r.addProperty("part", row.key());
      r.addProperty("label", row.label());
      r.addProperty("depth", row.depth());
      stats(row.stats()).entrySet().forEach(e -> r.add(e.getKey(), e.getValue()));
      rows.add(r);
    }
    o.add("parts", rows);
    return o;
  }

  static JsonObject stats(Summary.Stats stats) {
    JsonObject o = new JsonObject();
    o.addProperty("count", stats.count());
    o.addProperty("p50", round(stats.p50(), 3));
    o.addProperty("p90", round(stats.p90(), 3));
    o.addProperty("p99", round(stats.p99(), 3));
    o.addProperty("max", round(stats.max(), 3));
    o.addProperty("p90IsMax", stats.isOnlyTheMax(90));
    o.addProperty("p99IsMax", stats.isOnlyTheMax(99));
    return o;
  }

  static BigDecimal round(double value, int decimals) {
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }
}
