package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the HTML report shows, as the one JSON object its page reads: a title, notes on what was
 * read, and per group (entry, identifier value, cold or warm) each step's distribution, or for a
 * comparison each step's distributions before and after with the comparison's verdict. Names stay
 * as the lines wrote them: the page only ever sets them as text.
 *
 * <p>A distribution is {@code n}, {@code p50}, {@code p90}, {@code p99}, {@code max}, {@code
 * p90IsMax} and {@code p99IsMax} (true when that percentile is only the max, as the text output's
 * {@code *} says), a box of min, p25, p50, p75 and max (all by nearest rank, so each is a measured
 * value), and the points themselves: all of them up to {@value #POINTS}, else {@value #POINTS}
 * evenly spaced by rank.
 *
 * <pre>{@code
 * JsonObject data = HtmlReportData.of(summary, List.of("Read lines.log as lines: ..."));
 * String page = HtmlReport.page(data);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class HtmlReportData {
  /** The most points plotted per distribution: a page stays small and quick whatever the log. */
  static final int POINTS = 500;

  // The rows of a cold start's split one level below REPORT's figures tile the whole start.
  private static final int TILING_DEPTH = 2;

  private static final String INIT_STEPS = "start.init_steps.";

  private HtmlReportData() {}

  /**
   * @param summary the summary to show
   * @param notes lines saying what was read
   * @return the page's data
   */
  static JsonObject of(Summary summary, List<String> notes) {
    JsonObject data = header("summary", title(summary), notes);
    JsonArray groups = new JsonArray();
    for (Summary.Group group : summary.groups()) {
      Samples samples = summary.samples(group);
      JsonArray rows = new JsonArray();
      if (samples.initDurations().length > 0) {
        rows.add(row(Comparison.INIT_DURATION, true, distribution(samples.initDurations())));
      }
      if (samples.durations().length > 0) {
        rows.add(row(Comparison.DURATION, true, distribution(samples.durations())));
      }
      for (Summary.Step step : group.steps()) {
        rows.add(row(step.name(), false, distribution(samples.steps().get(step.name()))));
      }
      JsonObject shown = group(SummaryText.heading(summary, group), rows);
      group.coldStart().ifPresent(split -> shown.add("coldStart", coldStartParts(split)));
      groups.add(shown);
    }
    data.add("groups", groups);
    return data;
  }

  /**
   * The parts that tile a cold start (REPORT's Init or Restore Duration and its Duration, each one
   * level down), at their p50: one stacked bar.
   */
  private static JsonArray coldStartParts(Summary.ColdStart split) {
    JsonArray parts = new JsonArray();
    for (Summary.ColdRow row : split.rows()) {
      // An init step listed beside the parts, not placed in one, overlaps them: not a tile.
      if (row.depth() == TILING_DEPTH && !row.key().startsWith(INIT_STEPS)) {
        JsonObject part = new JsonObject();
        part.addProperty("name", row.label());
        part.addProperty("ms", row.stats().p50());
        parts.add(part);
      }
    }
    return parts;
  }

  /**
   * @param comparison the comparison to show
   * @param beforeName what the before side was read from
   * @param afterName what the after side was read from
   * @param notes lines saying what was read
   * @return the page's data
   */
  static JsonObject of(
      Comparison comparison, String beforeName, String afterName, List<String> notes) {
    JsonObject data =
        header(
            "comparison",
            "Step changes from "
                + beforeName
                + " ("
                + SummaryText.plural(comparison.before().invocations(), "invocation")
                + ") to "
                + afterName
                + " ("
                + SummaryText.plural(comparison.after().invocations(), "invocation")
                + ")",
            notes);
    String by = comparison.before().by();
    JsonArray groups = new JsonArray();
    for (Comparison.Group group : comparison.groups()) {
      JsonArray rows = new JsonArray();
      for (Comparison.Row row : group.rows()) {
        JsonObject r = new JsonObject();
        r.addProperty("name", row.name());
        r.addProperty("report", row.report());
        r.add("before", side(comparison.before(), group, row, true));
        r.add("after", side(comparison.after(), group, row, false));
        r.addProperty("verdict", ComparisonVerdict.of(row));
        rows.add(r);
      }
      String heading =
          group.entry()
              + (by == null ? "" : ", " + by + "=" + group.byValue())
              + ", "
              + group.phase().label()
              + ": "
              + group.before()
              + " before, "
              + group.after()
              + " after";
      groups.add(group(heading, rows));
    }
    data.add("groups", groups);
    return data;
  }

  private static JsonObject header(String kind, String title, List<String> notes) {
    JsonObject data = new JsonObject();
    data.addProperty("kind", kind);
    data.addProperty("title", title);
    JsonArray read = new JsonArray();
    notes.forEach(read::add);
    data.add("notes", read);
    return data;
  }

  private static String title(Summary summary) {
    List<String> phases = new ArrayList<>();
    for (Observation.Phase phase : Observation.Phase.values()) {
      if (summary.count(phase) > 0) {
        phases.add(summary.count(phase) + " " + phase.label());
      }
    }
    return "Steps across "
        + SummaryText.plural(summary.invocations(), "invocation")
        + (phases.isEmpty() ? "" : ": " + String.join(", ", phases));
  }

  // A group's cold-start breakdown goes in a "coldStart" member (an array of {"name", "ms"}): the
  // page draws that section only for a group that has it.
  private static JsonObject group(String heading, JsonArray rows) {
    JsonObject group = new JsonObject();
    group.addProperty("heading", heading);
    group.add("rows", rows);
    return group;
  }

  private static JsonObject row(String name, boolean report, JsonObject distribution) {
    JsonObject row = new JsonObject();
    row.addProperty("name", name);
    row.addProperty("report", report);
    row.add("dist", distribution);
    return row;
  }

  /** One side of a comparison's row: the same group and step in that side's summary, or null. */
  private static JsonElement side(
      Summary summary, Comparison.Group group, Comparison.Row row, boolean before) {
    if ((before ? row.before() : row.after()).isEmpty()) {
      return JsonNull.INSTANCE;
    }
    for (Summary.Group g : summary.groups()) {
      if (g.entry().equals(group.entry())
          && Objects.equals(g.byValue(), group.byValue())
          && g.phase() == group.phase()) {
        Samples samples = summary.samples(g);
        double[] values =
            !row.report()
                ? samples.steps().get(row.name())
                : row.name().equals(Comparison.INIT_DURATION)
                    ? samples.initDurations()
                    : samples.durations();
        return distribution(values);
      }
    }
    return JsonNull.INSTANCE;
  }

  /** {@code sorted} holds at least one value. */
  static JsonObject distribution(double[] sorted) {
    int n = sorted.length;
    NearestRank ranks = NearestRank.of(sorted);
    JsonObject d = new JsonObject();
    d.addProperty("n", n);
    d.addProperty("p50", ranks.percentile(50));
    d.addProperty("p90", ranks.percentile(90));
    d.addProperty("p99", ranks.percentile(99));
    d.addProperty("max", ranks.max());
    // Drawn hollow: with fewer than 10 (100) values a p90 (p99) is the max whatever the others are.
    d.addProperty("p90IsMax", ranks.isTheMax(90));
    d.addProperty("p99IsMax", ranks.isTheMax(99));
    JsonArray box = new JsonArray();
    box.add(sorted[0]);
    box.add(ranks.percentile(25));
    box.add(ranks.percentile(50));
    box.add(ranks.percentile(75));
    box.add(ranks.max());
    d.add("box", box);
    JsonArray points = new JsonArray();
    int shown = Math.min(n, POINTS);
    for (int i = 0; i < shown; i++) {
      points.add(sorted[shown == n ? i : (int) ((long) i * (n - 1) / (shown - 1))]);
    }
    d.add("points", points);
    return d;
  }
}
