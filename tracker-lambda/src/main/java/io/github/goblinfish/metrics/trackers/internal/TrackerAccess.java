package io.github.goblinfish.metrics.trackers.internal;

import io.github.goblinfish.metrics.trackers.ProcessTracker;

/**
 * Reaches the package-private members of {@link ProcessTracker} that the {@code lambda} package
 * needs: the timeout watch writes a run's line before the run ends.
 *
 * <pre>{@code
 * ProcessTracker run = ProcessTracker.current(); // captured on the run's thread
 * TrackerAccess.writeLineNow(run, "timed_out", "about to time out"); // from the watch's thread
 * }</pre>
 *
 * <p>Not API: see the {@linkplain io.github.goblinfish.metrics.trackers.internal package}.
 * Thread-safe.
 */
public abstract class TrackerAccess {
  // A constant, not built with +: the first string concatenation of a JVM bootstraps its classes
  // for tens of milliseconds, and the timeout watch may be the first to get here.
  private static final String IMPLEMENTATION =
      "io.github.goblinfish.metrics.trackers.ProcessTracker$InternalAccess";

  private static volatile TrackerAccess installed;

  /** For {@link ProcessTracker}'s own implementation only. */
  protected TrackerAccess() {}

  /**
   * Installs {@link ProcessTracker}'s implementation; its initialisation calls this, once.
   *
   * @param access the implementation
   * @throws IllegalStateException if one is installed already
   */
  public static synchronized void install(TrackerAccess access) {
    if (installed != null) {
      throw new IllegalStateException("installed already");
    }
    installed = access;
  }

  /**
   * Writes the line of {@code tracker}'s run now, from any thread, while the run's code may still
   * be going on. The line has {@code metricName} set to 1 and {@code warning} among its warnings;
   * timers still open are measured until now and named in warnings. The run then records nothing
   * more and writes no second line when its code ends.
   *
   * @param tracker the tracker of the run, as {@link ProcessTracker#current()} returned it on the
   *     run's thread
   * @param metricName the metric set to 1 in this line
   * @param warning a warning that says why the line was written early
   * @return true if this call wrote the line; false outside any run or if it was already written
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code metricName} is blank
   */
  public static boolean writeLineNow(ProcessTracker tracker, String metricName, String warning) {
    return instance().writeLineNowOf(tracker, metricName, warning);
  }

  /**
   * {@link #writeLineNow(ProcessTracker, String, String)}, implemented.
   *
   * @param tracker the tracker of the run
   * @param metricName the metric set to 1 in this line
   * @param warning a warning that says why the line was written early
   * @return true if this call wrote the line
   */
  protected abstract boolean writeLineNowOf(
      ProcessTracker tracker, String metricName, String warning);

  private static TrackerAccess instance() {
    TrackerAccess access = installed;
    if (access == null) {
      initialise(IMPLEMENTATION);
      access = installed;
    }
    return access;
  }

  /** Initialises the implementation, a nested class of the type it reaches: it installs itself. */
  private static void initialise(String implementation) {
    try {
      Class.forName(implementation, true, TrackerAccess.class.getClassLoader());
    } catch (ClassNotFoundException broken) {
      throw new IllegalStateException("the library lacks " + implementation, broken);
    }
  }
}
