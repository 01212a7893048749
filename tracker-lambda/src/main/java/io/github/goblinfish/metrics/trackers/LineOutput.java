package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.LineObserver;
import io.github.goblinfish.metrics.trackers.internal.LineObservers;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Where a run's line goes, in the form that destination takes: a String, or the UTF-8 bytes of the
 * line and its newline. Whatever the destination throws is reported on standard error and goes no
 * further: the tracked code's result stands. The registered {@link LineObserver}s see each line
 * after the destination, also when it threw.
 */
abstract class LineOutput {

  /** Renders {@code record} with {@code format} and hands the line over. Never throws. */
  abstract void write(LineFormat format, RunRecord record);

  static LineOutput text(Consumer<String> output) {
    return Text.create(output);
  }

  static LineOutput utf8(Consumer<byte[]> output) {
    return new Utf8(output);
  }

  /** The line writer this kind of output renders into, for {@link LineClassesWarmUp}. */
  abstract Class<? extends LineWriter> writerClass();

  /** Lines as text to standard output. */
  static LineOutput standardOutput() {
    return Text.create(StandardOutput.INSTANCE);
  }

  /**
   * Looks {@code System.out} up per line, so that a test or runtime that replaces it later is
   * honoured. A class rather than a lambda, which would cost a class generated at run time.
   */
  private static final class StandardOutput implements Consumer<String> {
    static final StandardOutput INSTANCE = new StandardOutput();

    @Override
    public void accept(String line) {
      System.out.println(line);
    }
  }

  private static final class Text extends LineOutput {
    private final Consumer<String> output;

    Text(Consumer<String> output) {
      this.output = output;
    }

    @Override
    Class<? extends LineWriter> writerClass() {
      return LineWriter.Chars.class;
    }

    /**
     * A new output, typed as its base class here: were {@code LineOutput} to upcast a {@code new
     * Text} itself, verifying it would load this class even for trackers that write bytes.
     */
    static LineOutput create(Consumer<String> output) {
      return new Text(output);
    }

    @Override
    void write(LineFormat format, RunRecord record) {
      String line;
      try {
        line = Lines.text(format, record);
      } catch (Throwable failure) {
        Faults.report("could not build the metrics line", failure, null);
        return;
      }
      LineObserver[] observers = LineObservers.current();
      try {
        output.accept(line);
      } catch (Throwable failure) {
        Faults.report("the output function threw", failure, line);
      }
      if (observers.length != 0) {
        notifyObservers(observers, line);
      }
    }
  }

  private static final class Utf8 extends LineOutput {
    private final Consumer<byte[]> output;

    Utf8(Consumer<byte[]> output) {
      this.output = output;
    }

    @Override
    Class<? extends LineWriter> writerClass() {
      return LineWriter.Utf8.class;
    }

    @Override
    void write(LineFormat format, RunRecord record) {
      byte[] line;
      try {
        line = Lines.utf8(format, record);
      } catch (Throwable failure) {
        Faults.report("could not build the metrics line", failure, null);
        return;
      }
      // Decoded before the output runs: it may keep the array, and could change it.
      LineObserver[] observers = LineObservers.current();
      String observed =
          observers.length == 0
              ? null
              : new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
      try {
        output.accept(line);
      } catch (Throwable failure) {
        Faults.report(
            "the output function threw",
            failure,
            new String(line, 0, line.length - 1, StandardCharsets.UTF_8));
      }
      if (observed != null) {
        notifyObservers(observers, observed);
      }
    }
  }

  /** Hands {@code line} to each of {@code observers}; a failing observer is reported, only. */
  static void notifyObservers(LineObserver[] observers, String line) {
    for (LineObserver observer : observers) {
      try {
        observer.lineWritten(line);
      } catch (Throwable failure) {
        Faults.report("a line observer threw", failure, null);
      }
    }
  }
}
