package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits saved log output into log events as it reads it, whatever shape it was saved in:
 *
 * <ul>
 *   <li>one event per line: raw tracker lines, or lines of Lambda's JSON log format;
 *   <li>{@code sam logs} output: each event starts with its log stream name and timestamp, and a
 *       JSON message continues over the indented lines that follow;
 *   <li>a Logs Insights export as CSV, with an {@code @message} column;
 *   <li>a Logs Insights export as JSON: an array of objects holding {@code @message}, the {@code
 *       results} of {@code aws logs get-query-results}, or the {@code events} of {@code aws logs
 *       filter-log-events} (their {@code message}).
 * </ul>
 *
 * <p>The shape is told from the first {@value #PEEK_CHARS} characters; the events are then handed
 * over one at a time, so that the memory used does not grow with the input. An event longer than
 * {@value #MAX_EVENT_CHARS} characters (four times the largest CloudWatch event) is not read: it
 * comes as a unit without text that says so. A JSON export that breaks off (a file cut short) ends
 * with a unit naming where its JSON broke; the events before it are handed over as usual.
 *
 * <pre>{@code
 * try (Reader in = Files.newBufferedReader(path)) {
 *   LogUnits.Shape shape = LogUnits.read(in, unit -> { ... unit.where() ... unit.text() ... });
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe; each call reads its own input.
 */
final class LogUnits {
  /** The longest event read, in characters. */
  static final int MAX_EVENT_CHARS = 1 << 20;

  /** How much of the start is looked at to tell the shape. */
  static final int PEEK_CHARS = 1 << 16;

  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final Pattern SAM_LOGS_EVENT =
      Pattern.compile(
          "^\\S+ \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})? ");
  private static final Pattern JSON_LOCATION = Pattern.compile("line \\d+ column \\d+");

  /** How the text was read. */
  enum Shape {
    LINES("lines"),
    SAM_LOGS("sam logs output"),
    CSV("Logs Insights CSV export"),
    JSON("JSON export"),
    /** What {@code --summary json} prints: not log output, so no event is read from it. */
    RUNNER_SUMMARY("a JSON summary of ./invoke");

    private final String label;

    Shape(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /**
   * One log event.
   *
   * @param where where it is, for people: {@code line 4}, {@code record 2}, {@code result 7}
   * @param text its message, or null when it has none
   * @param problem why it has no message, or null
   */
  record Unit(String where, String text, String problem) {}

  private LogUnits() {}

  /**
   * @param input the saved output (a leading byte order mark is ignored); read to its end, or to
   *     where a JSON export breaks off, and not closed
   * @param each receives the log events, in order
   * @return the shape the input was read as
   * @throws IOException when the input cannot be read
   */
  static Shape read(Reader input, Consumer<Unit> each) throws IOException {
    BufferedReader in = new BufferedReader(input, PEEK_CHARS + 1);
    in.mark(PEEK_CHARS + 1);
    char[] peek = new char[PEEK_CHARS];
    int peeked = 0;
    for (int n; peeked < peek.length && (n = in.read(peek, peeked, peek.length - peeked)) > 0; ) {
      peeked += n;
    }
    in.reset();
    String start = new String(peek, 0, peeked);
    if (start.startsWith("\uFEFF")) {
      in.skip(1);
      start = start.substring(1);
    }
    Shape shape;
    String json = start.stripLeading();
    String exportKey = json.startsWith("[") || json.startsWith("{") ? exportKey(json) : null;
    if ("percentiles".equals(exportKey)) {
      return Shape.RUNNER_SUMMARY;
    }
    if (exportKey != null) {
      shape = Shape.JSON;
      json(new Budget(in), exportKey, each);
      return shape;
    }
    String first = firstNonBlankLine(start);
    if (first != null && first.contains("@message") && !first.strip().startsWith("{")) {
      csv(new Budget(in), each);
      return Shape.CSV;
    }
    if (first != null && SAM_LOGS_EVENT.matcher(first).find()) {
      samLogs(new Lines(in), each);
      return Shape.SAM_LOGS;
    }
    Lines lines = new Lines(in);
    for (String line; (line = lines.next()) != null || lines.skipped(); ) {
      each.accept(unit("line " + lines.number(), line));
    }
    return Shape.LINES;
  }

  /** A unit for an event's text, or for the fact that it was too long to read. */
  private static Unit unit(String where, String text) {
    if (text == null) {
      return new Unit(where, null, "longer than " + MAX_EVENT_CHARS + " characters, not read");
    }
    return new Unit(
        where, text.indexOf('\u001b') < 0 ? text : ANSI.matcher(text).replaceAll(""), null);
  }

  private static String firstNonBlankLine(String start) {
    for (String line : start.split("\r?\n")) {
      if (!line.isBlank()) {
        return ANSI.matcher(line).replaceAll("");
      }
    }
    return null;
  }

  /**
   * What a JSON document that starts the input holds: {@code "["} for an array of rows, {@code
   * results} or {@code events} for an object holding those rows, {@code percentiles} for the
   * runner's own JSON summary; null when it is none of these (such as a line of Lambda's JSON log
   * format, or a Text line that starts with {@code [INFO]}).
   */
  private static String exportKey(String start) {
    try (JsonReader reader = new JsonReader(new StringReader(start))) {
      if (reader.peek() == JsonToken.BEGIN_ARRAY) {
        reader.beginArray();
        JsonToken row = reader.peek();
        return row == JsonToken.BEGIN_OBJECT || row == JsonToken.END_ARRAY ? "[" : null;
      }
      reader.beginObject();
      for (boolean firstName = true; reader.hasNext(); firstName = false) {
        String name = reader.nextName();
        if (firstName && name.equals("percentiles")) {
          return name;
        }
        if ((name.equals("results") || name.equals("events"))
            && reader.peek() == JsonToken.BEGIN_ARRAY) {
          return name;
        }
        reader.skipValue();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      // Not JSON, or more than the start holds before telling: read as lines.
      return null;
    }
  }

  private static void json(Budget in, String key, Consumer<Unit> each) {
    JsonReader reader = new JsonReader(in);
    String label = "result";
    // The rows read whole so far: a break is in the next one.
    int row = 0;
    try {
      if (!key.equals("[")) {
        reader.beginObject();
        while (!reader.nextName().equals(key)) {
          reader.skipValue();
        }
        label = key.equals("events") ? "event" : "result";
      }
      reader.beginArray();
      while (reader.hasNext()) {
        in.restart();
        JsonElement element = JsonParser.parseReader(reader);
        String where = label + " " + (row + 1);
        each.accept(
            switch (key) {
              case "results" -> queryResult(where, element);
              case "events" -> message(where, element, "message");
              default -> message(where, element, "@message");
            });
        row++;
      }
    } catch (IOException | JsonParseException | IllegalStateException e) {
      each.accept(
          new Unit(
              label + " " + (row + 1),
              null,
              in.exceeded()
                  ? "longer than " + MAX_EVENT_CHARS + " characters; the rest was not read"
                  : "broken JSON at " + location(reader) + "; the rest was not read"));
    }
  }

  /** Where a JSON reader is in its input: {@code line 57 column 12}. */
  private static String location(JsonReader reader) {
    Matcher m = JSON_LOCATION.matcher(reader.toString());
    return m.find() ? m.group() : "the end";
  }

  private static Unit message(String where, JsonElement row, String field) {
    if (row.isJsonObject()) {
      JsonElement value = row.getAsJsonObject().get(field);
      if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
        return unit(where, value.getAsString());
      }
    }
    return new Unit(where, null, "no " + field + " field");
  }

  /** One row of get-query-results: a list of {@code {"field": ..., "value": ...}}. */
  private static Unit queryResult(String where, JsonElement row) {
    if (row.isJsonArray()) {
      for (JsonElement cell : row.getAsJsonArray()) {
        JsonElement field = cell.isJsonObject() ? cell.getAsJsonObject().get("field") : null;
        if (field != null
            && field.isJsonPrimitive()
            && "@message".equals(field.getAsJsonPrimitive().getAsString())) {
          Unit value = message(where, cell, "value");
          return value.text() != null ? value : new Unit(where, null, "no @message value");
        }
      }
    }
    return new Unit(where, null, "no @message field");
  }

  private static void csv(Budget in, Consumer<Unit> each) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    int record = 0;
    try (CSVParser parser = CSVParser.parse(in, format)) {
      in.restart();
      for (CSVRecord row : parser) {
        record++;
        each.accept(
            row.isMapped("@message") && row.isSet("@message")
                ? unit("record " + record, row.get("@message"))
                : new Unit("record " + record, null, "no @message value"));
        in.restart();
      }
    } catch (IOException
        | UncheckedIOException
        | IllegalArgumentException
        | IllegalStateException e) {
      each.accept(
          new Unit(
              "record " + (record + 1),
              null,
              in.exceeded()
                  ? "longer than " + MAX_EVENT_CHARS + " characters; the rest was not read"
                  : "broken CSV from here to the end"));
    }
  }

  private static void samLogs(Lines lines, Consumer<Unit> each) throws IOException {
    StringBuilder event = null;
    boolean tooLong = false;
    int startLine = 0;
    for (String line; (line = lines.next()) != null || lines.skipped(); ) {
      Matcher prefix = line == null ? null : SAM_LOGS_EVENT.matcher(line);
      if (prefix != null && prefix.find()) {
        if (event != null) {
          each.accept(unit("line " + startLine, tooLong ? null : event.toString()));
        }
        event =
            new StringBuilder(line.length() - prefix.end())
                .append(line, prefix.end(), line.length());
        tooLong = false;
        startLine = lines.number();
      } else if (event != null) {
        // A continuation line: the event grows, up to the longest one read.
        if (line == null || event.length() + 1 + line.length() > MAX_EVENT_CHARS) {
          tooLong = true;
          event.setLength(0);
        } else if (!tooLong) {
          event.append('\n').append(line);
        }
      } else {
        each.accept(unit("line " + lines.number(), line));
      }
    }
    if (event != null) {
      each.accept(unit("line " + startLine, tooLong ? null : event.toString()));
    }
  }

  /**
   * The lines of a reader, without their {@code \n} or {@code \r\n}; a line longer than {@link
   * #MAX_EVENT_CHARS} is skipped to its end rather than held (then {@link #next()} returns null and
   * {@link #skipped()} true). Not thread-safe.
   */
  private static final class Lines {
    private final Reader in;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private int number;
    private boolean skipped;
    private boolean ended;

    Lines(Reader in) {
      this.in = in;
    }

    /** The next line, or null at the end of the input or when the line was too long. */
    String next() throws IOException {
      skipped = false;
      if (ended) {
        return null;
      }
      line.setLength(0);
      boolean tooLong = false;
      while (true) {
        if (position == limit) {
          limit = in.read(buffer, 0, buffer.length);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            ended = true;
            // The text after the last newline is a line too, even when empty.
            number++;
            skipped = tooLong;
            return tooLong ? null : stripCr();
          }
        }
        int newline = position;
        while (newline < limit && buffer[newline] != '\n') {
          newline++;
        }
        if (!tooLong) {
          if (line.length() + (newline - position) > MAX_EVENT_CHARS) {
            tooLong = true;
            line.setLength(0);
          } else {
            line.append(buffer, position, newline - position);
          }
        }
        if (newline < limit) {
          position = newline + 1;
          number++;
          skipped = tooLong;
          return tooLong ? null : stripCr();
        }
        position = limit;
      }
    }

    private String stripCr() {
      int end = line.length();
      return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    /** Whether the last call to {@link #next()} skipped a line that was too long. */
    boolean skipped() {
      return skipped;
    }

    /** The number of the line last read, from 1. */
    int number() {
      return number;
    }
  }

  /**
   * Counts the characters read since {@link #restart()}, and fails the read once they pass {@link
   * #MAX_EVENT_CHARS}: a CSV record or a JSON row is parsed whole, so this keeps one that never
   * ends from filling the memory. Not thread-safe.
   */
  private static final class Budget extends FilterReader {
    private long used;
    private boolean exceeded;

    Budget(Reader in) {
      super(in);
    }

    void restart() {
      used = 0;
    }

    boolean exceeded() {
      return exceeded;
    }

    @Override
    public int read() throws IOException {
      char[] one = new char[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      // Readers ahead of the parser buffer a few thousand characters: allow for them.
      if (used > MAX_EVENT_CHARS + 65_536L) {
        exceeded = true;
        throw new IOException("event too long");
      }
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        used += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      char[] skipped = new char[(int) Math.min(n, 8192)];
      int read = read(skipped, 0, skipped.length);
      return Math.max(read, 0);
    }
  }
}
