package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.goblinfish.metrics.trackers.lines.LineReader;
import io.github.goblinfish.metrics.trackers.lines.StrictJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Test oracles for the line, written independently of the main code: the one strict reader of the
 * line ({@code tracker-lambda-lines}, which refuses duplicate keys, trailing data and anything the
 * formats cannot write), the lone-surrogate replacement, the cut and the millisecond figures.
 */
public final class LineJson {
  private LineJson() {}

  /**
   * Checks everything a line must be whatever went into it (one strict JSON object, no duplicate
   * key at any depth, no raw line break or control character, valid UTF-8, at most {@link
   * LineLimit#MAX_LINE_BYTES}, a line the default or EMF format can write) and returns it parsed,
   * its numbers as written.
   */
  public static JsonObject parseLine(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        fail("raw character U+" + Integer.toHexString(c) + " at " + i + " in the line");
      }
    }
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    assertTrue(utf8.length <= LineLimit.MAX_LINE_BYTES, () -> "line has " + utf8.length + " bytes");
    assertEquals(
        line, new String(utf8, StandardCharsets.UTF_8), "the line survives UTF-8 unchanged");
    JsonObject parsed;
    try {
      parsed = StrictJson.object(line);
    } catch (IllegalArgumentException notStrictJson) {
      return fail("not one strict JSON object: " + notStrictJson.getMessage());
    }
    LineReader.Reading reading = LineReader.read(line, parsed);
    assertNull(reading.refusal(), "not a line the library's formats write");
    return parsed;
  }

  /** Lone surrogates become U+FFFD; pairs stay. Built on code points, not on the main code. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (cp >= 0xD800 && cp <= 0xDFFF) {
                out.append('\uFFFD');
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  /** The longest prefix of (clean) text with at most {@code maxChars} chars and whole pairs. */
  static String cut(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    StringBuilder out = new StringBuilder(maxChars);
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int chars = Character.charCount(cp);
      if (out.length() + chars > maxChars) {
        break;
      }
      out.appendCodePoint(cp);
      i += chars;
    }
    return out.toString();
  }

  /** Nanoseconds as the line's millisecond figure: three decimals, half up. */
  static JsonPrimitive millis(long nanos) {
    return new JsonPrimitive(
        new BigDecimal(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_UP));
  }

  static int utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
