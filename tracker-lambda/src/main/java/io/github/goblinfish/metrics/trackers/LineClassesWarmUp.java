package io.github.goblinfish.metrics.trackers;

import com.google.gson.FormattingStyle;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import io.github.goblinfish.metrics.trackers.internal.LineObserver;
import io.github.goblinfish.metrics.trackers.internal.LineObservers;
import io.github.goblinfish.metrics.trackers.internal.Names;

/**
 * Loads and initialises the classes that a tracker's runs and lines need (Gson's {@code JsonWriter}
 * set-up above all, the costliest), so that its first real run does not wait for them. Backs {@link
 * ProcessTracker#warmUp()}.
 *
 * <p>It runs none of that code: it only loads and initialises classes. The JIT compiles the
 * tracker's code with what it has seen run there, and a throwaway run with another kind of output,
 * format, body or value, seen even once, can be enough to stop it from proving that an invocation's
 * objects never escape; every invocation would then allocate them. Class initialisation writes
 * nothing and calls no code of the caller's.
 *
 * <p>Stateless and thread-safe.
 */
final class LineClassesWarmUp {
  private LineClassesWarmUp() {}

  /**
   * @param output the tracker's output: its kind (text or bytes) decides the line writer
   * @param format the tracker's format: EMF brings its own classes
   */
  static void run(LineOutput output, LineFormat format) {
    try {
      initialise(
          CurrentRun.class,
          Run.class,
          RunRecord.class,
          InitSteps.class,
          Timer.class,
          NameIndex.class,
          LatencyTable.class,
          ValueTable.class,
          Values.class,
          Names.class,
          Text.class,
          Lines.class,
          BuiltInFormat.Reusable.class,
          BuiltInFormat.Reusable.Pair.class,
          LineWriter.class,
          output.writerClass(),
          JsonLine.class,
          LineObservers.class,
          LineObserver.class,
          JsonWriter.class,
          Strictness.class,
          FormattingStyle.class);
      // Not asked of the default JSON format: asking "is it EMF?" loads EmfLineFormat, the
      // largest class of all, which a JSON line never needs.
      if (!(format instanceof JsonLineFormat) && format instanceof EmfLineFormat emf) {
        initialise(emf.lineClasses());
      }
    } catch (Throwable failure) {
      // Only a head start: the first real run does all of this itself if need be.
    }
  }

  private static void initialise(Class<?>... types) throws ClassNotFoundException {
    for (Class<?> type : types) {
      Class.forName(type.getName(), true, type.getClassLoader());
    }
  }
}
