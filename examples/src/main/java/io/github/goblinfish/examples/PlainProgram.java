package io.github.goblinfish.examples;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tracker outside Lambda: a command-line word count whose run is tracked like the Python
 * package's scripts, with one line on standard output when it ends.
 *
 * <p>What it shows: {@code new ProcessTracker().trackProcess("main", ...)} as the entry point,
 * {@code track} for a step that returns a value, a {@code timer} block, {@code setMetric} and
 * {@code setIdentifier}. Run it after {@code ./mvnw -pl examples -am package} with
 *
 * <pre>
 * java -cp "examples/target/classes:examples/target/lib/*" io.github.goblinfish.examples.PlainProgram the quick brown fox jumps over the lazy dog the end
 * </pre>
 *
 * <p>which prints the most frequent word, then a line like {@code
 * {"latencies":{"main":2.113,"split_words":0.420,"count_words":0.912},"metrics":{"words":11,
 * "distinct_words":9},"run_id":"..."}}.
 */
public final class PlainProgram {
  private static final String SAMPLE_TEXT =
      "It was the best of times, it was the worst of times, it was the age of wisdom";

  private PlainProgram() {}

  /**
   * Counts the words of the arguments, or of a sample sentence when there are none.
   *
   * @param args the text to count, as words
   */
  public static void main(String[] args) {
    ProcessTracker tracker = new ProcessTracker();
    String text = args.length == 0 ? SAMPLE_TEXT : String.join(" ", args);
    tracker.trackProcess("main", () -> run(tracker, text));
  }

  /** The program's work, given the tracker so that tests can choose its output and clock. */
  static void run(ProcessTracker tracker, String text) {
    tracker.setIdentifier("run_id", UUID.randomUUID().toString());

    List<String> words =
        tracker.track(
            "split_words",
            () ->
                Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                    .filter(word -> !word.isEmpty())
                    .collect(Collectors.toList()));

    Map<String, Long> counts;
    try (Timer timer = tracker.timer("count_words")) {
      counts =
          words.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    tracker.setMetric("words", words.size());
    tracker.setMetric("distinct_words", counts.size());
    counts.entrySet().stream()
        // Ties go to the alphabetically first word, so the output does not depend on hash order.
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .ifPresent(
            top ->
                System.out.println("most frequent: " + top.getKey() + " (" + top.getValue() + ")"));
  }
}
