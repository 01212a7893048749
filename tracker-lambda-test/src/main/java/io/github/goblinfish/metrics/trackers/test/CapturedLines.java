package io.github.goblinfish.metrics.trackers.test;

import java.util.ArrayList;
import java.util.List;

/**
 * The tracker lines written during one test, in the order they were written, whatever output and
 * format each tracker had; filled by {@link TrackerLinesExtension}.
 *
 * <pre>{@code
 * @Test
 * void timesTheLookup(CapturedLines lines) {
 *   handler.handleRequest(event, TestContext.create());
 *   assertTrue(lines.only().hasLatency("load_order"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: lines written on any thread are captured, and may be read while more arrive.
 */
public final class CapturedLines {
  private final List<String> lines = new ArrayList<>();

  CapturedLines() {}

  void add(String line) {
    synchronized (lines) {
      lines.add(line);
    }
  }

  /**
   * The lines captured so far, as written, without a trailing newline: for line formats that are
   * not JSON.
   *
   * @return a copy
   */
  public List<String> texts() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /**
   * The lines captured so far, parsed.
   *
   * @return a new list
   * @throws IllegalArgumentException if a line is not a tracker line of the default or EMF format
   */
  public List<TrackerLine> all() {
    List<String> texts = texts();
    List<TrackerLine> parsed = new ArrayList<>(texts.size());
    for (String text : texts) {
      parsed.add(TrackerLine.parse(text));
    }
    return parsed;
  }

  /**
   * The one line captured so far, parsed: the line of the test's one invocation.
   *
   * @return the line
   * @throws AssertionError if no line or more than one was captured
   * @throws IllegalArgumentException if the line is not a tracker line
   */
  public TrackerLine only() {
    List<String> texts = texts();
    if (texts.size() != 1) {
      throw new AssertionError(
          "expected exactly one tracker line, but " + texts.size() + " were written: " + texts);
    }
    return TrackerLine.parse(texts.get(0));
  }

  @Override
  public String toString() {
    return texts().toString();
  }
}
