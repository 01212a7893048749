package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The numbers of a {@link Comparison} as one JSON document:
 *
 * <pre>{@code
 * {"percentiles": "nearest-rank", "test": "mann-whitney-u", "alpha": 0.05,
 *  "failIfSlowerPercent": 10, "slower": false,
 *  "before": {"invocations": 20, "unreadable": []},
 *  "after": {"invocations": 20, "unreadable": []}, "by": null,
 *  "groups": [{"entry": "ApiGatewayHandler", "byValue": null, "phase": "warm",
 *              "before": 19, "after": 19,
 *              "steps": [{"name": "load_order", "kind": "step",
 *                         "before": {"count": 19, "p50": 0.3, "p90": 0.4, "p99": 0.5, "max": 0.5,
 *                                    "p90IsMax": false, "p99IsMax": true},
 *                         "after": {...}, "p50Change": 0.1, "p99Change": 0.2,
 *                         "verdict": "not significant", "p": 0.446, "neededPerSide": null,
 *                         "interval": {"low": -0.05, "high": 0.12}, "slower": false}]}]}
 * }</pre>
 *
 * Rows of {@code "kind": "report"} are Lambda's {@code REPORT Init Duration} and {@code REPORT
 * Duration}. A side without the step is null, and so is a change that cannot be computed; changes
 * and the interval are fractions of the figure before, rounded to 4 decimals; {@code p} is not
 * rounded (a CI check may want its own level). Every key is listed in docs/runner.md.
 *
 * <p>Stateless and thread-safe.
 */
final class ComparisonJson {
  private ComparisonJson() {}

  static String render(
      Comparison comparison,
      List<TrackerLog.Problem> unreadableBefore,
      List<TrackerLog.Problem> unreadableAfter,
      double failIfSlower) {
    return render(comparison, unreadableBefore, unreadableAfter, failIfSlower, null);
  }

  /**
   * @param sides what each side ran ({@code ./invoke ab}), the document's {@code sides}; null for
   *     none, as for saved logs
   */
  static String render(
      Comparison comparison,
      List<TrackerLog.Problem> unreadableBefore,
      List<TrackerLog.Problem> unreadableAfter,
      double failIfSlower,
      JsonObject sides) {
    JsonObject root = new JsonObject();
    root.addProperty("percentiles", "nearest-rank");
    root.addProperty("test", "mann-whitney-u");
    root.addProperty("alpha", BigDecimal.valueOf(comparison.alpha()));
    root.addProperty(
        "failIfSlowerPercent",
        Double.isNaN(failIfSlower) ? null : SummaryJson.round(failIfSlower, 4));
    root.addProperty("slower", !Double.isNaN(failIfSlower) && comparison.slowerThan(failIfSlower));
    root.add("before", side(comparison.before(), unreadableBefore));
    root.add("after", side(comparison.after(), unreadableAfter));
    if (sides != null) {
      root.add("sides", sides);
    }
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
        s.addProperty("kind", row.report() ? "report" : "step");
        s.add("before", stats(row.before()));
        s.add("after", stats(row.after()));
        s.add("p50Change", change(row, true));
        s.add("p99Change", change(row, false));
        significance(s, row, failIfSlower);
        steps.add(s);
      }
      g.add("steps", steps);
      groups.add(g);
    }
    root.add("groups", groups);
    return SummaryJson.document(root);
  }

  private static void significance(JsonObject s, Comparison.Row row, double failIfSlower) {
    Optional<Significance> found = row.significance();
    if (found.isEmpty()) {
      s.addProperty("verdict", row.before().isEmpty() ? "new" : "gone");
      s.add("p", JsonNull.INSTANCE);
      s.add("neededPerSide", JsonNull.INSTANCE);
      s.add("interval", JsonNull.INSTANCE);
    } else {
      Significance sig = found.get();
      s.addProperty(
          "verdict",
          sig.tooFew() ? "too few" : sig.significant() ? "significant" : "not significant");
      s.add("p", sig.tooFew() ? JsonNull.INSTANCE : new JsonPrimitive(sig.p()));
      s.add(
          "neededPerSide",
          sig.tooFew() ? new JsonPrimitive(sig.neededPerSide()) : JsonNull.INSTANCE);
      s.add("interval", interval(sig, row.before().get().stats().p50()));
    }
    s.addProperty("slower", !Double.isNaN(failIfSlower) && row.slowerThan(failIfSlower));
  }

  private static JsonElement interval(Significance sig, double median) {
    double low = Comparison.change(median, median + sig.shiftLowMs());
    double high = Comparison.change(median, median + sig.shiftHighMs());
    if (sig.tooFew() || Double.isNaN(low) || Double.isNaN(high)) {
      return JsonNull.INSTANCE;
    }
    JsonObject interval = new JsonObject();
    interval.addProperty("low", SummaryJson.round(low, 4));
    interval.addProperty("high", SummaryJson.round(high, 4));
    return interval;
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
