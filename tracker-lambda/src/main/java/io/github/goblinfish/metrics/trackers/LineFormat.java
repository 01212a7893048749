package io.github.goblinfish.metrics.trackers;

/**
 * How a run's {@link RunRecord} becomes its one line. Implement it to write any format; the tracker
 * keeps its guarantees for every format (see {@link LineLimit}).
 *
 * <pre>{@code
 * LineFormat keyValue = record -> {
 *   StringBuilder line = new StringBuilder("process=").append(record.processName());
 *   record.latenciesMillis().forEach((name, ms) -> line.append(' ').append(name).append('=').append(ms));
 *   record.identifiers().forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
 *   return line.toString();
 * };
 * ProcessTracker tracker = ProcessTracker.builder().format(keyValue).build();
 * }</pre>
 *
 * <p>Whatever a format returns, the tracker writes ONE log event per run: a raw line break (CR or
 * LF) in the returned text becomes a space, a lone surrogate becomes U+FFFD, and a line over {@link
 * LineLimit#MAX_LINE_BYTES} is rendered again from a record cut to fit ({@link
 * LineLimit#fit(RunRecord, int)}), and as a last resort cut to that many bytes. A format that
 * throws or returns null is reported on standard error and the run's line is written in the {@link
 * #json() default format} instead, with a warning that names the failure.
 *
 * <p>Implementations must be thread-safe: one instance renders the lines of concurrent runs. The
 * formats this library provides are immutable.
 */
@FunctionalInterface
public interface LineFormat {

  /**
   * Renders one run's record as its line.
   *
   * @param record the run's record
   * @return the line, without a trailing line break
   */
  String render(RunRecord record);

  /**
   * The default format: {@code {"latencies":{...},"metrics":{...},<identifiers>}}, described in
   * {@link ProcessTracker}.
   *
   * <pre>{@code
   * ProcessTracker tracker = ProcessTracker.builder().format(LineFormat.json()).build();
   * }</pre>
   *
   * @return the shared default format
   */
  static LineFormat json() {
    return JsonLineFormat.INSTANCE;
  }

  /**
   * Starts a CloudWatch Embedded Metric Format line: the default line plus the {@code _aws}
   * metadata and root members from which CloudWatch creates metrics; see {@link EmfLineFormat}.
   *
   * <pre>{@code
   * ProcessTracker tracker = ProcessTracker.builder()
   *     .format(LineFormat.emf().namespace("orders").build())
   *     .build();
   * }</pre>
   *
   * @return a new builder with the EMF defaults
   */
  static EmfLineFormat.Builder emf() {
    return EmfLineFormat.builder();
  }
}
