package io.github.goblinfish.metrics.trackers.local;

import java.io.File;
import java.nio.file.Path;

/** Where the end-to-end tests find their handlers and template. */
final class Fixtures {
  static final String TRACKER =
      io.github.goblinfish.metrics.trackers.local.fixtures.TestFunctions.TRACKER;

  private Fixtures() {}

  /**
   * The test classes folder: the template's CodeUri "." points at it, laid out as a task root.
   * Surefire runs tests from a manifest-only jar, so java.class.path does not list it.
   */
  static Path testClasses() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.endsWith("test-classes") || entry.endsWith("test-classes" + File.separator)) {
        return Path.of(entry);
      }
    }
    throw new IllegalStateException("no test-classes entry on " + cp);
  }

  static Path template() {
    return testClasses().resolve("template.yaml");
  }

  static FunctionSpec function(String id) throws LocalInvokeException {
    return LocalInvoke.function(template(), id, w -> {});
  }
}
