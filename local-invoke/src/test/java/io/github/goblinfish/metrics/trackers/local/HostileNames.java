package io.github.goblinfish.metrics.trackers.local;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Timer;
import java.util.ArrayList;
import java.util.List;

/**
 * Names and values shaped as markup or script, and lines the library writes with them in every
 * field: the entry, the steps, the metrics, identifier names and values, the function's name. Each
 * would set {@code window.__pwned}, call {@code alert} or draw, if a page ever ran it.
 */
final class HostileNames {
  static final String SCRIPT = "<script>window.__pwned='script'</script>";
  static final String IMG = "\"><img src=x onerror=\"window.__pwned='img'\">";
  static final String SVG = "</svg><svg onload=\"window.__pwned='svg'\"><text>x</text>";
  static final String QUOTES = "'; window.__pwned='quote'; //\"";
  static final String CLOSE = "</script><script>alert('closed')</script>";
  static final String MARKUP = "{a|b} <b>bold</b> &amp; & <!-- x";

  /** The entry, then the steps, as a report lists them. */
  static final List<String> STEPS = List.of(CLOSE, SCRIPT, IMG, SVG, QUOTES, MARKUP);

  private HostileNames() {}

  /**
   * @param n how many lines
   * @return lines with the entry {@link #CLOSE}, a step per other name (each also a metric), and
   *     {@link #SVG} as {@code function_name}
   */
  static List<String> lines(int n) {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker = ProcessTracker.builder().output(lines::add).build();
    for (int i = 0; i < n; i++) {
      tracker.trackProcess(
          CLOSE,
          () -> {
            ProcessTracker current = ProcessTracker.current();
            for (String name : STEPS.subList(1, STEPS.size())) {
              try (Timer timer = current.timer(name)) {
                current.setMetric(name, 1);
              }
            }
            current.setIdentifier("function_name", SVG);
            current.setIdentifier(SCRIPT, IMG);
            current.setIdentifier(QUOTES, MARKUP);
          });
    }
    return lines;
  }
}
