package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.test.TrackerLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainProgramTest {

  @Test
  void mainPrintsItsResultThenOneTrackerLine() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      PlainProgram.main(
          new String[] {
            "the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "the", "end"
          });
    } finally {
      System.setOut(original);
    }

    String[] output = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, output.length);
    assertEquals("most frequent: the (3)", output[0]);
    TrackerLine line = TrackerLine.parse(output[1]);
    assertEquals(List.of("main", "split_words", "count_words"), line.latencyNames());
    assertEquals(List.of("words", "distinct_words"), List.copyOf(line.metricNames()));
    assertEquals(11, line.metric("words"));
    assertEquals(9, line.metric("distinct_words"));
    assertTrue(((String) line.identifier("run_id")).matches("[0-9a-f-]{36}"), line.text());
  }

  @Test
  void runWithAFixedClockWritesAnExactLine() {
    List<String> lines = new ArrayList<>();
    FakeTicker ticker = new FakeTicker();
    ProcessTracker tracker = ProcessTracker.builder().output(lines::add).ticker(ticker).build();

    tracker.trackProcess("main", () -> PlainProgram.run(tracker, "one two two"));

    assertEquals(1, lines.size());
    assertEquals(
        "{\"latencies\":{\"main\":0.000,\"split_words\":0.000,\"count_words\":0.000},"
            + "\"metrics\":{\"words\":3,\"distinct_words\":2},\"run_id\":\"<uuid>\"}",
        lines.get(0).replaceAll("\"run_id\":\"[0-9a-f-]{36}\"", "\"run_id\":\"<uuid>\""));
  }
}
