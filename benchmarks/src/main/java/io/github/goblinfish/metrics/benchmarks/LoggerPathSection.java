package io.github.goblinfish.metrics.benchmarks;

import java.util.Map;

/** The report's section on writing the line through the LambdaLogger instead of a consumer. */
final class LoggerPathSection {
  private LoggerPathSection() {}

  /**
   * Appends the section, when {@link LoggerPathBenchmark} ran.
   *
   * @param md the report
   * @param results the benchmark's results by method
   * @param lineLength the typical line's length in characters
   */
  static void append(StringBuilder md, Map<String, Report.Result> results, int lineLength) {
    if (results.isEmpty()) {
      return;
    }
    md.append("## Through the LambdaLogger (typical invocation)\n\n");
    md.append(
            "The rows above hand the line to a configured `Consumer<String>`. A deployed function ")
        .append("configures no output: the line goes to the invocation's `LambdaLogger` as ")
        .append(
            "`log(byte[])` of the line and a newline in UTF-8. Here the context's logger hands ")
        .append("those bytes to the blackhole (`LoggerPathBenchmark`, the same handler and clock ")
        .append("otherwise). The typical default line is ")
        .append(lineLength)
        .append(" characters, so its byte array alone is about ")
        .append(Report.bytes(align(16 + lineLength + 1)))
        .append(", and the `line + \"\\n\"` string it is encoded from as much again.\n\n");
    md.append(
            "| line | output | time / invocation | best iteration | bytes allocated / invocation ")
        .append("| Δ time vs Consumer | Δ bytes vs Consumer |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    row(md, "default", "`Consumer<String>`", results.get("consumer"), null);
    row(
        md,
        "default",
        "`LambdaLogger.log(byte[])`",
        results.get("lambdaLogger"),
        results.get("consumer"));
    row(md, "EMF", "`Consumer<String>`", results.get("emfConsumer"), null);
    row(
        md,
        "EMF",
        "`LambdaLogger.log(byte[])`",
        results.get("emfLambdaLogger"),
        results.get("emfConsumer"));
    md.append('\n');
  }

  private static void row(
      StringBuilder md, String line, String output, Report.Result result, Report.Result consumer) {
    if (result == null) {
      return;
    }
    md.append("| ")
        .append(line)
        .append(" | ")
        .append(output)
        .append(" | ")
        .append(Report.time(result.ns))
        .append(" ± ")
        .append(Report.time(result.nsError))
        .append(" | ")
        .append(Report.time(result.nsBest))
        .append(" | ")
        .append(Report.bytes(result.bytes))
        .append(" | ");
    if (consumer != null) {
      md.append(signed(Report.time(Math.abs(result.ns - consumer.ns)), result.ns - consumer.ns))
          .append(" | ")
          .append(
              signed(
                  Report.bytes(Math.abs(result.bytes - consumer.bytes)),
                  result.bytes - consumer.bytes));
    } else {
      md.append(" | ");
    }
    md.append(" |\n");
  }

  private static String signed(String magnitude, double difference) {
    return (difference < 0 ? "−" : "+") + magnitude;
  }

  /** An array's size on a 64-bit JVM with compressed pointers: 16 B header, 8 B alignment. */
  private static long align(long bytes) {
    return (bytes + 7) / 8 * 8;
  }
}
