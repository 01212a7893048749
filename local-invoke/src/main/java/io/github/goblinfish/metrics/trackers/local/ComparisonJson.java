package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The numbers of a {@link Comparison} as one JSON document:
 *
 * <pre>{@code
 * {"percentiles": "nearest-rank", "before": {"invocations": 20, "unreadable": []},
 *  "after": {"invocations": 20, "unreadable": []}, "by": null,
 *  "groups": [{"entry": "ApiGatewayHandler", "byValue": null, "phase": "warm",
 *              "before": 19, "after": 19,
 *              "steps": [{"name": "load_order", "report": false,
 *                         "before": {"count": 19, "p50": 0.3, "p90": 0.4, "p99": 0.5, "max": 0.5},
 *                         "after": {"count": 19, "p50": 0.33, "p90": 0.4, "p99": 0.6, "max": 0.6},
 *                         "p50Change": 0.1, "p99Change": 0.2}]}]}
 * }</pre>
 *
 * Rows with {@code "report": true} are Lambda's {@code REPORT Init Duration} and {@code REPORT
 * Duration}. A side without the step is null, and so is a change that cannot be computed; changes
 * are fractions rounded to 4 decimals.
 *
 * <p>Stateless and thread-safe.
 */
final class ComparisonJson {
  private ComparisonJson() {}

  static String render(
      Comparison comparison,
      List<TrackerLog.Problem> unreadableBefore,
      List<TrackerLog.Problem> unreadableAfter) {
    JsonObject root = new JsonObject();
    root.addProperty("percentiles", "nearest-rank");
    root.add("before", side(comparison.before(), unreadableBefore));
    root.add("after", side(comparison.after(), unreadableAfter));
    root.addProperty("by", comparison.before().by());
    JsonArray groups = new JsonArray();
    for (Comparison.Group group : comparison.groups()) {
      JsonObject g = new JsonObject();
      g.addProperty("entry", group.entry());
      g.addProperty("byValue", group.byValue());
      g.addProperty("phase", group.phase().name().toLowerCase(Locale.ROOT));
      g.addProperty("before", group.before());
      g.addProperty("after", group.after());
      JsonArray steps = new JsonArray();
      for (Comparison.Row row : group.rows()) {
        JsonObject s = new JsonObject();
        s.addProperty("name", row.name());
        s.addProperty("report", row.report());
        s.add("before", stats(row.before()));
        s.add("after", stats(row.after()));
        s.add("p50Change", change(row, true));
        s.add("p99Change", change(row, false));
        steps.add(s);
      }
      g.add("steps", steps);
      groups.add(g);
    }
    root.add("groups", groups);
    return SummaryJson.document(root);
  }

  private static JsonObject side(Summary summary, List<TrackerLog.Problem> unreadable) {
    JsonObject side = new JsonObject();
    side.addProperty("invocations", summary.invocations());
    side.add("unreadable", SummaryJson.problems(unreadable));
    return side;
  }

  private static JsonElement stats(Optional<Summary.Step> step) {
    return step.<JsonElement>map(s -> SummaryJson.stats(s.stats())).orElse(JsonNull.INSTANCE);
  }

  private static JsonElement change(Comparison.Row row, boolean p50) {
    if (row.before().isEmpty() || row.after().isEmpty()) {
      return JsonNull.INSTANCE;
    }
    Summary.Stats before = row.before().get().stats();
    Summary.Stats after = row.after().get().stats();
    double change =
        p50
            ? Comparison.change(before.p50(), after.p50())
            : Comparison.change(before.p99(), after.p99());
    if (Double.isNaN(change)) {
      return JsonNull.INSTANCE;
    }
    return new JsonPrimitive(SummaryJson.round(change, 4));
  }
}
