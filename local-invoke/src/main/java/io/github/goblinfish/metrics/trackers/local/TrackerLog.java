package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What saved log output holds for the summaries, read as a stream: the {@link Summary} of its
 * tracker lines (with the Duration and Init Duration of each one's REPORT), the events that look
 * like tracker lines or REPORTs but cannot be read (each named, with why), and how many other
 * events there were. Only the summary's numbers are kept, so the memory used does not grow with the
 * rest of the input.
 *
 * <p>A line's REPORT is the one of the same {@code request_id} next to it: the REPORT that follows
 * the line (or, in an export sorted newest first, precedes it) before that request id's next START.
 * A retried invocation keeps its request id, so each attempt gets its own REPORT, and an attempt
 * that wrote no line gets none of the others'. When an invocation wrote several lines, its REPORT
 * goes with the first. Up to {@value #WAITING} lines wait for their REPORT at once; an older one
 * that still has none is summarised without it.
 *
 * <pre>{@code
 * try (Reader in = Files.newBufferedReader(Path.of("export.csv"))) {
 *   TrackerLog log = TrackerLog.read(in, null);
 *   log.summary();    // the steps, cold and warm apart
 *   log.unreadable(); // [Problem[where=record 4, reason=broken JSON]]
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe once read.
 */
final class TrackerLog {
  /** How many unreadable events are named; the rest are counted. */
  static final int NAMED = 1_000;

  /** How many lines may wait for their REPORT at once. */
  static final int WAITING = 10_000;

  private static final Pattern REPORT = Pattern.compile("(?:^|\\s)REPORT RequestId: (\\S+)");
  private static final Pattern START = Pattern.compile("(?:^|\\s)START RequestId: (\\S+)");
  private static final Pattern DURATION = Pattern.compile("^\\s+Duration: (\\S+) ms");
  private static final Pattern INIT_DURATION = Pattern.compile("\\sInit Duration: (\\S+) ms");
  private static final Pattern RESTORE_DURATION = Pattern.compile("\\sRestore Duration: (\\S+) ms");

  /**
   * An event that looks like a tracker line but cannot be read.
   *
   * @param where where it is ({@code line 4})
   * @param reason why it cannot be read
   */
  record Problem(String where, String reason) {}

  private final LogUnits.Shape shape;
  private final Summary summary;
  private final List<Problem> unreadable;
  private final int unreadableCount;
  private final int reports;
  private final int others;

  private TrackerLog(Reading reading, LogUnits.Shape shape) {
    this.shape = shape;
    this.summary = reading.summary.build();
    this.unreadable = List.copyOf(reading.unreadable);
    this.unreadableCount = reading.unreadableCount;
    this.reports = reading.reports;
    this.others = reading.others;
  }

  /**
   * @param input saved log output in any shape {@link LogUnits} reads; read to its end, not closed
   * @param by an identifier to group the summary by as well, or null
   * @return what it holds
   * @throws IOException when the input cannot be read
   */
  static TrackerLog read(Reader input, String by) throws IOException {
    Reading reading = new Reading(by);
    LogUnits.Shape shape = LogUnits.read(input, reading::unit);
    return new TrackerLog(reading, shape);
  }

  /** The state of one read. Not thread-safe. */
  private static final class Reading {
    final Summary.Builder summary;
    final List<Problem> unreadable = new ArrayList<>();
    int unreadableCount;
    int reports;
    int others;

    /** Per request id, in the order last touched: a line waiting for its REPORT, or the reverse. */
    final Map<String, Waiting> waiting =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Waiting> eldest) {
            return size() > WAITING;
          }
        };

    Reading(String by) {
      summary = new Summary.Builder(by);
    }

    void unit(LogUnits.Unit unit) {
      if (unit.text() == null) {
        problem(unit.where(), unit.problem());
        return;
      }
      String message = unwrapped(unit.text().strip());
      if (message.isEmpty()) {
        return;
      }
      TrackerLine.Reading reading = trackerLine(message);
      if (reading.line() != null) {
        try {
          Observation o =
              Observation.from(reading.line(), Observation.Phase.UNMARKED, ReportFigures.NONE);
          line(o.identifiers().get("request_id"), summary.add(o), o);
        } catch (Observation.NotSummarisable e) {
          problem(unit.where(), e.getMessage());
        }
        return;
      }
      Report report = TrackerLog.report(message);
      if (report != null) {
        reports++;
        if (report.problem() != null) {
          problem(unit.where(), report.problem());
        } else {
          reported(report.requestId(), report.figures());
        }
      } else if (reading.refusal() != null) {
        problem(unit.where(), reading.refusal());
      } else {
        String started = startedRequest(message);
        if (started != null) {
          // A new attempt of that request begins: what waited from the last one is done.
          waiting.remove(started);
        }
        others++;
      }
    }

    private void problem(String where, String reason) {
      unreadableCount++;
      if (unreadable.size() < NAMED) {
        unreadable.add(new Problem(where, reason));
      }
    }

    private void line(String requestId, Summary.Filling group, Observation o) {
      if (requestId == null) {
        return;
      }
      // Only a process's first line names the start: only it is kept while its REPORT is awaited.
      Observation start = o.start().init().isEmpty() ? null : o;
      Waiting w = waiting.get(requestId);
      if (w == null) {
        waiting.put(requestId, new Waiting(group, start, null));
      } else if (w.report() != null) {
        // Newest first: the REPORT came before its line.
        group.report(w.report(), o);
        waiting.remove(requestId);
      }
      // else a second line of the same invocation: the REPORT goes with the first.
    }

    private void reported(String requestId, ReportFigures figures) {
      Waiting w = waiting.get(requestId);
      if (w != null && w.line() != null) {
        if (w.start() == null) {
          w.line().report(figures);
        } else {
          w.line().report(figures, w.start());
        }
        waiting.remove(requestId);
      } else {
        waiting.put(requestId, new Waiting(null, null, figures));
      }
    }
  }

  /**
   * A line waiting for its REPORT (with the line itself when it names the start), or a REPORT
   * waiting for its line (newest first).
   */
  private record Waiting(Summary.Filling line, Observation start, ReportFigures report) {}

  /**
   * A platform REPORT event.
   *
   * @param requestId its request id
   * @param figures what it says, when it can be read
   * @param problem why it cannot be read, or null
   */
  private record Report(String requestId, ReportFigures figures, String problem) {}

  /**
   * The {@code message} of a JSON wrapper that is not itself a tracker line ({@code sam logs
   * --output json}, or a line written to standard output in Lambda's JSON log format), so that a
   * REPORT inside one reads as text.
   */
  private static String unwrapped(String message) {
    if (!message.startsWith("{") || !message.contains("\"message\"")) {
      return message;
    }
    try {
      JsonObject wrapper = JsonParser.parseString(message).getAsJsonObject();
      JsonElement inner = wrapper.get("message");
      if (!wrapper.has("latencies")
          && inner != null
          && inner.isJsonPrimitive()
          && inner.getAsJsonPrimitive().isString()) {
        return inner.getAsString().strip();
      }
    } catch (RuntimeException e) {
      // Not one JSON object: read as it is.
    }
    return message;
  }

  /** The line itself, or after a prefix such as {@code sam logs}' or the Text format's. */
  private static TrackerLine.Reading trackerLine(String message) {
    TrackerLine.Reading whole = TrackerLine.read(message);
    int brace = message.indexOf('{');
    if (whole.line() == null && brace > 0) {
      TrackerLine.Reading after = TrackerLine.read(message.substring(brace));
      if (after.line() != null || after.refusal() != null) {
        return after;
      }
    }
    return whole;
  }

  /** A platform REPORT, as text or as the JSON log format's {@code platform.report} record. */
  private static Report report(String message) {
    Matcher text = REPORT.matcher(message);
    if (text.find()) {
      String id = text.group(1);
      String rest = message.substring(text.end());
      Matcher duration = DURATION.matcher(rest);
      Matcher init = INIT_DURATION.matcher(rest);
      String durationText = duration.find() ? duration.group(1) : null;
      Matcher restore = RESTORE_DURATION.matcher(rest);
      String initText = init.find() ? init.group(1) : null;
      String restoreText = restore.find() ? restore.group(1) : null;
      OptionalDouble durationMs = number(durationText);
      OptionalDouble initMs = number(initText);
      OptionalDouble restoreMs = number(restoreText);
      if (durationText != null && durationMs.isEmpty()) {
        return new Report(id, null, "REPORT Duration " + quoted(durationText) + " is not a number");
      }
      if (initText != null && initMs.isEmpty()) {
        return new Report(
            id, null, "REPORT Init Duration " + quoted(initText) + " is not a number");
      }
      if (restoreText != null && restoreMs.isEmpty()) {
        return new Report(
            id, null, "REPORT Restore Duration " + quoted(restoreText) + " is not a number");
      }
      return new Report(id, new ReportFigures(durationMs, initMs, restoreMs), null);
    }
    JsonObject record = platformRecord(message, "platform.report");
    if (record == null) {
      return null;
    }
    try {
      JsonObject metrics = record.getAsJsonObject("metrics");
      return new Report(
          record.get("requestId").getAsString(),
          new ReportFigures(
              number(metrics.get("durationMs")),
              number(metrics.get("initDurationMs")),
              number(metrics.get("restoreDurationMs"))),
          null);
    } catch (RuntimeException e) {
      return new Report(null, null, "platform.report without a requestId and metrics");
    }
  }

  /** The request id of a START event, as text or as a {@code platform.start} record. */
  private static String startedRequest(String message) {
    Matcher text = START.matcher(message);
    if (text.find()) {
      return text.group(1);
    }
    JsonObject record = platformRecord(message, "platform.start");
    JsonElement id = record == null ? null : record.get("requestId");
    return id != null && id.isJsonPrimitive() ? id.getAsString() : null;
  }

  /** The {@code record} of a platform event of Lambda's JSON log format, or null. */
  private static JsonObject platformRecord(String message, String type) {
    if (!message.startsWith("{") || !message.contains("\"" + type + "\"")) {
      return null;
    }
    try {
      JsonObject event = JsonParser.parseString(message).getAsJsonObject();
      JsonElement eventType = event.get("type");
      JsonElement record = event.get("record");
      return eventType != null
              && eventType.isJsonPrimitive()
              && type.equals(eventType.getAsString())
              && record != null
              && record.isJsonObject()
          ? record.getAsJsonObject()
          : null;
    } catch (RuntimeException e) {
      // Not a platform record after all: it is read as any other event.
      return null;
    }
  }

  private static String quoted(String figure) {
    return "'"
        + TerminalText.oneLine(figure.length() > 40 ? figure.substring(0, 40) + "..." : figure)
        + "'";
  }

  /** A figure as Lambda prints it: digits with at most one decimal point. */
  private static OptionalDouble number(String text) {
    return text == null || !text.matches("[0-9]+(?:\\.[0-9]+)?")
        ? OptionalDouble.empty()
        : OptionalDouble.of(Double.parseDouble(text));
  }

  private static OptionalDouble number(JsonElement value) {
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
        ? OptionalDouble.of(value.getAsDouble())
        : OptionalDouble.empty();
  }

  LogUnits.Shape shape() {
    return shape;
  }

  /**
   * @return the summary of the readable tracker lines
   */
  Summary summary() {
    return summary;
  }

  /**
   * @return how many tracker lines were read
   */
  int trackerLines() {
    return summary.invocations();
  }

  /**
   * @return the first {@value #NAMED} events that look like tracker lines or REPORTs but cannot be
   *     read, in order
   */
  List<Problem> unreadable() {
    return unreadable;
  }

  /**
   * @return how many events could not be read, named or not
   */
  int unreadableCount() {
    return unreadableCount;
  }

  /**
   * @return how many platform REPORT events there were
   */
  int reports() {
    return reports;
  }

  /**
   * @return how many other non-blank events there were (START, END, the function's own logs)
   */
  int others() {
    return others;
  }
}
