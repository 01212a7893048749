package io.github.goblinfish.metrics.trackers;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A format of this library: it writes the default line, with what {@link Extension} adds, straight
 * into a {@link LineWriter}, cut to {@link LineLimit#MAX_LINE_BYTES} when it would be longer, and
 * tells {@link LineLimit} how much room its additions need. It does not implement {@link
 * LineFormat} itself (each format does): what writes lines stays below the interface, whose
 * factories name the formats. An abstract class rather than an interface, so that {@link #start()}
 * stays out of the public API of {@link EmfLineFormat}.
 */
abstract class BuiltInFormat {
  /** Whether this is the default line, which has nothing to fall back to. */
  private final boolean isDefault;

  BuiltInFormat(boolean isDefault) {
    this.isDefault = isDefault;
  }

  /** Starts one line; null for the default line, which adds nothing. */
  abstract Extension start();

  /** What a format adds to one line; shared by both passes of a line that has to be cut. */
  interface Extension {
    /** Plans the added members of the line of {@code record}. */
    JsonLine.Addition plan(RunRecord record);

    /** Bytes the added members may take besides those counted by {@link #entryBytes}. */
    int reservedBytes();

    /** Bytes the added members may take for one kept entry whose own size is {@code size}. */
    int entryBytes(LineLimit.Entry entry, int size);
  }

  /** The line as a String, for outputs that take one. */
  final String text(RunRecord record) {
    return (String) line(record, false);
  }

  /** The line as UTF-8 bytes ending with a newline, for outputs such as a Lambda logger. */
  final byte[] utf8(RunRecord record) {
    return (byte[]) line(record, true);
  }

  /** The size of {@code record}'s default line in bytes of UTF-8. */
  static int defaultLineBytes(RunRecord record) {
    LineWriter.Utf8 out = new LineWriter.Utf8(512);
    write(record, new JsonWriter(out), out, null);
    return out.lineBytes().length - 1;
  }

  /**
   * This format's line; when it fails (the EMF format with a caller's part in it, say), the line is
   * still written, in the default format. The default format itself has nothing to fall back to.
   */
  private Object line(RunRecord record, boolean utf8) {
    try {
      return written(start(), record, utf8);
    } catch (Throwable failure) {
      if (isDefault) {
        if (failure instanceof RuntimeException) {
          throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
          throw (Error) failure;
        }
        throw new IllegalStateException(failure);
      }
      Faults.report("the line format " + Faults.nameOf(this) + " threw", failure, null);
      return written(null, record.withFirstWarning(Faults.inDefaultFormat(this)), utf8);
    }
  }

  private static Object written(Extension extension, RunRecord record, boolean utf8) {
    Reusable reusable = REUSABLE.get();
    if (reusable == null) {
      reusable = new Reusable();
      REUSABLE.set(reusable);
    }
    if (reusable.busy) {
      // A line written while this thread writes another (an output that tracks a run of its
      // own): fresh writers for this one.
      return written(extension, record, Reusable.fresh(utf8, 512), utf8);
    }
    reusable.busy = true;
    boolean done = false;
    try {
      Reusable.Pair pair = reusable.pair(utf8);
      Object line = written(extension, record, pair, utf8);
      done = true;
      return line;
    } finally {
      reusable.release(utf8, done);
    }
  }

  private static Object written(
      Extension extension, RunRecord record, Reusable.Pair pair, boolean utf8) {
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
      RunRecord record, JsonWriter json, LineWriter out, Extension extension) {
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
}
