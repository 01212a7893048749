package io.github.goblinfish.metrics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code -Xlog:class+load} parsing behind the class counts, on small canned logs. */
class ClassLoadLogTest {
  private static final List<String> LOG =
      List.of(
          "[100ns] java.lang.Object source: shared objects file",
          "[110ns] java.lang.String source: shared objects file (top)",
          "[120ns] java.sql.Date source: jrt:/java.sql",
          "[130ns] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source:"
              + " file:/f/ric/aws-lambda-java-runtime-interface-client-2.10.1.jar",
          "",
          "[140ns] io.github.goblinfish.metrics.benchmarks.handlers.Functions$Tracker source:"
              + " file:/f/code/functions.jar",
          "[150ns] com.google.gson.stream.JsonWriter source: file:/f/tracker/gson-2.15.0.jar",
          "[160ns] com.google.gson.stream.JsonScope source: file:/f/tracker/gson-2.15.0.jar",
          "[170ns] Main$$Lambda$1/0x00007fa85c000a08 source: Main",
          "[180ns] java.lang.invoke.LambdaForm$MH/0x00007fa85c000400 source: __JVM_LookupDefineClass__",
          "[190ns] Main source: file:/tmp/classes/",
          // After the response: not counted.
          "[201ns] com.google.gson.Gson source: file:/f/tracker/gson-2.15.0.jar",
          "[202ns] java.util.Timer source: jrt:/java.base");

  @Test
  void countsTheClassesUpToTheMomentByOrigin() {
    ClassLoadLog.Count count = ClassLoadLog.count(LOG, 200);

    assertEquals(3, count.jdk());
    assertEquals(2, count.generated());
    assertEquals(
        Map.of(
            "aws-lambda-java-runtime-interface-client-2.10.1.jar", 1,
            "functions.jar", 1,
            "gson-2.15.0.jar", 2,
            "classes", 1),
        count.byJar());
    assertEquals(2, count.fromJar("gson-2.15.0.jar"));
    assertEquals(0, count.fromJar("jackson-databind-2.20.1.jar"));
    assertEquals(10, count.total());
  }

  @Test
  void aClassStampedExactlyAtTheMomentCounts() {
    assertEquals(1, ClassLoadLog.count(LOG, 100).total());
    assertEquals(12, ClassLoadLog.count(LOG, 202).total());
  }

  @Test
  void aLogInAnotherFormatIsRejectedNotCountedAsEmpty() {
    // Default decorations (uptime, level, tags) instead of the tn stamp the harness asks for.
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ClassLoadLog.count(
                    List.of(
                        "[0.012s][info][class,load] java.lang.Object source: shared objects file"),
                    Long.MAX_VALUE));
    assertTrue(error.getMessage().contains("java.lang.Object"), error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassLoadLog.count(List.of("[100ns] java.lang.Object"), Long.MAX_VALUE));
  }

  @Test
  void anEmptyLogIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ClassLoadLog.count(List.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> ClassLoadLog.count(List.of("", " "), 1));
  }

  @Test
  void originsSplitTheJarsByTheFunctionsFolders(@TempDir Path functions) throws IOException {
    touch(functions.resolve("ric/aws-lambda-java-runtime-interface-client-2.10.1.jar"));
    touch(functions.resolve("code/functions.jar"));
    touch(functions.resolve("tracker/gson-2.15.0.jar"));
    touch(functions.resolve("tracker/tracker-lambda-0.1.0-SNAPSHOT.jar"));
    List<String> log = LOG.subList(0, 10);

    Map<String, Object> origins =
        ColdStart.classOrigins(ClassLoadLog.count(log, 200), functions, "tracker");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("total", 9);
    expected.put("jdk", 3);
    expected.put("generated", 2);
    expected.put("runtimeClient", 1);
    expected.put("functionCode", 1);
    expected.put("libraries", 2);
    expected.put("libraryJars", Map.of("gson-2.15.0.jar", 2));
    assertEquals(expected, origins);
  }

  @Test
  void aClassFromAJarOutsideTheFunctionsFoldersFailsTheCount(@TempDir Path functions)
      throws IOException {
    touch(functions.resolve("ric/aws-lambda-java-runtime-interface-client-2.10.1.jar"));
    touch(functions.resolve("code/functions.jar"));
    touch(functions.resolve("tracker/gson-2.15.0.jar"));

    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> ColdStart.classOrigins(ClassLoadLog.count(LOG, 200), functions, "tracker"));
    assertTrue(error.getMessage().contains("classes"), error.getMessage());
  }

  private static void touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[0]);
  }
}
