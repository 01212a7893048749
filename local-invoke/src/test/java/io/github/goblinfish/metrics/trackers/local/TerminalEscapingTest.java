package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The function's data can neither hide nor forge the runner's own lines on a terminal. */
class TerminalEscapingTest {
  private static final String B = "\u2588";

  @Test
  void breakdownNamesAndValuesCannotPrintEscapesOrFakeLines() {
    String text =
        "{\"latencies\":{\"lo\\u001b[2Jad\":1},\"metrics\":{\"m\\u009b\":\"\\u001b[31mred\"},"
            + "\"id\":\"x\\nEND RequestId: fake\\r\\u202e\\u2028\\u007f\\\\\"}";
    assertEquals(
        """
        Tracker line
        latencies (ms)
          lo\\u001b[2Jad  1.000  %s
        metrics
          m\\u009b = \\u001b[31mred
        identifiers
          id = x\\nEND RequestId: fake\\r\\u202e\\u2028\\u007f\\\\
        """
            .formatted(B.repeat(40)),
        Breakdown.render(TrackerLine.parse(text).orElseThrow()));
  }

  @Test
  void logEventsKeepTheirLinesIndentedAndTheirControlsEscaped() {
    LogEvent event =
        new LogEvent(
            LogEvent.Source.STDOUT,
            "first \u001b[1m\nEND RequestId: fake\n\tat frame\u0085\n"
                .getBytes(StandardCharsets.UTF_8),
            Instant.EPOCH,
            null,
            null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Report.event(event, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(
        "[stdout]\nfirst \\u001b[1m\n  END RequestId: fake\n  \tat frame\\u0085\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Property
  void oneLineNeverHoldsATerminalControlAndReadsBackExactly(@ForAll String text) {
    String shown = TerminalText.oneLine(text);
    assertTrue(shown.chars().noneMatch(c -> TerminalText.unsafe((char) c)), shown);
    assertEquals(text, unescape(shown));
  }

  @Property
  void linesKeepOnlyLineFeedsAndTabsOfTheControls(@ForAll String text) {
    String shown = TerminalText.lines(text);
    assertFalse(
        shown.chars().anyMatch(c -> c != '\n' && c != '\t' && TerminalText.unsafe((char) c)),
        shown);
  }

  private static String unescape(String shown) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = shown.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'u' -> {
          out.append((char) Integer.parseInt(shown.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new AssertionError("unknown escape \\" + next + " in " + shown);
      }
    }
    return out.toString();
  }
}
