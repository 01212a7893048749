package io.github.goblinfish.metrics.trackers;

import java.io.PrintStream;

/**
 * Reports what went wrong inside the tracker on standard error, as ONE line whatever the failure or
 * the line hold, so that nothing a caller supplied can forge a log event there. Nothing thrown
 * while describing or printing escapes: the tracked code goes on.
 */
final class Faults {
  /** Long enough for any stack-less description; the line itself is reported whole. */
  private static final int MAX_DESCRIPTION_CHARS = 1000;

  private Faults() {}

  /**
   * Reports on standard error: {@code tracker-lambda: <what>: <failure>[; the line was: <line>]}.
   */
  static void report(String what, Throwable failure, String line) {
    try {
      StringBuilder text = new StringBuilder("tracker-lambda: ").append(what);
      if (failure != null) {
        text.append(": ").append(describe(failure));
      }
      if (line != null) {
        text.append("; the line was: ").append(line);
      }
      PrintStream err = System.err;
      err.println(oneLine(text).toString());
      err.flush();
    } catch (Throwable unreportable) {
      // Standard error itself failing leaves nowhere to report to; the tracked code goes on.
    }
  }

  /**
   * The class name of a caller's object, such as a line format; a lambda's changes from one start
   * to the next, and would make every line unique.
   */
  static String nameOf(Object object) {
    Class<?> type = object.getClass();
    return type.isHidden() || type.isSynthetic() ? "(a lambda)" : type.getName();
  }

  /** The warning of a line written in the default format because {@code format} failed. */
  static String inDefaultFormat(Object format) {
    return "the line format "
        + nameOf(format)
        + " failed (see standard error); written in the default format";
  }

  /** The failure's class and message, on one line; a message that cannot be read is said so. */
  static String describe(Throwable failure) {
    String type = failure.getClass().getName();
    String message;
    try {
      message = failure.getMessage();
    } catch (Throwable unreadable) {
      return type + " (its message could not be read: " + unreadable.getClass().getName() + ")";
    }
    String description = message == null ? type : type + ": " + message;
    if (description.length() > MAX_DESCRIPTION_CHARS) {
      description = Text.cut(description, MAX_DESCRIPTION_CHARS) + "...";
    }
    return oneLine(new StringBuilder(description)).toString();
  }

  /**
   * Replaces every character that a terminal or a log collector may take as the end of a line, or
   * as a control sequence, with its {@code \\uXXXX} form: C0 and C1 controls, DEL, and the Unicode
   * line and paragraph separators.
   */
  static StringBuilder oneLine(CharSequence text) {
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
        clean.append(String.format("\\u%04x", (int) c));
      } else {
        clean.append(c);
      }
    }
    return clean;
  }
}
