package io.github.goblinfish.metrics.trackers;

/**
 * How a {@link ProcessTracker}'s record becomes its one line.
 *
 * <pre>{@code
 * ProcessTracker tracker = ProcessTracker.builder().format(LineFormat.json()).build();
 * }</pre>
 *
 * <p>Formats are immutable and thread-safe; one instance serves every tracker.
 */
public abstract class LineFormat {

  LineFormat() {}

  /**
   * The default format: {@code {"latencies":{...},"metrics":{...},<identifiers>}}, described in
   * {@link ProcessTracker}.
   *
   * @return the shared default format
   */
  public static LineFormat json() {
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
  public static EmfLineFormat.Builder emf() {
    return EmfLineFormat.builder();
  }

  /**
   * Renders the tracker's record; called once, with the tracker's lock held.
   *
   * @param tracker the finished record
   * @return the line, at most {@link ProcessTracker#MAX_LINE_BYTES} bytes of UTF-8
   */
  abstract String render(ProcessTracker tracker);
}
