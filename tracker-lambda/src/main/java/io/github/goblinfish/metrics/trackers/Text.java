package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.Names;

/** Text helpers for the line: lone surrogates, UTF-8 sizes, cutting, millisecond figures. */
final class Text {
  private Text() {}

  /** Replaces each unpaired surrogate with U+FFFD, so the line encodes to UTF-8 losslessly. */
  static String withoutLoneSurrogates(String text) {
    return Names.withoutLoneSurrogates(text);
  }

  /** The UTF-8 size of text that holds no lone surrogates. */
  static int utf8Length(CharSequence text) {
    int length = text.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // 2 bytes below U+0800, 3 above; a surrogate pair is 4 bytes for 2 chars.
        bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return bytes;
  }

  /** Cuts text to at most {@code maxChars} chars without splitting a surrogate pair. */
  static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /**
   * Nanoseconds (never negative) rounded half up to microseconds, without overflowing near {@link
   * Long#MAX_VALUE}.
   */
  static long micros(long nanos) {
    return nanos / 1000L + (nanos % 1000L >= 500L ? 1L : 0L);
  }

  /** Nanoseconds as milliseconds with exactly three decimals, rounded half up: "12.346". */
  static String millis(long nanos) {
    return appendMillis(new StringBuilder(12), nanos).toString();
  }

  /** Appends {@link #millis(long)}'s figure to {@code text} without an intermediate String. */
  static StringBuilder appendMillis(StringBuilder text, long nanos) {
    long micros = micros(nanos);
    int fraction = (int) (micros % 1000L);
    return text.append(micros / 1000L)
        .append('.')
        .append((char) ('0' + fraction / 100))
        .append((char) ('0' + fraction / 10 % 10))
        .append((char) ('0' + fraction % 10));
  }

  /**
   * The text as one log event: each CR or LF becomes a space, and each lone surrogate U+FFFD.
   * Returns the same String when there is nothing to change.
   */
  static String oneEvent(String text) {
    String clean = withoutLoneSurrogates(text);
    if (clean.indexOf('\n') < 0 && clean.indexOf('\r') < 0) {
      return clean;
    }
    return clean.replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Cuts text without lone surrogates to at most {@code maxBytes} bytes of UTF-8, never inside a
   * character.
   */
  static String cutToUtf8Bytes(String text, int maxBytes) {
    int bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      int size;
      if (c < 0x80) {
        size = 1;
      } else if (c < 0x800) {
        size = 2;
      } else if (Character.isHighSurrogate(c)) {
        size = 4;
      } else {
        size = 3;
      }
      if (bytes + size > maxBytes) {
        return text.substring(0, i);
      }
      bytes += size;
      if (size == 4) {
        i++;
      }
    }
    return text;
  }
}
