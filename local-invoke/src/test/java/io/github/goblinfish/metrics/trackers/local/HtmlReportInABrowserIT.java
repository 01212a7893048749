package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report ({@code --html}) opened in a real headless browser: it loads with no console
 * error, every chart has drawn a box, a p90 and a p99 mark (hollow while only the max) for each
 * step and a dot for each invocation, and names shaped as markup or script run nothing and show as
 * the text they are. Screenshots are kept under {@code target/html-report/}.
 */
class HtmlReportInABrowserIT {
  private static final Path ROOT = LambdaITSupport.repositoryRoot();
  private static final Path SHOTS = Path.of("target", "html-report");
  private static final Path INSIGHTS = Path.of("src/test/resources/report/insights.csv");
  private static final Path LINES = Path.of("src/test/resources/report/lines.log");

  private static final String SCRIPT = HostileNames.SCRIPT;
  private static final String IMG = HostileNames.IMG;
  private static final String SVG = HostileNames.SVG;
  private static final String QUOTES = HostileNames.QUOTES;
  private static final String CLOSE = HostileNames.CLOSE;
  private static final String MARKUP = HostileNames.MARKUP;

  /**
   * Per chart, per series: its type, its name and how many of its data items have a mark drawn
   * inside the chart (a box's every point, a dot's centre), as laid out on the chart's canvas.
   */
  private static final String MARKS =
      "return Array.from(document.querySelectorAll('.chart')).map(function (div) {"
          + "  var chart = echarts.getInstanceByDom(div), w = chart.getWidth(), h = chart.getHeight();"
          + "  function inside(p) { return p[0] > 0 && p[0] < w && p[1] > 0 && p[1] < h; }"
          + "  return chart.getModel().getSeries().map(function (s) {"
          + "    var data = s.getData(), drawn = 0;"
          + "    for (var i = 0; i < data.count(); i++) {"
          + "      var layout = data.getItemLayout(i);"
          + "      var points = !layout ? [] : layout.ends ? layout.ends : layout.width !== undefined"
          + "          ? [[layout.x, layout.y], [layout.x + layout.width, layout.y + layout.height]]"
          + "          : [layout];"
          + "      if (data.getItemGraphicEl(i) && points.length > 0 && points.every(inside)) drawn++;"
          + "    }"
          + "    return s.subType + ' ' + s.name + ' ' + drawn;"
          + "  });"
          + "});";

  /**
   * Per chart, per p90 or p99 series: how its marks are drawn on the canvas, in runs: filled (in
   * the colour of their outline) or hollow (see-through inside), e.g. {@code "p99 filled x2 hollow
   * x3"}.
   */
  private static final String TAILS =
      "return Array.from(document.querySelectorAll('.chart')).map(function (div) {"
          + "  return echarts.getInstanceByDom(div).getModel().getSeries()"
          + "      .filter(function (s) { return s.name === 'p90' || s.name === 'p99'; })"
          + "      .map(function (s) {"
          + "    var data = s.getData(), shown = s.name, last = null, run = 0;"
          + "    function end() { if (run > 0) shown += ' ' + last + ' x' + run; }"
          + "    for (var i = 0; i < data.count(); i++) {"
          + "      var el = data.getItemGraphicEl(i), path = el && el.childAt(0);"
          + "      var how = !path ? 'missing' : path.style.fill === 'rgba(255,255,255,0)' ? 'hollow'"
          + "          : path.style.fill === path.style.stroke ? 'filled' : 'fill ' + path.style.fill;"
          + "      if (how !== last) { end(); last = how; run = 0; }"
          + "      run++;"
          + "    }"
          + "    end();"
          + "    return shown;"
          + "  });"
          + "});";

  /** The text of the tooltip shown for an item of a series of the first chart. */
  private static final String TOOLTIP =
      "var chart = echarts.getInstanceByDom(document.querySelector('.chart'));"
          + "chart.dispatchAction({type: 'showTip', seriesIndex: arguments[0],"
          + "    dataIndex: arguments[1]});"
          + "var tips = Array.from(document.querySelectorAll('.chart > div'))"
          + "    .filter(function (d) { return d.style.display !== 'none'"
          + "        && d.textContent.indexOf(' ms') >= 0; });"
          + "return tips.length === 1 ? [tips[0].textContent,"
          + "    tips[0].querySelectorAll('img, svg, script, b').length] : null;";

  /** The text of each table's first column, per table. */
  private static final String ROW_NAMES =
      "return Array.from(document.querySelectorAll('table')).map(function (t) {"
          + "  return Array.from(t.querySelectorAll('tr')).slice(1)"
          + "      .map(function (tr) { return tr.firstChild.textContent; });"
          + "});";

