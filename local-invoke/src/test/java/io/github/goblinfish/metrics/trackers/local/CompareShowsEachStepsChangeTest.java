package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./invoke report --compare BEFORE AFTER}: each step's p50 and p99, and their change. */
class CompareShowsEachStepsChangeTest {
  @TempDir Path dir;

  private String out;
  private String err;

  private static String line(String latencies, boolean cold) {
    return "{\"latencies\":{"
        + latencies
        + "},\"metrics\":{},\"function_name\":\"F\",\"cold_start\":"
        + cold
        + "}\n";
  }

  private int report(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("report"));
    all.addAll(List.of(args));
    CommandRun run =
        CommandRun.of(stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), all);
    out = run.out().replace(dir + "/", "");
    err = run.err().replace(dir + "/", "");
    return run.exitCode();
  }

  private void write(String name, String... lines) throws Exception {
    Files.writeString(dir.resolve(name), String.join("", lines));
  }

  private static String reportLine(String requestId, String duration, String init) {
    return "REPORT RequestId: "
        + requestId
        + "\tDuration: "
        + duration
        + " ms\tBilled Duration: 12 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB"
        + (init == null ? "" : "\tInit Duration: " + init + " ms")
        + "\n";
  }

  private void beforeAndAfter() throws Exception {
    write(
        "before.log",
        line("\"H\":10.000,\"load\":4.000,\"old_step\":1.000", true)
            .replace("}\n", ",\"request_id\":\"b-1\"}\n"),
        reportLine("b-1", "11.00", "500.00"),
        line("\"H\":2.000,\"load\":1.000,\"zero\":0.000", false),
        line("\"H\":3.000,\"load\":2.000,\"zero\":0.000", false));
    write(
        "after.log",
        line("\"H\":9.000,\"load\":4.000", true).replace("}\n", ",\"request_id\":\"a-1\"}\n"),
        reportLine("a-1", "12.10", "400.00"),
        line("\"H\":2.000,\"load\":1.500,\"zero\":0.500,\"cache\":0.250", false),
        line("\"H\":4.000,\"load\":3.000,\"zero\":0.000", false));
  }

  @Test
  void eachStepShowsItsP50AndP99BeforeAndAfterWithTheChange() throws Exception {
    beforeAndAfter();
    assertEquals(
        0,
        report(null, "--compare", dir.resolve("before.log").toString(), dir + "/after.log"),
        err);
    assertEquals(
        """
        Step changes from before.log (3 invocations) to after.log (3 invocations) \
        (milliseconds; percentiles by nearest rank)

        H, cold: 1 before, 1 after
          step                  p50 before    after                       change  95% interval  p99 before     after   change
          REPORT Init Duration     500.000  400.000  too few (n=1+1; 4+4 needed)             -     500.000*  400.000*  -20.0%
          REPORT Duration           11.000   12.100  too few (n=1+1; 4+4 needed)             -      11.000*   12.100*  +10.0%
          H                         10.000    9.000  too few (n=1+1; 4+4 needed)             -      10.000*    9.000*  -10.0%
          load                       4.000    4.000  too few (n=1+1; 4+4 needed)             -       4.000*    4.000*   +0.0%
          old_step                   1.000        -                         gone             -       1.000*        -     gone
          * the max: a p99 needs 100 invocations to be anything else

        H, warm: 2 before, 2 after
          step   p50 before  after                       change  95% interval  p99 before   after   change
          H           2.000  2.000  too few (n=2+2; 4+4 needed)             -       3.000*  4.000*  +33.3%
          load        1.000  1.500  too few (n=2+2; 4+4 needed)             -       2.000*  3.000*  +50.0%
          zero        0.000  0.000  too few (n=2+2; 4+4 needed)             -       0.000*  0.500*     n/a
          cache           -  0.250                          new             -           -   0.250*     new
          * the max: a p99 needs 100 invocations to be anything else

        Read before.log as lines: 3 tracker lines, 1 REPORT event, 0 other events
        Read after.log as lines: 3 tracker lines, 1 REPORT event, 0 other events
        """,
        out);
    assertEquals("", err);
  }

  /** The end of a side's figures when there are too few of them for a p90 or p99. */
  private static final String ONLY_THE_MAX = "\"p90IsMax\":true,\"p99IsMax\":true},";

  /** The verdict of a step with fewer than 4 invocations on a side: nothing can be judged. */
  private static final String TOO_FEW =
      "\"verdict\":\"too few\",\"p\":null,\"neededPerSide\":4,\"interval\":null,"
          + "\"slower\":false},";

  @Test
  void theJsonComparisonHoldsTheSameNumbers() throws Exception {
    beforeAndAfter();
    assertEquals(
        0,
        report(
            null,
            "--compare",
            dir + "/before.log",
            dir + "/after.log",
            "--summary=json",
            "--by",
            "function_name"));
    assertEquals("", err);
    // Every value of the document, in order; the document itself is Gson's pretty form of it.
    String compact =
        new com.google.gson.GsonBuilder()
            .serializeNulls()
            .create()
            .toJson(com.google.gson.JsonParser.parseString(out));
    assertEquals(
        "{\"percentiles\":\"nearest-rank\",\"test\":\"mann-whitney-u\",\"alpha\":0.05,"
            + "\"failIfSlowerPercent\":null,\"slower\":false,"
            + "\"before\":{\"invocations\":3,\"unreadable\":[]},"
            + "\"after\":{\"invocations\":3,\"unreadable\":[]},\"by\":\"function_name\","
            + "\"groups\":[{\"entry\":\"H\",\"byValue\":\"F\",\"phase\":\"cold\",\"before\":1,"
            + "\"after\":1,\"steps\":["
            + "{\"name\":\"REPORT Init Duration\",\"kind\":\"report\","
            + "\"before\":{\"count\":1,\"p50\":500,\"p90\":500,\"p99\":500,\"max\":500,"
            + ONLY_THE_MAX
            + "\"after\":{\"count\":1,\"p50\":400,\"p90\":400,\"p99\":400,\"max\":400,"
            + ONLY_THE_MAX
            + "\"p50Change\":-0.2,\"p99Change\":-0.2,"
            + TOO_FEW
            + "{\"name\":\"REPORT Duration\",\"kind\":\"report\","
            + "\"before\":{\"count\":1,\"p50\":11,\"p90\":11,\"p99\":11,\"max\":11,"
            + ONLY_THE_MAX
            + "\"after\":{\"count\":1,\"p50\":12.1,\"p90\":12.1,\"p99\":12.1,\"max\":12.1,"
            + ONLY_THE_MAX
            + "\"p50Change\":0.1,\"p99Change\":0.1,"
            + TOO_FEW
            + "{\"name\":\"H\",\"kind\":\"step\","
            + "\"before\":{\"count\":1,\"p50\":10,\"p90\":10,\"p99\":10,\"max\":10,"
            + ONLY_THE_MAX
            + "\"after\":{\"count\":1,\"p50\":9,\"p90\":9,\"p99\":9,\"max\":9,"
            + ONLY_THE_MAX
            + "\"p50Change\":-0.1,\"p99Change\":-0.1,"
            + TOO_FEW
            + "{\"name\":\"load\",\"kind\":\"step\","
            + "\"before\":{\"count\":1,\"p50\":4,\"p90\":4,\"p99\":4,\"max\":4,"
            + ONLY_THE_MAX
            + "\"after\":{\"count\":1,\"p50\":4,\"p90\":4,\"p99\":4,\"max\":4,"
            + ONLY_THE_MAX
            + "\"p50Change\":0,\"p99Change\":0,"
            + TOO_FEW
            + "{\"name\":\"old_step\",\"kind\":\"step\","
            + "\"before\":{\"count\":1,\"p50\":1,\"p90\":1,\"p99\":1,\"max\":1,"
            + ONLY_THE_MAX
            + "\"after\":null,\"p50Change\":null,\"p99Change\":null,"
            + "\"verdict\":\"gone\",\"p\":null,\"neededPerSide\":null,\"interval\":null,"
            + "\"slower\":false}]},"
            + "{\"entry\":\"H\",\"byValue\":\"F\",\"phase\":\"warm\",\"before\":2,\"after\":2,"
            + "\"steps\":["
            + "{\"name\":\"H\",\"kind\":\"step\","
            + "\"before\":{\"count\":2,\"p50\":2,\"p90\":3,\"p99\":3,\"max\":3,"
            + ONLY_THE_MAX
            + "\"after\":{\"count\":2,\"p50\":2,\"p90\":4,\"p99\":4,\"max\":4,"
            + ONLY_THE_MAX
            + "\"p50Change\":0,\"p99Change\":0.3333,"
            + TOO_FEW
            + "{\"name\":\"load\",\"kind\":\"step\","
            + "\"before\":{\"count\":2,\"p50\":1,\"p90\":2,\"p99\":2,\"max\":2,"
            + ONLY_THE_MAX
            + "\"after\":{\"count\":2,\"p50\":1.5,\"p90\":3,\"p99\":3,\"max\":3,"
            + ONLY_THE_MAX
            + "\"p50Change\":0.5,\"p99Change\":0.5,"
            + TOO_FEW
            + "{\"name\":\"zero\",\"kind\":\"step\","
            + "\"before\":{\"count\":2,\"p50\":0,\"p90\":0,\"p99\":0,\"max\":0,"
            + ONLY_THE_MAX
            + "\"after\":{\"count\":2,\"p50\":0,\"p90\":0.5,\"p99\":0.5,\"max\":0.5,"
            + ONLY_THE_MAX
            + "\"p50Change\":0,\"p99Change\":null,"
            + TOO_FEW
            + "{\"name\":\"cache\",\"kind\":\"step\",\"before\":null,"
            + "\"after\":{\"count\":1,\"p50\":0.25,\"p90\":0.25,\"p99\":0.25,\"max\":0.25,"
            + ONLY_THE_MAX
            + "\"p50Change\":null,\"p99Change\":null,"
            + "\"verdict\":\"new\",\"p\":null,\"neededPerSide\":null,\"interval\":null,"
            + "\"slower\":false}]}]}",
        compact);
    assertEquals(true, out.startsWith("{\n  \"percentiles\": \"nearest-rank\",\n"), out);
    assertEquals(true, out.endsWith("\n}\n"), out);
  }

  @Test
  void oneSideFromStandardInput() throws Exception {
    beforeAndAfter();
    String after = Files.readString(dir.resolve("after.log"));
    assertEquals(0, report(after, "--compare", dir + "/before.log", "-"), err);
    assertEquals(
        "Step changes from before.log (3 invocations) to standard input (3 invocations)"
            + " (milliseconds; percentiles by nearest rank)",
        out.lines().findFirst().orElseThrow());
  }

  @Test
  void anUnreadableOrEmptySideExitsOne() throws Exception {
    beforeAndAfter();
    write("empty.log", "nothing here\n");
    assertEquals(1, report(null, "--compare", dir + "/before.log", dir + "/empty.log"));
    assertEquals("error: no tracker line in empty.log\n", err);
    write("broken.log", "{\"latencies\":{\"H\":1.0\n", line("\"H\":1.000", false));
    assertEquals(1, report(null, "--compare", dir + "/broken.log", dir + "/after.log"));
    assertEquals("", err);
    assertEquals(
        "Read broken.log as lines: 1 tracker line, 0 REPORT events, 0 other events; 1 unreadable:"
            + " line 1 (malformed JSON: End of input at line 1 column 22 path $.latencies.H)",
        out.lines().filter(l -> l.startsWith("Read broken.log")).findFirst().orElseThrow());
  }

  @Test
  void groupsOnOneSideOnlyTakeTheirPlaceBesideTheirEntry() throws Exception {
    write("before.log", line("\"H\":2.000", false));
    write(
        "after.log",
        line("\"K\":1.000", false),
        line("\"H\":3.000", false),
        line("\"H\":9.000", true));
    assertEquals(0, report(null, "--compare", dir + "/before.log", dir + "/after.log"), err);
    assertEquals(
        List.of(
            "H, cold: 0 before, 1 after",
            "H, warm: 1 before, 1 after",
            "K, warm: 0 before, 1 after"),
        out.lines().filter(l -> l.contains(" before, ")).toList());
  }
}
