package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Prints a run the way Lambda's log stream and {@code sam local invoke} show it. */
final class Report {
  private Report() {}

  static void print(
      RunResult result, FunctionSpec fn, boolean quiet, boolean chart, PrintStream out) {
    List<Invocation> invocations = result.invocations();
    if (quiet) {
      for (Invocation inv : invocations) {
        out.println(inv.succeeded() ? inv.response().orElse("") : inv.error().orElse(""));
      }
      return;
    }
    for (Invocation inv : invocations) {
      out.println();
      if (inv.ranInit()) {
        out.println(
            "INIT_START Runtime Version: "
                + fn.runtime()
                + " (local JDK "
                + Runtime.version().feature()
                + ")");
        inv.initLogs().forEach(e -> event(e, out));
      }
      out.println("START RequestId: " + inv.requestId() + " Version: $LATEST");
      inv.logs().forEach(e -> event(e, out));
      out.println("END RequestId: " + inv.requestId());
      out.println(reportLine(inv, fn));
      if (inv.succeeded()) {
        out.println("Response:");
        out.println(TerminalText.lines(LocalInvoke.pretty(inv.response().orElse(""))));
      } else {
        out.println(
            "Error ("
                + (inv.errorCategory() == null
                    ? "unknown"
                    : TerminalText.oneLine(inv.errorCategory()))
                + "):");
        out.println(TerminalText.lines(LocalInvoke.pretty(inv.error().orElse(""))));
      }
      if (chart) {
        for (TrackerLine line : inv.trackerLines()) {
          out.println();
          out.print(Breakdown.render(line));
        }
      }
    }
    if (!result.unattributedLogs().isEmpty()) {
      out.println();
      out.println("Log events not tied to one invocation (several were in flight):");
      result.unattributedLogs().forEach(e -> event(e, out));
    }
    if (invocations.size() > 1) {
      out.println();
      long ok = invocations.stream().filter(Invocation::succeeded).count();
      out.println("Summary: " + invocations.size() + " invocations, " + ok + " succeeded");
      int n = 1;
      for (Invocation inv : invocations) {
        out.println(
            String.format(
                Locale.ROOT,
                "  %2d  %s  duration %9s%s%s",
                n++,
                inv.coldStart() ? "cold" : "warm",
                ms(inv.duration()),
                inv.initDuration().map(d -> "  init " + ms(d)).orElse("")
                    + inv.restoreDuration().map(d -> "  restore " + ms(d)).orElse(""),
                inv.succeeded()
                    ? ""
                    : "  " + TerminalText.oneLine(String.valueOf(inv.errorType()))));
      }
    }
  }

  /**
   * One event per block: a header saying where it came from, then its message, its control
   * characters escaped; the lines after the first are indented, so no message can print a line that
   * looks like the runner's own START, END or REPORT.
   */
  static void event(LogEvent e, PrintStream out) {
    String header =
        switch (e.source()) {
          case TELEMETRY -> "[telemetry " + e.format() + " " + e.level() + "]";
          case STDOUT -> "[stdout]";
          case PLATFORM -> "[platform]";
        };
    out.println(header);
    String text = TerminalText.lines(e.text());
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    out.println(text.replace("\n", "\n  "));
  }

  static String reportLine(Invocation inv, FunctionSpec fn) {
    double millis = inv.duration().toNanos() / 1e6;
    StringBuilder line =
        new StringBuilder("REPORT RequestId: ")
            .append(inv.requestId())
            .append("\tDuration: ")
            .append(String.format(Locale.ROOT, "%.2f ms", millis))
            .append("\tBilled Duration: ")
            .append((long) Math.ceil(millis))
            .append(" ms")
            .append("\tMemory Size: ")
            .append(fn.memoryMb())
            .append(" MB");
    inv.initDuration().ifPresent(d -> line.append("\tInit Duration: ").append(ms(d)));
    inv.restoreDuration()
        .ifPresent(
            d ->
                line.append("\tRestore Duration: ")
                    .append(ms(d))
                    .append("\tBilled Restore Duration: ")
                    .append((long) Math.ceil(d.toNanos() / 1e6))
                    .append(" ms"));
    if (inv.timedOut()) {
      line.append("\tStatus: timeout");
    }
    return line.toString();
  }

  private static String ms(Duration d) {
    return millis(d) + " ms";
  }

  /** Milliseconds to the hundredth, as Lambda's REPORT line shows them. */
  static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e6);
  }

  static String errorSummary(Invocation inv) {
    String message = "";
    try {
      JsonElement body = JsonParser.parseString(inv.error().orElse(""));
      if (body.isJsonObject()) {
        JsonObject o = body.getAsJsonObject();
        if (o.has("errorMessage") && !o.get("errorMessage").isJsonNull()) {
          message = o.get("errorMessage").getAsString();
        }
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      message = inv.error().orElse("");
    }
    StringBuilder summary = new StringBuilder();
    if (inv.errorCategory() != null && !inv.errorCategory().equals(inv.errorType())) {
      summary.append(inv.errorCategory()).append(' ');
    }
    summary
        .append(inv.errorType())
        .append(": ")
        .append(message.replaceAll("\\s*\\n\\s*", " ").strip());
    String line = TerminalText.oneLine(summary.toString());
    summary.setLength(0);
    summary.append(line);
    String type = String.valueOf(inv.errorType());
    if ("Runtime.BadFunctionCode".equals(inv.errorCategory())
        && (type.endsWith("ClassNotFoundException")
            || message.startsWith("No public method named")
            || message.startsWith("Invalid handler"))) {
      summary.append(" (check the function's Handler in the template, and rebuild)");
    }
    return summary.toString();
  }
}
