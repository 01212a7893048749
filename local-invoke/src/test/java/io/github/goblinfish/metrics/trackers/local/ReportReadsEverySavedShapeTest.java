package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./invoke report} gives one summary, exactly, for the same six invocations saved in every
 * shape: a Text log stream, Lambda's JSON log format, {@code sam logs} (pretty and {@code --output
 * json}), and Logs Insights exports (CSV, the console's JSON, {@code get-query-results}). The files
 * are under {@code src/test/resources/report}; the tests run from the module folder.
 */
class ReportReadsEverySavedShapeTest {
  static final String FOLDER = "src/test/resources/report/";

  static final String SUMMARY =
      """
      Steps across 6 invocations: 1 cold, 5 warm (milliseconds; percentiles by nearest rank)

      ApiGatewayHandler, cold: 1 invocation
        step                  n      p50      p90       p99       max   share
        REPORT Init Duration  1  932.000  932.000*  932.000*  932.000
        REPORT Duration       1   24.230   24.230*   24.230*   24.230
        ApiGatewayHandler     1   22.730   22.730*   22.730*   22.730  100.0%  ████████████████████
        validate_request      1    0.063    0.063*    0.063*    0.063    0.3%  ▏
        load_order            1    0.316    0.316*    0.316*    0.316    1.4%  ▎
        * the max: a p90 needs 10 invocations, a p99 100, to be anything else

      ApiGatewayHandler, warm: 4 invocations
        step               n    p50    p90     p99     max   share
        REPORT Duration    4  4.830  8.380*  8.380*  8.380
        ApiGatewayHandler  4  3.333  6.875*  6.875*  6.875  100.0%  ████████████████████
        validate_request   4  0.019  0.030*  0.030*  0.030    0.5%  ▏
        load_order         4  2.000  5.500*  5.500*  5.500   69.8%  ██████████████
        * the max: a p90 needs 10 invocations, a p99 100, to be anything else

      SqsBatchHandler, warm: 1 invocation
        step             n  calls     p50     p90      p99      max   share
        REPORT Duration  1         10.250  10.250*  10.250*  10.250
        SqsBatchHandler  1      1   9.000   9.000*   9.000*   9.000  100.0%  ████████████████████
        process_record   1      3   6.000   6.000*   6.000*   6.000   66.7%  █████████████▍
        * the max: a p90 needs 10 invocations, a p99 100, to be anything else

      """;

  private String out;
  private String err;

  private int report(byte[] stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("report"));
    all.addAll(List.of(args));
    CommandRun run = CommandRun.of(stdin, all);
    out = run.out();
    err = run.err();
    return run.exitCode();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "lines.log                | lines                     | 12",
        "json-log-format.log      | lines                     | 6",
        "sam-logs.txt             | sam logs output           | 12",
        "sam-logs-output-json.txt | lines                     | 12",
        "insights.csv             | Logs Insights CSV export  | 12",
        "insights.json            | JSON export               | 12",
        "query-results.json       | JSON export               | 12"
      })
  void everyShapeGivesTheSameSummary(String file, String shape, int others) {
    assertEquals(0, report(null, FOLDER + file), err);
    assertEquals(
        SUMMARY
            + "Read "
            + FOLDER
            + file
            + " as "
            + shape
            + ": 6 tracker lines, 6 REPORT events, "
            + others
            + " other events\n",
        out);
    assertEquals("", err);
  }

  @Test
  void standardInputIsReadTheSameAsAFile() throws Exception {
    byte[] bytes = Files.readAllBytes(Path.of(FOLDER, "sam-logs.txt"));
    assertEquals(0, report(bytes, "-"), err);
    assertEquals(
        SUMMARY
            + "Read standard input as sam logs output: 6 tracker lines, 6 REPORT events, 12 other"
            + " events\n",
        out);
    assertEquals(0, report(bytes), err);
    assertEquals(
        SUMMARY
            + "Read standard input as sam logs output: 6 tracker lines, 6 REPORT events, 12 other"
            + " events\n",
        out);
  }

  @Test
  void brokenLinesAreCountedAndNamedAndTheRestIsSummarised() {
    assertEquals(1, report(null, FOLDER + "broken.log"));
    assertEquals(
        """
        Steps across 4 invocations: 1 cold, 2 warm, 1 no cold_start (milliseconds; percentiles by \
        nearest rank)

        ApiGatewayHandler, cold: 1 invocation
          step               n     p50     p90      p99      max   share
          ApiGatewayHandler  1  22.730  22.730*  22.730*  22.730  100.0%  ████████████████████
          validate_request   1   0.063   0.063*   0.063*   0.063    0.3%  ▏
          load_order         1   0.316   0.316*   0.316*   0.316    1.4%  ▎
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else

        ApiGatewayHandler, warm: 2 invocations
          step               n    p50    p90     p99     max   share
          ApiGatewayHandler  2  2.500  6.875*  6.875*  6.875  100.0%  ████████████████████
          validate_request   2  0.019  0.030*  0.030*  0.030    0.5%  ▏
          load_order         2  1.250  5.500*  5.500*  5.500   72.0%  ██████████████▍
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else

        (no latencies), no cold_start: 1 invocation
          step  n  p50  p90   p99   max  share

        Read src/test/resources/report/broken.log as lines: 4 tracker lines, 0 REPORT events, \
        1 other event; 4 unreadable: line 2 (malformed JSON: not strict JSON at line 1 column 79 \
        path $.latencies.load_order), line 4 (latencies is not an object: [1,2]), line 5 (no \
        metrics object), line 6 (latency "ApiGatewayHandler" is not a number: "fast")
        """,
        out);
    assertEquals("", err);
  }

  private static final String LINE =
      "{\"latencies\":{\"main\":2.000,\"load\":1.000},\"metrics\":{},\"cold_start\":false}";

  /**
   * Finding 10 of issue 21: each of these lines was summarised as if the library had written it.
   */
  @Test
  void linesTheLibraryNeverWritesAreEachNamedWithWhyAndTheExitCodeIsOne() {
    String lines =
        String.join(
            "\n",
            LINE,
            "{\"latencies\":{\"main\":2.000,\"load\":-3.600},\"metrics\":{}}",
            "{latencies:{\"main\":2.000},\"metrics\":{}}",
            "{\"latencies\":{\"main\":2.000},\"latencies\":{\"main\":9.000},\"metrics\":{}}",
            "{\"latencies\":{\"main\":2.000},\"metrics\":[]}",
            "{\"latencies\":{\"main\":\"2.000\"},\"metrics\":{}}",
            "{\"latencies\":{\"main\":2.000},\"latency_counts\":7,\"metrics\":{}}",
            "{\"latencies\":{\"main\":2.000},\"metrics\":{}} and more",
            "{\"latencies\":{\"main\":2.000},\"metrics\":{},\"user\":{\"id\":1}}");

    assertEquals(1, report(lines.getBytes(StandardCharsets.UTF_8), "-"));

    assertEquals(
        """
        Read standard input as lines: 1 tracker line, 0 REPORT events, 0 other events; \
        8 unreadable: line 2 (latency "load" is negative: -3.600), line 3 (malformed JSON: not \
        strict JSON at line 1 column 3 path $.), line 4 (the key "latencies" appears twice in one \
        object), line 5 (metrics is not an object: []), line 6 (latency "main" is not a number: \
        "2.000"), line 7 (latency_counts is not an object: 7), line 8 (more after the JSON object), \
        line 9 (identifier "user" is not text, true, false or \
        null: {"id":1})
        """,
        out.substring(out.indexOf("Read ")));
    assertEquals("", err);
  }

  /** Finding 7 of issue 21: a ticker that throws leaves a line with {@code "latencies":{}}. */
  @Test
  void aLineWithNoLatencyIsReadAndCountedInAGroupOfItsOwn() {
    String lines =
        LINE
            + "\n{\"latencies\":{},\"metrics\":{\"order_lines\":3},\"tracker_warnings\":[\"the"
            + " ticker threw java.lang.IllegalStateException: clock gone; spans it could not time are"
            + " left out\"],\"cold_start\":false}\n";

    assertEquals(0, report(lines.getBytes(StandardCharsets.UTF_8), "-"), out + err);

    assertEquals(
        """
        Steps across 2 invocations: 2 warm (milliseconds; percentiles by nearest rank)

        main, warm: 1 invocation
          step  n    p50    p90     p99     max   share
          main  1  2.000  2.000*  2.000*  2.000  100.0%  ████████████████████
          load  1  1.000  1.000*  1.000*  1.000   50.0%  ██████████
          * the max: a p90 needs 10 invocations, a p99 100, to be anything else

        (no latencies), warm: 1 invocation
          step  n  p50  p90   p99   max  share

        Read standard input as lines: 2 tracker lines, 0 REPORT events, 0 other events
        """,
        out);
    assertEquals("", err);
  }

  @Test
  void theJsonSummaryHoldsTheSameNumbers() {
    assertEquals(0, report(null, FOLDER + "insights.csv", "--summary", "json", "--by", "service"));
    assertEquals(
        """
        {
          "percentiles": "nearest-rank",
          "invocations": 6,
          "cold": 1,
          "warm": 5,
          "unmarked": 0,
          "by": "service",
          "groups": [
            {
              "entry": "ApiGatewayHandler",
              "byValue": "orders",
              "phase": "cold",
              "invocations": 1,
              "initDurationMs": {
                "count": 1,
                "p50": 932,
                "p90": 932,
                "p99": 932,
                "max": 932,
                "p90IsMax": true,
                "p99IsMax": true
              },
              "durationMs": {
                "count": 1,
                "p50": 24.23,
                "p90": 24.23,
                "p99": 24.23,
                "max": 24.23,
                "p90IsMax": true,
                "p99IsMax": true
              },
              "steps": [
                {
                  "name": "ApiGatewayHandler",
                  "count": 1,
                  "calls": 1,
                  "p50": 22.73,
                  "p90": 22.73,
                  "p99": 22.73,
                  "max": 22.73,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 1
                },
                {
                  "name": "validate_request",
                  "count": 1,
                  "calls": 1,
                  "p50": 0.063,
                  "p90": 0.063,
                  "p99": 0.063,
                  "max": 0.063,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 0.0028
                },
                {
                  "name": "load_order",
                  "count": 1,
                  "calls": 1,
                  "p50": 0.316,
                  "p90": 0.316,
                  "p99": 0.316,
                  "max": 0.316,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 0.0139
                }
              ]
            },
            {
              "entry": "ApiGatewayHandler",
              "byValue": "orders",
              "phase": "warm",
              "invocations": 4,
              "initDurationMs": null,
              "durationMs": {
                "count": 4,
                "p50": 4.83,
                "p90": 8.38,
                "p99": 8.38,
                "max": 8.38,
                "p90IsMax": true,
                "p99IsMax": true
              },
              "steps": [
                {
                  "name": "ApiGatewayHandler",
                  "count": 4,
                  "calls": 4,
                  "p50": 3.333,
                  "p90": 6.875,
                  "p99": 6.875,
                  "max": 6.875,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 1
                },
                {
                  "name": "validate_request",
                  "count": 4,
                  "calls": 4,
                  "p50": 0.019,
                  "p90": 0.03,
                  "p99": 0.03,
                  "max": 0.03,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 0.0052
                },
                {
                  "name": "load_order",
                  "count": 4,
                  "calls": 4,
                  "p50": 2,
                  "p90": 5.5,
                  "p99": 5.5,
                  "max": 5.5,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 0.6983
                }
              ]
            },
            {
              "entry": "SqsBatchHandler",
              "byValue": "(none)",
              "phase": "warm",
              "invocations": 1,
              "initDurationMs": null,
              "durationMs": {
                "count": 1,
                "p50": 10.25,
                "p90": 10.25,
                "p99": 10.25,
                "max": 10.25,
                "p90IsMax": true,
                "p99IsMax": true
              },
              "steps": [
                {
                  "name": "SqsBatchHandler",
                  "count": 1,
                  "calls": 1,
                  "p50": 9,
                  "p90": 9,
                  "p99": 9,
                  "max": 9,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 1
                },
                {
                  "name": "process_record",
                  "count": 1,
                  "calls": 3,
                  "p50": 6,
                  "p90": 6,
                  "p99": 6,
                  "max": 6,
                  "p90IsMax": true,
                  "p99IsMax": true,
                  "share": 0.6667
                }
              ]
            }
          ],
          "unreadable": []
        }
        """,
        out);
    assertEquals("", err);
  }

  @Test
  void groupingByColdStartSplitsTheSameLinesByItsValue() {
    assertEquals(0, report(null, FOLDER + "lines.log", "--by", "cold_start"));
    String headings =
        out.lines()
            .filter(l -> l.endsWith("invocation") || l.endsWith("invocations"))
            .reduce("", (a, b) -> a + b + "\n");
    assertEquals(
        """
        ApiGatewayHandler, cold_start=true, cold: 1 invocation
        ApiGatewayHandler, cold_start=false, warm: 4 invocations
        SqsBatchHandler, cold_start=false, warm: 1 invocation
        """,
        headings);
  }

  @Test
  void groupingByOneOfTheLinesOwnMembersFindsNoIdentifier() {
    for (String own : List.of("latency_counts", "tracker_warnings", "latencies", "metrics")) {
      assertEquals(0, report(null, FOLDER + "lines.log", "--by", own));
      String headings =
          out.lines()
              .filter(l -> l.endsWith("invocation") || l.endsWith("invocations"))
              .reduce("", (a, b) -> a + b + "\n");
      assertEquals(
          """
          ApiGatewayHandler, %1$s=(none), cold: 1 invocation
          ApiGatewayHandler, %1$s=(none), warm: 4 invocations
          SqsBatchHandler, %1$s=(none), warm: 1 invocation
          """
              .formatted(own),
          headings,
          own);
    }
  }

  @Test
  void anInputWithoutTrackerLinesExitsOneAndSaysSo() {
    byte[] bytes =
        "START RequestId: r-1 Version: $LATEST\nhello\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(1, report(bytes, "-"));
    assertEquals(
        "Steps across 0 invocations (milliseconds; percentiles by nearest rank)\n\n"
            + "Read standard input as lines: 0 tracker lines, 0 REPORT events, 2 other events\n",
        out);
    assertEquals("error: no tracker line in standard input\n", err);
  }
}
