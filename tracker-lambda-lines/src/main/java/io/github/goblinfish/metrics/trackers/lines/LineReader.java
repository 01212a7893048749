package io.github.goblinfish.metrics.trackers.lines;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * The one reader of the tracker line: it accepts exactly the lines tracker-lambda's formats can
 * write, the default line and the EMF line, including those written when something went wrong
 * ({@code "latencies":{}} after a failed ticker, a line cut to fit 256,000 bytes, the line written
 * before a timeout, the default line written in place of a format that failed), and refuses
 * anything else with the rule it breaks:
 *
 * <ul>
 *   <li>not one strict JSON object (another format's text, unquoted keys, trailing text, two
 *       objects), a key given twice in one object, more than 256,000 bytes of UTF-8;
 *   <li>no {@code latencies} object, or a latency that is not a number, is negative or beyond
 *       2<sup>63</sup>-1 ns ({@code 9223372036854.776} ms);
 *   <li>no {@code metrics} object, or a metric that is not a number, text or null;
 *   <li>a {@code latency_counts} member that is not an object of whole numbers from 2 to
 *       2<sup>63</sup>-1 for latencies of the line, in their order;
 *   <li>{@code tracker_warnings} that are not 1 to 21 strings;
 *   <li>an identifier that is not text, {@code true}, {@code false} or null;
 *   <li>in a line without {@code _aws}, members out of the default line's order ({@code latencies},
 *       {@code latency_counts}, {@code metrics}, {@code tracker_warnings}, then the identifiers);
 *   <li>an {@code _aws} that is not an object with a whole-number {@code Timestamp} and a {@code
 *       CloudWatchMetrics} array of directives whose {@code Metrics} have a {@code Name}, or a
 *       declared name with no number at the root. An EMF line's member order and the rest of {@code
 *       _aws} are not checked, so that the EMF layout may change without its lines being refused.
 * </ul>
 *
 * <pre>{@code
 * LineReader.Reading reading = LineReader.read(text);
 * if (reading.line() != null) {
 *   Map<String, BigDecimal> latencies = reading.line().latencies();
 * } else {
 *   System.err.println("not a tracker line: " + reading.refusal());
 * }
 *
 * ParsedLine line = LineReader.parse(text); // or an IllegalArgumentException saying why not
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LineReader {
  private static final int QUOTED_CHARS = 300;

  private LineReader() {}

  /**
   * What one text is: a tracker line, or why it is not one.
   *
   * <p>Immutable and thread-safe.
   *
   * @param line the tracker line, or null when the text is not one
   * @param refusal the rule the text breaks, on one line, or null when it is a tracker line
   */
  public record Reading(ParsedLine line, String refusal) {
    /**
     * @param line the tracker line, or null when the text is not one
     * @param refusal the rule the text breaks, or null when it is a tracker line
     * @throws IllegalArgumentException unless exactly one of them is null
     */
    public Reading {
      if ((line == null) == (refusal == null)) {
        throw new IllegalArgumentException("a reading is either a line or a refusal");
      }
    }
  }

  /**
   * Reads one text as a tracker line. No trailing newline or other text is allowed: the text is the
   * line.
   *
   * @param text the line's text
   * @return the parsed line, or why the text is not a tracker line
   * @throws NullPointerException if {@code text} is null
   */
  public static Reading read(String text) {
    if (text == null) {
      throw new NullPointerException("text");
    }
    JsonObject object;
    try {
      object = StrictJson.object(text);
    } catch (IllegalArgumentException notJson) {
      return new Reading(null, notJson.getMessage());
    }
    return read(text, object);
  }

  /**
   * Reads a text already read with {@link StrictJson#object(String)}, as {@link #read(String)} does
   * after reading it, so that a caller who had to look into the JSON first does not read it twice.
   *
   * @param text the line's text, as given to {@link StrictJson#object(String)}
   * @param object what {@link StrictJson#object(String)} returned for it; not changed, and not kept
   * @return the parsed line, or why the text is not a tracker line
   * @throws NullPointerException if {@code text} or {@code object} is null
   */
  public static Reading read(String text, JsonObject object) {
    if (text == null || object == null) {
      throw new NullPointerException(text == null ? "text" : "object");
    }
    try {
      List<String> declared = LineGrammar.check(text, object);
      return new Reading(new ParsedLine(text, object, declared), null);
    } catch (LineGrammar.Refused refused) {
      return new Reading(null, refused.getMessage());
    }
  }

  /**
   * Parses one line, as a tracker wrote it; a trailing newline is allowed.
   *
   * <pre>{@code
   * ParsedLine line = LineReader.parse("{\"latencies\":{\"main\":1.250},\"metrics\":{}}");
   * }</pre>
   *
   * @param line the line
   * @return the parsed line
   * @throws NullPointerException if {@code line} is null
   * @throws IllegalArgumentException if {@code line} is not a tracker line, as {@code not a tracker
   *     line (REASON): LINE} with the line's first 300 characters
   */
  public static ParsedLine parse(String line) {
    if (line == null) {
      throw new NullPointerException("line");
    }
    String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    Reading reading = read(text);
    if (reading.line() == null) {
      throw new IllegalArgumentException(
          "not a tracker line (" + reading.refusal() + "): " + quote(text));
    }
    return reading.line();
  }

  /** The first 300 characters of a line, for a message. */
  static String quote(String text) {
    return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "...";
  }
}
