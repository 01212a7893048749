package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What the HTML report plots of a step's values: the box is min, p25, p50, p75 and max by nearest
 * rank, and the dots are every value, or 500 of them evenly spaced by rank, the smallest and the
 * largest included.
 */
class HtmlReportDistributionsTest {

  @Property(tries = 200)
  void theBoxAndTheDotsAreMeasuredValues(
      @ForAll @Size(min = 1, max = 1200) List<@DoubleRange(min = 0, max = 1e6) Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    JsonObject d = HtmlReportData.distribution(sorted);
    NearestRank ranks = NearestRank.of(sorted);
    assertEquals(sorted.length, d.get("n").getAsInt());
    assertEquals(
        List.of(
            sorted[0],
            ranks.percentile(25),
            ranks.percentile(50),
            ranks.percentile(75),
            sorted[sorted.length - 1]),
        doubles(d.getAsJsonArray("box")));
    List<Double> points = doubles(d.getAsJsonArray("points"));
    assertEquals(Math.min(sorted.length, HtmlReportData.POINTS), points.size());
    assertEquals(sorted[0], points.get(0));
    assertEquals(sorted[sorted.length - 1], points.get(points.size() - 1));
    for (int i = 1; i < points.size(); i++) {
      assertEquals(true, points.get(i - 1) <= points.get(i));
    }
    if (sorted.length <= HtmlReportData.POINTS) {
      assertEquals(Arrays.stream(sorted).boxed().toList(), points);
    }
  }

  @Test
  void aThousandValuesGiveFiveHundredDotsEvenlySpacedByRank() {
    double[] sorted = new double[1000];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i;
    }
    List<Double> points = doubles(HtmlReportData.distribution(sorted).getAsJsonArray("points"));
    // Rank i * 999 / 499, rounded down.
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0), points.subList(0, 4));
    assertEquals(List.of(992.0, 994.0, 996.0, 999.0), points.subList(496, 500));
  }

  @Test
  void aP90AndAP99OfFewerThanTenValuesAreMarkedAsOnlyTheMax() {
    assertEquals(
        "{\"n\":3,\"p50\":2.0,\"p90\":3.0,\"p99\":3.0,\"max\":3.0,"
            + "\"p90IsMax\":true,\"p99IsMax\":true,"
            + "\"box\":[1.0,1.0,2.0,3.0,3.0],\"points\":[1.0,2.0,3.0]}",
        new Gson().toJson(HtmlReportData.distribution(new double[] {1, 2, 3})));
  }

  @Test
  void tenValuesHaveAP90OfTheirOwnAndAP99ThatIsOnlyTheMax() {
    assertEquals(
        "{\"n\":10,\"p50\":5.0,\"p90\":9.0,\"p99\":10.0,\"max\":10.0,"
            + "\"p90IsMax\":false,\"p99IsMax\":true,"
            + "\"box\":[1.0,3.0,5.0,8.0,10.0],"
            + "\"points\":[1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0,9.0,10.0]}",
        new Gson()
            .toJson(HtmlReportData.distribution(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})));
  }

  @Test
  void aHundredValuesHaveAP99OfTheirOwn() {
    double[] sorted = new double[100];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }
    JsonObject d = HtmlReportData.distribution(sorted);
    assertEquals(
        List.of("90.0", "false", "99.0", "false", "100.0"),
        List.of(
            d.get("p90").toString(),
            d.get("p90IsMax").toString(),
            d.get("p99").toString(),
            d.get("p99IsMax").toString(),
            d.get("max").toString()));
  }

  @Test
  void eachGroupKeepsTheSortedValuesItsFiguresCameFrom() throws Exception {
    Summary summary;
    try (var in = Files.newBufferedReader(Path.of("src/test/resources/report/insights.csv"))) {
      summary = TrackerLog.read(in, null).summary();
    }
    int checked = 0;
    for (Summary.Group group : summary.groups()) {
      Samples samples = summary.samples(group);
      assertEquals(
          group.steps().stream().map(Summary.Step::name).toList(),
          List.copyOf(samples.steps().keySet()));
      for (Summary.Step step : group.steps()) {
        assertEquals(figures(step.stats()), stats(samples.steps().get(step.name())), step.name());
        checked++;
      }
      assertEquals(
          group.duration().map(HtmlReportDistributionsTest::figures),
          Optional.of(stats(samples.durations())));
      assertEquals(
          group.initDuration().map(HtmlReportDistributionsTest::figures),
          samples.initDurations().length == 0
              ? Optional.empty()
              : Optional.of(stats(samples.initDurations())));
    }
    assertEquals(8, checked);
    double[] warmLoadOrder = summary.samples(summary.groups().get(1)).steps().get("load_order");
    double[] sorted = warmLoadOrder.clone();
    Arrays.sort(sorted);
    assertEquals(Arrays.toString(sorted), Arrays.toString(warmLoadOrder));
    assertEquals(4, warmLoadOrder.length);
  }

  /** The figures a summary shows of these values. */
  private static List<Double> stats(double[] values) {
    return figures(Summary.Stats.of(values));
  }

  private static List<Double> figures(Summary.Stats stats) {
    return List.of((double) stats.count(), stats.p50(), stats.p90(), stats.p99(), stats.max());
  }

  @Test
  void aMissingBrowserSkipsTheTestWithWhyAndFailsItInCi() {
    TestAbortedException skipped =
        assertThrows(
            TestAbortedException.class,
            () -> HeadlessChromium.unavailable("the check", "no chromium", null));
    assertEquals("SKIPPED: the check. Reason: no chromium", skipped.getMessage());
    AssertionFailedError failed =
        assertThrows(
            AssertionFailedError.class,
            () -> HeadlessChromium.unavailable("the check", "no chromium", "true"));
    assertEquals(
        "SKIPPED: the check. Reason: no chromium. With CI=true a skipped check fails the build.",
        failed.getMessage());
  }

  private static List<Double> doubles(JsonArray array) {
    List<Double> list = new ArrayList<>();
    array.forEach(e -> list.add(e.getAsDouble()));
    return list;
  }
}
