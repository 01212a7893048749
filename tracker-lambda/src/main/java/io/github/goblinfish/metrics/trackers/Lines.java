package io.github.goblinfish.metrics.trackers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a record into the line an output receives, keeping the promises that hold for every format:
 * one log event (no raw line break), at most {@link LineLimit#MAX_LINE_BYTES} bytes, and a line
 * even when the format fails (the default line then, with a warning). The library's formats keep
 * them themselves ({@link BuiltInFormat}); this class keeps them for the caller's.
 */
final class Lines {
  /** How many times a line of a format of the caller's is rendered again from a smaller record. */
  private static final int REFITS = 3;

  private Lines() {}

  /** The line as a String, for outputs that take one. */
  static String text(LineFormat format, RunRecord record) {
    if (format instanceof BuiltInFormat) {
      return ((BuiltInFormat) format).text(record);
    }
    String line = rendered(format, record);
    return line != null ? line : JsonLineFormat.INSTANCE.text(failed(format, record));
  }

  /** The line as UTF-8 bytes ending with a newline, for outputs such as a Lambda logger. */
  static byte[] utf8(LineFormat format, RunRecord record) {
    if (format instanceof BuiltInFormat) {
      return ((BuiltInFormat) format).utf8(record);
    }
    String line = rendered(format, record);
    if (line == null) {
      return JsonLineFormat.INSTANCE.utf8(failed(format, record));
    }
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
    withNewline[bytes.length] = '\n';
    return withNewline;
  }

  // --- formats of the caller's -------------------------------------------------------------------

  /** The caller's format's line, made one event within the limit; null if the format failed. */
  private static String rendered(LineFormat format, RunRecord record) {
    String line = renderedOnce(format, record);
    if (line == null || Text.utf8Length(line) <= LineLimit.MAX_LINE_BYTES) {
      return line;
    }
    int budget = LineLimit.MAX_LINE_BYTES - LineLimit.RESERVED_BYTES;
    for (int attempt = 0; attempt < REFITS; attempt++) {
      int bytes = Text.utf8Length(line);
      // A format wordier than the default line needs a smaller record: shrink in proportion.
      budget = (int) Math.min(budget, (long) budget * LineLimit.MAX_LINE_BYTES / bytes);
      line = renderedOnce(format, LineLimit.cut(record, Math.max(budget, 0), null));
      if (line == null || Text.utf8Length(line) <= LineLimit.MAX_LINE_BYTES) {
        return line;
      }
    }
    Faults.report(
        "the line format "
            + Faults.nameOf(format)
            + " wrote more than "
            + LineLimit.MAX_LINE_BYTES
            + " bytes from a cut record; the line is cut to that size",
        null,
        null);
    return Text.cutToUtf8Bytes(line, LineLimit.MAX_LINE_BYTES);
  }

  private static String renderedOnce(LineFormat format, RunRecord record) {
    String line;
    try {
      line = format.render(record);
    } catch (Throwable failure) {
      Faults.report("the line format " + Faults.nameOf(format) + " threw", failure, null);
      return null;
    }
    if (line == null) {
      Faults.report("the line format " + Faults.nameOf(format) + " returned null", null, null);
      return null;
    }
    return Text.oneEvent(line);
  }

  private static RunRecord failed(LineFormat format, RunRecord record) {
    return record.withFirstWarning(Faults.inDefaultFormat(format));
  }
}
