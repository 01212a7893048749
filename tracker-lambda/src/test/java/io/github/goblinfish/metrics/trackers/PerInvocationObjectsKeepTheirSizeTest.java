package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The objects every invocation makes keep the size the typical invocation's budget of 1,500 bytes
 * was measured with (InvocationBenchmark, {@code -prof gc}). A field added to one of them may cost
 * nothing or 8 bytes on every invocation, depending on the padding it falls into; this test tells
 * which before a benchmark has to. Sizes are those of a 64-bit JVM with compressed references: a
 * 12-byte header, 4-byte references, fields packed into gaps, objects aligned to 8 bytes.
 */
class PerInvocationObjectsKeepTheirSizeTest {

  @ParameterizedTest(name = "{0}: {1} bytes")
  @CsvSource({
    // One per invocation: the run, its record, and the tracker tied to the run.
    "io.github.goblinfish.metrics.trackers.Run, 72",
    "io.github.goblinfish.metrics.trackers.RunRecord, 56",
    "io.github.goblinfish.metrics.trackers.ProcessTracker, 32",
    // One per timer.
    "io.github.goblinfish.metrics.trackers.Timer, 32",
  })
  void anObjectMadePerInvocationKeepsItsSize(String className, int bytes) throws Exception {
    assertEquals(bytes, shallowSize(Class.forName(className)));
  }

  private static int shallowSize(Class<?> type) {
    int size = 12;
    for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          size += fieldSize(field.getType());
        }
      }
    }
    return (size + 7) / 8 * 8;
  }

  private static int fieldSize(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    }
    if (type == int.class || type == float.class) {
      return 4;
    }
    if (type == short.class || type == char.class) {
      return 2;
    }
    if (type == byte.class || type == boolean.class) {
      return 1;
    }
    return 4;
  }
}