  private static final String LAST_COLUMN =
      "return Array.from(document.querySelectorAll('table')).map(function (t) {"
          + "  return Array.from(t.querySelectorAll('tr')).slice(1)"
          + "      .map(function (tr) { return tr.lastChild.textContent; });"
          + "});";

  /** Each table's rows, their cells' text joined by ' | ', per table. */
  private static final String CELLS =
      "return Array.from(document.querySelectorAll('table')).map(function (t) {"
          + "  return Array.from(t.querySelectorAll('tr')).slice(1).map(function (tr) {"
          + "    return Array.from(tr.children).map(function (c) { return c.textContent; })"
          + "        .join(' | '); });"
          + "});";

  /** The text of each note under a table. */
  private static final String STAR_NOTES =
      "return Array.from(document.querySelectorAll('p.note'))"
          + "    .map(function (p) { return p.textContent; })"
          + "    .filter(function (t) { return t.indexOf('* the max') === 0; });";

  private static final String HEADINGS =
      "return Array.from(document.querySelectorAll('h2')).map(function (h) {"
          + " return h.textContent; });";

  @TempDir Path temp;

  @Test
  void aSummaryDrawsABoxForEachStepAndADotForEachInvocation() throws Exception {
    Path html = temp.resolve("summary.html");
    CommandRun run = report("report", INSIGHTS.toString(), "--html", html.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (HeadlessChromium browser = open(html, "summary")) {
      assertEquals(
          List.of(
              "ApiGatewayHandler, cold: 1 invocation",
              "ApiGatewayHandler, warm: 4 invocations",
              "SqsBatchHandler, warm: 1 invocation"),
          browser.evaluate(HEADINGS));
      // Cold: 2 REPORT figures and 3 steps, one invocation; warm: 1 and 3, four; SQS: 1 and 2, one.
      assertEquals(
          List.of(
              List.of(
                  "boxplot invocations 5",
                  "scatter invocations 5",
                  "scatter p90 5",
                  "scatter p99 5"),
              List.of(
                  "boxplot invocations 4",
                  "scatter invocations 16",
                  "scatter p90 4",
                  "scatter p99 4"),
              List.of(
                  "boxplot invocations 3",
                  "scatter invocations 3",
                  "scatter p90 3",
                  "scatter p99 3")),
          browser.evaluate(MARKS));
      // One or four invocations: every p90 and p99 is only the max.
      assertEquals(
          List.of(
              List.of("p90 hollow x5", "p99 hollow x5"),
              List.of("p90 hollow x4", "p99 hollow x4"),
              List.of("p90 hollow x3", "p99 hollow x3")),
          browser.evaluate(TAILS));
      assertEquals(
          List.of(
              List.of(
                  "REPORT Init Duration",
                  "REPORT Duration",
                  "ApiGatewayHandler",
                  "validate_request",
                  "load_order"),
              List.of("REPORT Duration", "ApiGatewayHandler", "validate_request", "load_order"),
              List.of("REPORT Duration", "SqsBatchHandler", "process_record")),
          browser.evaluate(ROW_NAMES));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void aComparisonDrawsBeforeAndAfterOfEachStepWithItsVerdict() throws Exception {
    Path after = temp.resolve("after.log");
    // The same lines without the SQS function's: its group is gone after.
    Files.write(
        after,
        Files.readAllLines(LINES).stream().filter(l -> !l.contains("SqsBatch")).toList(),
        StandardCharsets.UTF_8);
    Path html = temp.resolve("compare.html");
    CommandRun run =
        report(
            "report", "--compare", LINES.toString(), after.toString(), "--html", html.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (HeadlessChromium browser = open(html, "comparison")) {
      assertEquals(
          List.of(
              List.of(
                  "boxplot before 5",
                  "scatter before 5",
                  "scatter p90 5",
                  "scatter p99 5",
                  "boxplot after 5",
                  "scatter after 5",
                  "scatter p90 5",
                  "scatter p99 5"),
              List.of(
                  "boxplot before 4",
                  "scatter before 16",
                  "scatter p90 4",
                  "scatter p99 4",
                  "boxplot after 4",
                  "scatter after 16",
                  "scatter p90 4",
                  "scatter p99 4"),
              List.of(
                  "boxplot before 3",
                  "scatter before 3",
                  "scatter p90 3",
                  "scatter p99 3",
                  "boxplot after 0",
                  "scatter after 0",
                  "scatter p90 0",
                  "scatter p99 0")),
          browser.evaluate(MARKS));
      // One invocation a side is too few to judge; four identical ones a side are no change.
      String one = "too few (n=1+1; 4+4 needed)";
      String same = "~ (p=1.000 n=4+4)";
      assertEquals(
          List.of(
              List.of(one, one, one, one, one),
              List.of(same, same, same, same),
              List.of("gone", "gone", "gone")),
          browser.evaluate(LAST_COLUMN));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void aP90AndAP99AreDrawnFilledOnceThereAreEnoughInvocationsAndHollowWhileOnlyTheMax()
      throws Exception {
    // Twelve invocations before: a p90 of its own, a p99 that is only the max; a hundred after:
    // both their own.
    Path before = temp.resolve("twelve.log");
    Files.write(before, plainLines(12), StandardCharsets.UTF_8);
    Path after = temp.resolve("hundred.log");
    Files.write(after, plainLines(100), StandardCharsets.UTF_8);
    Path html = temp.resolve("tail.html");
    CommandRun run =
        report(
            "report", "--compare", before.toString(), after.toString(), "--html", html.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (HeadlessChromium browser = open(html, "tail-comparison")) {
      assertEquals(
          List.of(
              List.of(
                  "boxplot before 2",
                  "scatter before 24",
                  "scatter p90 2",
                  "scatter p99 2",
                  "boxplot after 2",
                  "scatter after 200",
                  "scatter p90 2",
                  "scatter p99 2")),
          browser.evaluate(MARKS));
      assertEquals(
          List.of(List.of("p90 filled x2", "p99 hollow x2", "p90 filled x2", "p99 filled x2")),
          browser.evaluate(TAILS));
      // The tooltip of a mark: the step, its side, the percentile and, when it is, the max.
      assertEquals(
          "handler (before): p99 <ms> ms, the max: a p99 needs 100 invocations to be anything else",
          tooltip(browser, 3, 0));
      assertEquals("step (before): p90 <ms> ms", tooltip(browser, 2, 1));
      assertEquals("step (after): p99 <ms> ms", tooltip(browser, 7, 1));
      // The table stars a p99 that is only the max, as the text output does, and says why.
      assertEquals(List.of("<ms>*", "<ms>*"), firstTableColumn(browser, 5)); // p99 before
      assertEquals(List.of("<ms>", "<ms>"), firstTableColumn(browser, 6)); // p99 after
      assertEquals(
          List.of("* the max: a p99 needs 100 invocations to be anything else"),
          browser.evaluate(STAR_NOTES));
      assertEquals(List.of(), browser.consoleErrors());
    }

    Path summary = temp.resolve("tail-summary.html");
    run = report("report", before.toString(), "--html", summary.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (HeadlessChromium browser = open(summary, "tail-summary")) {
      assertEquals(
          List.of(
              List.of(
                  "boxplot invocations 2",
                  "scatter invocations 24",
                  "scatter p90 2",
                  "scatter p99 2")),
          browser.evaluate(MARKS));
      assertEquals(List.of(List.of("p90 filled x2", "p99 hollow x2")), browser.evaluate(TAILS));
      assertEquals(
          "step (invocations): p99 <ms> ms, the max: a p99 needs 100 invocations to be anything"
              + " else",
          tooltip(browser, 3, 1));
      assertEquals(List.of("<ms>", "<ms>"), firstTableColumn(browser, 3)); // p90
      assertEquals(List.of("<ms>*", "<ms>*"), firstTableColumn(browser, 4)); // p99
      assertEquals(
          List.of("* the max: a p90 needs 10 invocations, a p99 100, to be anything else"),
          browser.evaluate(STAR_NOTES));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  /**
   * One column of the page's first table, below its heading, each millisecond figure {@code <ms>}.
   */
  private static List<String> firstTableColumn(HeadlessChromium browser, int column) {
    List<?> rows = (List<?>) ((List<?>) browser.evaluate(CELLS)).get(0);
    return rows.stream()
        .map(row -> row.toString().split(" \\| ")[column].replaceAll("\\d+\\.\\d{3}", "<ms>"))
        .toList();
  }

  /** Lines of an entry {@code handler} with one step, {@code step}. */
  private static List<String> plainLines(int n) {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker = ProcessTracker.builder().output(lines::add).build();
    for (int i = 0; i < n; i++) {
      tracker.trackProcess(
          "handler",
          () -> {
            try (Timer timer = ProcessTracker.current().timer("step")) {
              Thread.onSpinWait();
            }
          });
    }
    return lines;
  }

  /** A tooltip's text, its milliseconds as {@code <ms>}, having checked that it holds no markup. */
  private static String tooltip(HeadlessChromium browser, int series, int item) {
    List<?> tip = (List<?>) browser.evaluate(TOOLTIP, series, item);
    assertEquals(0L, tip.get(1), () -> "markup in the tooltip: " + tip);
    return tip.get(0).toString().replaceAll("\\d+\\.\\d{3} ms", "<ms> ms");
  }

  @Test
  void namesShapedAsMarkupOrScriptRunNothingAndShowAsText() throws Exception {
    Path log = temp.resolve("hostile.log");
    Files.write(log, HostileNames.lines(3), StandardCharsets.UTF_8);
    Path html = temp.resolve("hostile.html");
    CommandRun run =
        report("report", log.toString(), "--by", "function_name", "--html", html.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (HeadlessChromium browser = open(html, "hostile")) {
      assertNothingRan(browser);
      assertEquals(
          List.of(CLOSE + ", function_name=" + SVG + ", no cold_start: 3 invocations"),
          browser.evaluate(HEADINGS));
      assertEquals(
          List.of(List.of(CLOSE, SCRIPT, IMG, SVG, QUOTES, MARKUP)), browser.evaluate(ROW_NAMES));
      assertEquals(
          List.of(
              List.of(
                  "boxplot invocations 6",
                  "scatter invocations 18",
                  "scatter p90 6",
                  "scatter p99 6")),
          browser.evaluate(MARKS));
      // The chart's own labels are the names, drawn as text.
      assertEquals(
          List.of(CLOSE, SCRIPT, IMG, SVG, QUOTES, MARKUP),
          browser.evaluate(
              "return echarts.getInstanceByDom(document.querySelector('.chart'))"
                  + ".getOption().yAxis[0].data;"));
      // A tooltip shows a name as text, not as markup.
      for (int step = 0; step < 6; step++) {
        Object tip =
            browser.evaluate(
                "var chart = echarts.getInstanceByDom(document.querySelector('.chart'));"
                    + "chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: "
                    + step
                    + "});"
                    + "var tips = Array.from(document.querySelectorAll('.chart > div'))"
                    + "    .filter(function (d) { return d.textContent.indexOf('p50') >= 0; });"
                    + "return tips.length === 1 ? [tips[0].textContent,"
                    + "    tips[0].querySelectorAll('img, svg, script, b').length] : null;");
        assertEquals(
            List.of(
                List.of(CLOSE, SCRIPT, IMG, SVG, QUOTES, MARKUP).get(step) + " (invocations)", 0L),
            List.of(((List<?>) tip).get(0).toString().split("n 3")[0], ((List<?>) tip).get(1)),
            String.valueOf(tip));
      }
      // So does a tail mark's.
      for (int step = 0; step < 6; step++) {
        assertEquals(
            List.of(CLOSE, SCRIPT, IMG, SVG, QUOTES, MARKUP).get(step)
                + " (invocations): p90 <ms> ms, the max: a p90 needs 10 invocations to be anything"
                + " else",
            tooltip(browser, 2, step));
      }
      assertNothingRan(browser);
    }

    Path compared = temp.resolve("hostile-compare.html");
    run =
        report(
            "report",
            "--compare",
            log.toString(),
            INSIGHTS.toString(),
            "--html",
            compared.toString());
    assertEquals(0, run.exitCode(), run.err());
    try (HeadlessChromium browser = open(compared, "hostile-comparison")) {
      assertNothingRan(browser);
      assertEquals(
          List.of(CLOSE, SCRIPT, IMG, SVG, QUOTES, MARKUP),
          ((List<?>) browser.evaluate(ROW_NAMES)).get(0));
      assertEquals(
          List.of("gone", "gone", "gone", "gone", "gone", "gone"),
          ((List<?>) browser.evaluate(LAST_COLUMN)).get(0));
    }
  }

  @Test
  void theRunnersReportDrawsEachInvocationOfTheRealRuntime() throws Exception {
    Path html = temp.resolve("run.html");
    CommandRun run =
        CommandRun.of(
            null,
            List.of(
                "ApiGatewayFunction",
                "--template",
                ROOT.resolve("template.yaml").toString(),
                "-e",
                ROOT.resolve("events/api-gateway-get-order.json").toString(),
                "--times",
                "5",
                "-q",
                "--html",
                html.toString()));
    assertEquals(0, run.exitCode(), run.err());
    try (HeadlessChromium browser = open(html, "runner")) {
      assertEquals(
          List.of(
              "ApiGatewayHandler, cold: 1 invocation", "ApiGatewayHandler, warm: 4 invocations"),
          browser.evaluate(HEADINGS));
      assertEquals(
          List.of(
              List.of(
                  "boxplot invocations 5",
                  "scatter invocations 5",
                  "scatter p90 5",
                  "scatter p99 5"),
              // The cold start, as the bars of the parts that tile it (the init step is inside
              // them, so it is no bar of its own).
              List.of(
                  "bar runtime_start 1",
                  "bar before_handler 1",
                  "bar tracker_setup 1",
                  "bar to_first_invocation 1",
                  "bar rest of init 1",
                  "bar outside the handler 1",
                  "bar ApiGatewayHandler 1"),
              List.of(
                  "boxplot invocations 4",
                  "scatter invocations 16",
                  "scatter p90 4",
                  "scatter p99 4")),
          browser.evaluate(MARKS));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void aGroupWhoseLinesCarryAColdStartBreakdownGetsItsStackedBar() throws Exception {
    // The line carries no breakdown yet: this one is made up, to draw the section the page keeps
    // for it, with part names shaped as markup.
    JsonObject data;
    try (var in = Files.newBufferedReader(INSIGHTS)) {
      data = HtmlReportData.of(TrackerLog.read(in, null).summary(), List.of());
    }
    JsonArray parts = new JsonArray();
    for (String name : List.of("runtime", SCRIPT, IMG)) {
      JsonObject part = new JsonObject();
      part.addProperty("name", name);
      part.addProperty("ms", 100);
      parts.add(part);
    }
    data.getAsJsonArray("groups").get(0).getAsJsonObject().add("coldStart", parts);
    Path html = temp.resolve("cold-start.html");
    Files.writeString(html, HtmlReport.page(data), StandardCharsets.UTF_8);
    try (HeadlessChromium browser = open(html, "cold-start")) {
      assertNothingRan(browser);
      assertEquals(4L, browser.evaluate("return document.querySelectorAll('.chart').length;"));
      // One bar per part, each laid out inside its chart, one after the other.
      assertEquals(
          List.of("runtime", SCRIPT, IMG),
          browser.evaluate(
              "var charts = document.querySelectorAll('.chart');"
                  + "var chart = echarts.getInstanceByDom(charts[1]);"
                  + "var w = chart.getWidth(), h = chart.getHeight(), end = 0;"
                  + "return chart.getModel().getSeries().map(function (s) {"
                  + "  var bar = s.getData().getItemLayout(0);"
                  + "  var ok = s.getData().getItemGraphicEl(0) && bar.width > 0 && bar.x >= end - 0.5"
                  + "      && bar.x + bar.width < w && bar.y > 0 && bar.y + bar.height < h;"
                  + "  end = bar.x + bar.width;"
                  + "  return ok ? s.name : 'not drawn: ' + s.name;"
                  + "});"));
      assertEquals(
          List.of(
              "ApiGatewayHandler, cold: 1 invocation",
              "ApiGatewayHandler, warm: 4 invocations",
              "SqsBatchHandler, warm: 1 invocation"),
          browser.evaluate(HEADINGS));
    }
  }

  private static CommandRun report(String... args) {
    return CommandRun.of(null, List.of(args));
  }

  /** Opens the page, waits for it to be drawn, and keeps a screenshot of it. */
  private HeadlessChromium open(Path html, String name) throws Exception {
    Path profile = Files.createDirectories(temp.resolve("profile-" + name));
    HeadlessChromium browser =
        HeadlessChromium.startOrSkip("the HTML report in a browser (" + name + ")", profile);
    try {
      browser.open(html, "data-rendered");
      assertEquals(
          "true",
          browser.evaluate("return document.body.getAttribute('data-rendered');"),
          () -> "the page was not drawn: " + browser.console());
      browser.fitHeight();
      browser.screenshot(SHOTS.resolve(name + ".png"));
      return browser;
    } catch (RuntimeException | Error | InterruptedException e) {
      browser.close();
      throw e;
    }
  }

  private static void assertNothingRan(HeadlessChromium browser) {
    assertEquals(
        Map.of("pwned", "none", "scripts", 3L, "elements", 0L, "title", "ok"),
        browser.evaluate(
            "return {pwned: window.__pwned === undefined ? 'none' : String(window.__pwned),"
                + " scripts: document.scripts.length,"
                + " elements: document.querySelectorAll('img, svg, iframe, object, embed, b').length,"
                + " title: document.title.indexOf('Steps across') === 0"
                + "     || document.title.indexOf('Step changes') === 0 ? 'ok' : document.title};"),
        () -> "console: " + browser.console());
    assertEquals(List.of(), browser.consoleErrors());
  }
}
