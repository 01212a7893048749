package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits saved log output into log events, whatever shape it was saved in:
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
 * <pre>{@code
 * LogUnits units = LogUnits.split(Files.readString(path));
 * for (LogUnits.Unit unit : units.units()) { ... unit.where() ... unit.text() ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param shape the shape the text was read as
 * @param units the log events, in order; a unit whose text is null could not be read ({@code
 *     problem} says why)
 */
record LogUnits(Shape shape, List<Unit> units) {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final Pattern SAM_LOGS_EVENT =
      Pattern.compile(
          "^\\S+ \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})? ");

  /** How the text was read. */
  enum Shape {
    LINES("lines"),
    SAM_LOGS("sam logs output"),
    CSV("Logs Insights CSV export"),
    JSON("JSON export");

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

  /**
   * @param text the saved output (a leading byte order mark is ignored)
   * @return its log events
   */
  static LogUnits split(String text) {
    String body = ANSI.matcher(text.startsWith("\uFEFF") ? text.substring(1) : text).replaceAll("");
    String start = body.stripLeading();
    if (start.startsWith("[") || start.startsWith("{")) {
      LogUnits json = json(start);
      if (json != null) {
        return json;
      }
    }
    String[] lines = body.split("\r?\n", -1);
    String first = firstNonBlank(lines);
    if (first != null && first.contains("@message") && !first.strip().startsWith("{")) {
      return csv(body);
    }
    if (first != null && SAM_LOGS_EVENT.matcher(first).find()) {
      return samLogs(lines);
    }
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      units.add(new Unit("line " + (i + 1), lines[i], null));
    }
    return new LogUnits(Shape.LINES, units);
  }

  private static String firstNonBlank(String[] lines) {
    for (String line : lines) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  private static LogUnits samLogs(String[] lines) {
    List<Unit> units = new ArrayList<>();
    StringBuilder event = null;
    int startLine = 0;
    for (int i = 0; i < lines.length; i++) {
      var prefix = SAM_LOGS_EVENT.matcher(lines[i]);
      if (prefix.find()) {
        if (event != null) {
          units.add(new Unit("line " + startLine, event.toString(), null));
        }
        event = new StringBuilder(lines[i].substring(prefix.end()));
        startLine = i + 1;
      } else if (event != null) {
        event.append('\n').append(lines[i]);
      } else {
        units.add(new Unit("line " + (i + 1), lines[i], null));
      }
    }
    if (event != null) {
      units.add(new Unit("line " + startLine, event.toString(), null));
    }
    return new LogUnits(Shape.SAM_LOGS, units);
  }

  private static LogUnits csv(String body) {
    List<Unit> units = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    int record = 0;
    try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
      for (CSVRecord row : parser) {
        record++;
        units.add(
            row.isMapped("@message") && row.isSet("@message")
                ? new Unit("record " + record, row.get("@message"), null)
                : new Unit("record " + record, null, "no @message value"));
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      units.add(new Unit("record " + (record + 1), null, "broken CSV from here to the end"));
    }
    return new LogUnits(Shape.CSV, units);
  }

  /** The export shapes, or null when the text is not one JSON document of one of them. */
  private static LogUnits json(String text) {
    JsonElement document;
    try {
      document = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      return null;
    }
    if (document.isJsonArray()) {
      List<Unit> units = new ArrayList<>();
      JsonArray rows = document.getAsJsonArray();
      for (int i = 0; i < rows.size(); i++) {
        units.add(message("result " + (i + 1), rows.get(i), "@message"));
      }
      return new LogUnits(Shape.JSON, units);
    }
    if (!document.isJsonObject()) {
      return null;
    }
    JsonObject object = document.getAsJsonObject();
    if (object.has("results") && object.get("results").isJsonArray()) {
      List<Unit> units = new ArrayList<>();
      JsonArray results = object.getAsJsonArray("results");
      for (int i = 0; i < results.size(); i++) {
        units.add(queryResult("result " + (i + 1), results.get(i)));
      }
      return new LogUnits(Shape.JSON, units);
    }
    if (object.has("events") && object.get("events").isJsonArray()) {
      List<Unit> units = new ArrayList<>();
      JsonArray events = object.getAsJsonArray("events");
      for (int i = 0; i < events.size(); i++) {
        units.add(message("event " + (i + 1), events.get(i), "message"));
      }
      return new LogUnits(Shape.JSON, units);
    }
    return null;
  }

  private static Unit message(String where, JsonElement row, String field) {
    if (row.isJsonObject()) {
      JsonElement value = row.getAsJsonObject().get(field);
      if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
        return new Unit(where, value.getAsString(), null);
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
}
