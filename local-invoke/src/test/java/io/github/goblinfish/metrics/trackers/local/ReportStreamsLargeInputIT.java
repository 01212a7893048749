package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: {@code ./invoke report} reads its input as a stream, so a log far larger than the heap
 * is summarised: a generated 1 GiB Text log stream of {@value #INVOCATIONS} invocations (START,
 * three lines of the function's own, the tracker line, END and REPORT each) goes through a child
 * JVM whose heap is 256 MB, which before held the whole file as text more than once.
 */
class ReportStreamsLargeInputIT {
  static final long BYTES = 1L << 30;
  static final int BLOCK = 1024;
  static final int INVOCATIONS = (int) (BYTES / BLOCK);

  @Test
  void aOneGibibyteLogIsSummarisedWithinA256MegabyteHeap(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("large.log");
    long generated = generate(log);
    assertEquals(BYTES, generated, "every block is exactly " + BLOCK + " bytes");

    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    long start = System.nanoTime();
    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")),
                    LocalInvoke.class.getName(),
                    "report",
                    log.toString()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    // Bounded only against a hang, far past the time of a report over 1 GiB on a loaded machine.
    if (!child.waitFor(30, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new AssertionError("the report did not end within 30 minutes");
    }
    int exit = child.exitValue();
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    String stdout = Files.readString(out);
    assertEquals("", Files.readString(err));
    assertEquals(0, exit, stdout);
    assertTrue(
        stdout.startsWith(
            "Steps across "
                + INVOCATIONS
                + " invocations: 1 cold, "
                + (INVOCATIONS - 1)
                + " warm (milliseconds; percentiles by nearest rank)\n"),
        stdout);
    // Every line was paired with its own REPORT: the warm group's Duration row counts them all.
    Matcher duration = Pattern.compile("\n  REPORT Duration +(\\d+) ").matcher(stdout);
    assertTrue(duration.find(), stdout);
    assertTrue(duration.find(), stdout);
    assertEquals(INVOCATIONS - 1, Integer.parseInt(duration.group(1)), stdout);
    assertTrue(
        stdout.endsWith(
            "Read "
                + log
                + " as lines: "
                + INVOCATIONS
                + " tracker lines, "
                + INVOCATIONS
                + " REPORT events, "
                + (INVOCATIONS * 5L)
                + " other events\n"),
        stdout);
    System.out.printf(
        "ReportStreamsLargeInputIT: %d bytes, %d invocations, -Xmx256m, %d s%n",
        generated, INVOCATIONS, seconds);
  }

  /** Writes the log, each invocation padded to exactly {@value #BLOCK} bytes. */
  private static long generate(Path log) throws IOException {
    long written = 0;
    try (BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      StringBuilder block = new StringBuilder(BLOCK);
      for (int i = 0; i < INVOCATIONS; i++) {
        String id = String.format(Locale.ROOT, "c2a8a74e-83cc-4a3e-ac57-%012d", i);
        double handler = 1 + (i % 1000) / 100.0;
        block.setLength(0);
        block.append("START RequestId: ").append(id).append(" Version: $LATEST\n");
        for (int n = 1; n <= 3; n++) {
          block.append("[INFO] loading order ").append(n).append(" of request ").append(id);
          block.append('\n');
        }
        block
            .append("{\"latencies\":{\"ApiGatewayHandler\":")
            .append(String.format(Locale.ROOT, "%.3f", handler))
            .append(",\"load_order\":")
            .append(String.format(Locale.ROOT, "%.3f", handler / 2))
            .append("},\"metrics\":{\"status_code\":200},\"request_id\":\"")
            .append(id)
            .append("\",\"cold_start\":")
            .append(i == 0)
            .append(",\"service\":\"orders\"}\n");
        block.append("END RequestId: ").append(id).append('\n');
        String report =
            String.format(
                Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\t"
                    + "Memory Size: 512 MB\tMax Memory Used: 98 MB%s",
                id,
                handler + 0.5,
                (long) Math.ceil(handler + 0.5),
                i == 0 ? "\tInit Duration: 932.00 ms" : "");
        block.append(report);
        // Padding inside the REPORT line keeps every block the same size.
        block.append(" ".repeat(BLOCK - 1 - block.length())).append('\n');
        writer.append(block);
        written += block.length();
      }
    }
    return written;
  }
}
