package io.github.goblinfish.metrics.trackers;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a record into the line an output receives, keeping the promises that hold for every format:
 * one log event (no raw line break), at most {@link LineLimit#MAX_LINE_BYTES} bytes, and a line
 * even when the format fails (the default line then, with a warning).
 */
final class Lines {
  /** How many times a line of a format of the caller's is rendered again from a smaller record. */
  private static final int REFITS = 3;

  private Lines() {}

  /** The line as a String, for outputs that take one. */
  static String text(LineFormat format, RunRecord record) {
    if (format instanceof BuiltInFormat) {
      try {
        return (String) written((BuiltInFormat) format, record, false);
      } catch (Throwable failure) {
        return text(JsonLineFormat.INSTANCE, failedBuiltIn(format, record, failure));
      }
    }
    String line = rendered(format, record);
    return line != null ? line : text(JsonLineFormat.INSTANCE, failedFormat(format, record));
  }

  /** The line as UTF-8 bytes ending with a newline, for outputs such as a Lambda logger. */
  static byte[] utf8(LineFormat format, RunRecord record) {
    if (format instanceof BuiltInFormat) {
      try {
        return (byte[]) written((BuiltInFormat) format, record, true);
      } catch (Throwable failure) {
        return utf8(JsonLineFormat.INSTANCE, failedBuiltIn(format, record, failure));
      }
    }
    String line = rendered(format, record);
    if (line == null) {
      return utf8(JsonLineFormat.INSTANCE, failedFormat(format, record));
    }
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
    withNewline[bytes.length] = '\n';
    return withNewline;
  }

  /** The size of {@code record}'s default line in bytes of UTF-8. */
  static int defaultLineBytes(RunRecord record) {
    LineWriter.Utf8 out = new LineWriter.Utf8(512);
    write(record, new JsonWriter(out), out, null);
    return out.lineBytes().length - 1;
  }

  // --- the formats of this library ---------------------------------------------------------------

  private static Object written(BuiltInFormat format, RunRecord record, boolean utf8) {
    Reusable reusable = REUSABLE.get();
    if (reusable == null) {
      reusable = new Reusable();
      REUSABLE.set(reusable);
    }
    if (reusable.busy) {
      // A line written while this thread writes another (an output that tracks a run of its
      // own): fresh writers for this one.
      return written(format, record, Reusable.fresh(utf8, 512), utf8);
    }
    reusable.busy = true;
    boolean done = false;
    try {
      Reusable.Pair pair = reusable.pair(utf8);
      Object line = written(format, record, pair, utf8);
      done = true;
      return line;
    } finally {
      reusable.release(utf8, done);
    }
  }

  private static Object written(
      BuiltInFormat format, RunRecord record, Reusable.Pair pair, boolean utf8) {
    BuiltInFormat.Extension extension = format.start();
    LineWriter out = pair.out;
    out.reset();
    write(record, pair.json, out, extension);
    if (!out.fits(LineLimit.MAX_LINE_BYTES)) {
      RunRecord cut =
          LineLimit.cut(record, LineLimit.MAX_LINE_BYTES - LineLimit.RESERVED_BYTES, extension);
      out.reset();
      write(cut, pair.json, out, extension);
    }
    return utf8 ? ((LineWriter.Utf8) out).lineBytes() : ((LineWriter.Chars) out).builder.toString();
  }

  private static void write(
      RunRecord record, JsonWriter json, LineWriter out, BuiltInFormat.Extension extension) {
    try {
      JsonLine.write(record, json, out, extension == null ? null : extension.plan(record));
    } catch (IOException impossible) {
      // The writers here never fail: they only append to memory.
      throw new UncheckedIOException(impossible);
    }
  }

  /**
   * Each thread's writers, kept from one line to the next: the builder or buffer a line is written
   * into, and Gson's writer over it, are the biggest allocations of an invocation after the line
   * itself. Gson's writer is lenient only so that it takes one top-level object after another;
   * nothing it writes differs. Writers that grew past {@value #KEPT_CAPACITY} or that saw a failure
   * are dropped. Each kind is made when a line first needs it: a process usually writes only one.
   */
  static final class Reusable {
    static final int KEPT_CAPACITY = 16 * 1024;

    /** A writer and Gson's writer over it. */
    static final class Pair {
      final LineWriter out;
      final JsonWriter json;

      Pair(LineWriter out) {
        this.out = out;
        this.json = new JsonWriter(out);
        json.setStrictness(Strictness.LENIENT);
      }
    }

    Pair chars;
    Pair utf8;
    boolean busy;

    Pair pair(boolean utf8) {
      if (utf8) {
        if (this.utf8 == null) {
          this.utf8 = fresh(true, 512);
        }
        return this.utf8;
      }
      if (chars == null) {
        chars = fresh(false, 512);
      }
      return chars;
    }

    static Pair fresh(boolean utf8, int capacity) {
      return new Pair(utf8 ? LineWriter.Utf8.create(capacity) : LineWriter.Chars.create(capacity));
    }

    void release(boolean utf8, boolean done) {
      busy = false;
      Pair used = utf8 ? this.utf8 : chars;
      if (done && used.out.capacity() <= KEPT_CAPACITY) {
        return;
      }
      if (utf8) {
        this.utf8 = fresh(true, 512);
      } else {
        chars = fresh(false, 512);
      }
    }
  }

  // Filled on a thread's first line rather than through ThreadLocal.withInitial, whose supplier
  // would cost a class generated at run time on the first invocation's path.
  private static final ThreadLocal<Reusable> REUSABLE = new ThreadLocal<>();

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
            + describe(format)
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
      Faults.report("the line format " + describe(format) + " threw", failure, null);
      return null;
    }
    if (line == null) {
      Faults.report("the line format " + describe(format) + " returned null", null, null);
      return null;
    }
    return Text.oneEvent(line);
  }

  /**
   * A format of this library that failed (the EMF format with a caller's part in it, say): the line
   * is still written, in the default format. The default format itself has nothing to fall back to.
   */
  private static RunRecord failedBuiltIn(LineFormat format, RunRecord record, Throwable failure) {
    if (format == JsonLineFormat.INSTANCE) {
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      throw new IllegalStateException(failure);
    }
    Faults.report("the line format " + describe(format) + " threw", failure, null);
    return failedFormat(format, record);
  }

  private static RunRecord failedFormat(LineFormat format, RunRecord record) {
    List<String> warnings = new ArrayList<>(record.warnings.size() + 1);
    warnings.add(
        "the line format "
            + describe(format)
            + " failed (see standard error); written in the default format");
    warnings.addAll(record.warnings);
    int omitted = record.omittedWarnings;
    if (warnings.size() > Run.MAX_WARNINGS) {
      warnings.remove(warnings.size() - 1);
      omitted++;
    }
    return new RunRecord(
        record.processName,
        record.latencies,
        record.metrics,
        record.identifiers,
        List.copyOf(warnings),
        omitted,
        record.finished,
        record.untrackedNanos,
        record.initParts,
        record.initSteps);
  }

  private static String describe(LineFormat format) {
    Class<?> type = format.getClass();
    // A lambda's class name changes from one start to the next: it would make every line unique.
    return type.isHidden() || type.isSynthetic() ? "(a lambda)" : type.getName();
  }
}
