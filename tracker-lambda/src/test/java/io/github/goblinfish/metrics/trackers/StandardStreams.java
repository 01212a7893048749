package io.github.goblinfish.metrics.trackers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Captures what code prints to standard output or standard error, for exact assertions. */
public final class StandardStreams {
  private StandardStreams() {}

  public static String captureOut(Runnable action) {
    return capture(action, () -> System.out, System::setOut);
  }

  public static String captureErr(Runnable action) {
    return capture(action, () -> System.err, System::setErr);
  }

  private static String capture(
      Runnable action, Supplier<PrintStream> current, Consumer<PrintStream> replace) {
    PrintStream original = current.get();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    replace.accept(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      replace.accept(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
