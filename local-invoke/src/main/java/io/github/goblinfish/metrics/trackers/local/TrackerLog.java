package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What saved log output holds for the summaries: its tracker lines, the Duration and Init Duration
 * of each REPORT, the events that look like tracker lines but cannot be read (each named, with
 * why), and how many other events there were. A line's REPORT is found through its {@code
 * request_id}.
 *
 * <pre>{@code
 * TrackerLog log = TrackerLog.read(Files.readString(Path.of("export.csv")));
 * Summary summary = Summary.of(log.observations(), null);
 * log.unreadable(); // [Problem[where=record 4, reason=broken JSON]]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class TrackerLog {
  private static final Pattern REPORT =
      Pattern.compile(
          "(?:^|\\s)REPORT RequestId: (\\S+)(?:\\s+Duration: ([0-9.]+) ms)?"
              + "(?:.*?Init Duration: ([0-9.]+) ms)?");

  /**
   * An event that looks like a tracker line but cannot be read.
   *
   * @param where where it is ({@code line 4})
   * @param reason why it cannot be read
   */
  record Problem(String where, String reason) {}

  private final LogUnits.Shape shape;
  private final List<Observation> observations;
  private final List<Problem> unreadable;
  private final int reports;
  private final int others;

  private TrackerLog(
      LogUnits.Shape shape,
      List<Observation> observations,
      List<Problem> unreadable,
      int reports,
      int others) {
    this.shape = shape;
    this.observations = Collections.unmodifiableList(observations);
    this.unreadable = Collections.unmodifiableList(unreadable);
    this.reports = reports;
    this.others = others;
  }

  /**
   * @param text saved log output in any shape {@link LogUnits} reads
   * @return what it holds
   */
  static TrackerLog read(String text) {
    LogUnits units = LogUnits.split(text);
    // Each slot is an Observation or a Problem, in the order of the events. A REPORT may come
    // after its invocation's line, so its figures are attached once every event is read; the
    // parsed line itself is not kept, as an export can hold many thousands.
    List<Object> slots = new ArrayList<>();
    Map<String, ReportFigures> reportByRequest = new HashMap<>();
    int reports = 0;
    int others = 0;
    for (LogUnits.Unit unit : units.units()) {
      if (unit.text() == null) {
        slots.add(new Problem(unit.where(), unit.problem()));
        continue;
      }
      String message = unwrapped(unit.text().strip());
      if (message.isEmpty()) {
        continue;
      }
      TrackerLine.Reading reading = trackerLine(message);
      if (reading.line() != null) {
        try {
          slots.add(
              Observation.from(reading.line(), Observation.Phase.UNMARKED, ReportFigures.NONE));
        } catch (Observation.NotSummarisable e) {
          slots.add(new Problem(unit.where(), e.getMessage()));
        }
      } else if (report(message, reportByRequest)) {
        reports++;
      } else if (reading.refusal() != null) {
        slots.add(new Problem(unit.where(), reading.refusal()));
      } else {
        others++;
      }
    }
    List<Observation> observations = new ArrayList<>();
    List<Problem> unreadable = new ArrayList<>();
    for (Object slot : slots) {
      if (slot instanceof Problem problem) {
        unreadable.add(problem);
      } else {
        Observation o = (Observation) slot;
        ReportFigures report = reportByRequest.get(o.identifiers().get("request_id"));
        observations.add(report == null ? o : o.withReport(report));
      }
    }
    return new TrackerLog(units.shape(), observations, unreadable, reports, others);
  }

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
  private static boolean report(String message, Map<String, ReportFigures> reportByRequest) {
    Matcher text = REPORT.matcher(message);
    if (text.find()) {
      reportByRequest.put(
          text.group(1), new ReportFigures(number(text.group(2)), number(text.group(3))));
      return true;
    }
    if (!message.startsWith("{") || !message.contains("\"platform.report\"")) {
      return false;
    }
    try {
      JsonObject event = JsonParser.parseString(message).getAsJsonObject();
      JsonObject record = event.getAsJsonObject("record");
      if (!"platform.report".equals(event.get("type").getAsString())) {
        return false;
      }
      JsonObject metrics = record.getAsJsonObject("metrics");
      reportByRequest.put(
          record.get("requestId").getAsString(),
          new ReportFigures(
              number(metrics.get("durationMs")), number(metrics.get("initDurationMs"))));
      return true;
    } catch (RuntimeException e) {
      // Not a platform record after all: it is read as any other event.
      return false;
    }
  }

  private static OptionalDouble number(String text) {
    return text == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(text));
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
   * @return one observation per readable tracker line, in order
   */
  List<Observation> observations() {
    return observations;
  }

  /**
   * @return the events that look like tracker lines but cannot be read, in order
   */
  List<Problem> unreadable() {
    return unreadable;
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
