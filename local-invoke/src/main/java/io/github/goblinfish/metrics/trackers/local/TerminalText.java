package io.github.goblinfish.metrics.trackers.local;

/**
 * Makes text from the function safe to print on a terminal: characters that move the cursor, start
 * escape sequences, break lines or reorder text (C0 and C1 controls, DEL, U+2028/U+2029,
 * bidirectional marks, embeddings, overrides and isolates) become visible escapes such as <code>
 * &#92;u001b</code>, so a value can neither hide nor forge the runner's own lines. On one line, a
 * backslash becomes two, so what is printed reads back unambiguously.
 */
final class TerminalText {
  private TerminalText() {}

  /** Every line break escaped too: the text prints as exactly one line. */
  static String oneLine(String text) {
    return escape(text, false, true);
  }

  /**
   * Every control escaped, backslashes kept: for one-line messages that may already hold escapes
   * made by {@link #oneLine(String)}, which this leaves as they are.
   */
  static String message(String text) {
    return escape(text, false, false);
  }

  /**
   * Line feeds, tabs and backslashes kept (messages and JSON bodies keep their shape), every other
   * character escaped as in {@link #oneLine(String)}.
   */
  static String lines(String text) {
    return escape(text, true, false);
  }

  private static String escape(String text, boolean keepLines, boolean backslashes) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = null;
      if (c == '\\' && backslashes) {
        replacement = "\\\\";
      } else if (keepLines && (c == '\n' || c == '\t')) {
        replacement = null;
      } else if (c == '\n') {
        replacement = "\\n";
      } else if (c == '\t') {
        replacement = "\\t";
      } else if (c == '\r') {
        replacement = "\\r";
      } else if (unsafe(c)) {
        replacement = String.format("\\u%04x", (int) c);
      }
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  static boolean unsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u2028' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
