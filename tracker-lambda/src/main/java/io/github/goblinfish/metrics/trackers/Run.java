package io.github.goblinfish.metrics.trackers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of one run while it goes on: its timers, latencies, metrics, identifiers and warnings,
 * all guarded by this object's lock. {@link #end(Throwable)} or {@link #snapshot()} turn it into an
 * immutable {@link RunRecord}; nothing here renders or writes.
 */
final class Run implements Values.Problems {
  /** What a failed ticker reading becomes; such a span is not recorded. */
  static final long NO_READING = Long.MIN_VALUE;

  /**
   * The tracker whose run this is. Recording knows nothing of trackers: the tracker finds its runs
   * by this key, compared by identity only.
   */
  final Object owner;

  /** The run that was current where this one started: calls on its owner find it through here. */
  final Run enclosing;

  final String processName;
  private final Ticker ticker;

  private final LatencyTable latencies = new LatencyTable();
  private final ValueTable metrics = new ValueTable();
  private final ValueTable identifiers = new ValueTable();
  private List<String> warnings;
  private int omittedWarnings;
  private Timer openTimers;
  private boolean ended;
  private boolean tickerThrew;
  private boolean tickerWentBack;
  private boolean saturated;

  /** The tracker tied to this run, made by its owner when first asked for; null until then. */
  private Object view;

  // The entry's untracked time: its span minus the union of the steps' intervals (every other
  // timer, nested, overlapping or on other threads), kept in O(1) per timer with no allocation. The
  // entry is the run's first timer, the process's. While no step is open, covered holds the time
  // covered so far; while some are, it holds that time minus the start of the stretch they cover,
  // and the stretch's end is added when the last one closes. Once the entry ends,
  // covered holds the untracked time, or UNKNOWN. Differences of ticker readings wrap like the
  // readings themselves, so only the final figure is clamped. The entry, started first, is the
  // oldest open timer for as long as it is open, and openSteps is COVERAGE_DONE once it ended:
  // neither the entry nor that flag is a field of its own, because a Run is made per invocation and
  // they would take it from 72 to 80 bytes.
  private int openSteps;
  private long covered;

  private static final int COVERAGE_DONE = -1;

  Run(Object owner, Run enclosing, String processName, Ticker ticker) {
    this(owner, enclosing, processName, ticker, true);
  }

  /**
   * With {@code untracked} false, the run keeps no coverage and its record has no untracked time.
   */
  Run(Object owner, Run enclosing, String processName, Ticker ticker, boolean untracked) {
    this.owner = owner;
    this.enclosing = enclosing;
    this.processName = processName;
    this.ticker = ticker;
    if (!untracked) {
      openSteps = COVERAGE_DONE;
      covered = UNKNOWN;
    }
  }

  /** The tracker that records into this run from any thread, or null before its owner made it. */
  Object view() {
    return view;
  }

  /**
   * Keeps the tracker that records into this run. Racy but safe: the tracker's fields are final,
   * and any copy serves equally.
   */
  void keepView(Object tracker) {
    view = tracker;
  }

  synchronized boolean isRecording() {
    return !ended;
  }

  // --- timers ------------------------------------------------------------------------------------

  Timer startTimer(String name) {
    long start = read();
    synchronized (this) {
      if (ended) {
        return Timer.stopped(name);
      }
      // The run's first timer is its entry; every later one is a step.
      boolean step = openTimers != null;
      // The name takes its place in the table now: latencies keep the order first started.
      latencies.positionFor(name);
      openTimers = new Timer(this, name, start).linkBefore(openTimers);
      if (step && openSteps != COVERAGE_DONE && start != NO_READING && openSteps++ == 0) {
        covered -= start;
      }
      return openTimers;
    }
  }

  void stop(Timer timer) {
    long end = read();
    synchronized (this) {
      if (timer.isClosed()) {
        return;
      }
      boolean entry = timer.older() == null;
      openTimers = timer.unlinkFrom(openTimers);
      if (!ended) {
        record(timer, end);
        if (openSteps != COVERAGE_DONE) {
          cover(timer, entry ? timer : null, end);
        }
      }
    }
  }

  private void record(Timer timer, long end) {
    if (timer.startNanos == NO_READING || end == NO_READING) {
      return;
    }
    long span = end - timer.startNanos;
    // Overflow when the operands' signs differ and the result's sign is the subtrahend's.
    if (((end ^ timer.startNanos) & (end ^ span)) < 0) {
      span = end > timer.startNanos ? Long.MAX_VALUE : -1L;
    }
    if (span < 0) {
      if (!tickerWentBack) {
        tickerWentBack = true;
        warn("the ticker went backwards while timing '" + timer.name + "'; recorded as 0");
      }
      span = 0;
    }
    // The timer's name took its place when the timer started, and names are never taken out.
    if (!latencies.add(latencies.positionOf(timer.name), span, 1) && !saturated) {
      saturated = true;
      warn(
          "latency '"
              + timer.name
              + "' reached the largest figure a long holds in nanoseconds; written as that");
    }
  }

  /** An untracked time that cannot be told: a reading failed, or the figure is turned off. */
  private static final long UNKNOWN = -1L;

  /**
   * Counts a closed timer into the union of the steps' intervals, under the lock; {@code entry} is
   * the timer when it is the entry, else null.
   */
  private void cover(Timer timer, Timer entry, long end) {
    if (entry != null) {
      covered = untracked(entry, end);
      openSteps = COVERAGE_DONE;
    } else if (timer.startNanos == NO_READING) {
      return; // never counted as open
    } else if (end == NO_READING) {
      // The stretch this step closes has no end: the untracked time cannot be told.
      covered = UNKNOWN;
      openSteps = COVERAGE_DONE;
    } else if (--openSteps == 0) {
      covered += end;
    }
  }

  /** The entry's untracked time if the entry ended at {@code end}; under the lock. */
  private long untrackedAt(long end) {
    if (openSteps == COVERAGE_DONE) {
      return covered;
    }
    Timer entry = openTimers;
    while (entry != null && entry.older() != null) {
      entry = entry.older();
    }
    return untracked(entry, end);
  }

  /** The untracked time of {@code entry}, open or just closed, if it ended at {@code end}. */
  private long untracked(Timer entry, long end) {
    if (entry == null || tickerThrew) {
      return UNKNOWN;
    }
    return untracked(entry.startNanos, end, covered, openSteps > 0);
  }

  /**
   * The span from {@code entryStart} to {@code end} minus {@code covered} (plus {@code end} while a
   * stretch is open), clamped to that span: never negative, never more than the entry.
   */
  static long untracked(long entryStart, long end, long covered, boolean stretchOpen) {
    long span = end - entryStart;
    if (((end ^ entryStart) & (end ^ span)) < 0) {
      // Readings too far apart for a long: the entry saturates, and so does what it leaves out.
      return end > entryStart ? Long.MAX_VALUE : 0;
    }
    if (span <= 0) {
      return 0; // the ticker went back: the entry is recorded as 0
    }
    long union = stretchOpen ? covered + end : covered;
    return union <= 0 ? span : union >= span ? 0 : span - union;
  }

  /** A reading of the ticker; a ticker that throws costs that span, never the caller's code. */
  private long read() {
    try {
      return ticker.read();
    } catch (Throwable failure) {
      synchronized (this) {
        if (!tickerThrew) {
          tickerThrew = true;
          warn(
              "the ticker threw "
                  + Faults.describe(failure)
                  + "; spans it could not time are left out");
        }
      }
      return NO_READING;
    }
  }

  // --- values ------------------------------------------------------------------------------------

  synchronized void putMetric(String name, Object value) {
    if (!ended) {
      metrics.put(name, value);
    }
  }

  synchronized void increment(String name, long delta) {
    if (ended) {
      return;
    }
    Object before = metrics.get(name);
    if (before instanceof String) {
      throw new IllegalStateException(
          "metric '" + name + "' holds text, so it cannot be incremented");
    }
    metrics.put(name, add(before, delta));
  }

  synchronized void putIdentifier(String name, Object value) {
    if (!ended) {
      identifiers.put(name, value);
    }
  }

  synchronized void recordFailure(Throwable failure) {
    if (!ended) {
      metrics.put(RunRecord.FAILED_METRIC, 1L);
      metrics.put(RunRecord.EXCEPTION_TYPE_METRIC, failure.getClass().getName());
    }
  }

  /**
   * Adds a warning while the run records; once its line is written a warning goes nowhere, like
   * every other late call: the record a format was given never changes.
   */
  @Override
  public synchronized void warn(String warning) {
    if (ended) {
      return;
    }
    if (warnings == null) {
      warnings = new ArrayList<>(2);
    }
    if (warnings.size() < RunRecord.MAX_WARNINGS) {
      warnings.add(warning);
    } else {
      omittedWarnings++;
    }
  }

  // --- records -----------------------------------------------------------------------------------

  /**
   * Ends the run and returns its record, or null when it had already ended: whoever ends a run
   * first writes its one line. Timers still open are measured until now and named in a warning.
   */
  RunRecord end() {
    long now = read();
    synchronized (this) {
      if (ended) {
        return null;
      }
      long untracked = untrackedAt(now);
      closeOpenTimers(now);
      ended = true;
      // The tables are never written again: the record shares their arrays instead of copying.
      return record(true, untracked);
    }
  }

  /**
   * Ends the run now, while its code may still be going on, and returns its record with {@code
   * metric} set to 1 and {@code warning} added; null when the run had already ended. Timers still
   * open are measured until now and named in warnings; whatever the code records afterwards is
   * ignored, and the run writes no second line.
   */
  RunRecord endEarly(String metric, String warning) {
    long now = read();
    synchronized (this) {
      if (ended) {
        return null;
      }
      metrics.put(metric, 1L);
      warn(warning);
      long untracked = untrackedAt(now);
      closeOpenTimers(now);
      ended = true;
      return record(true, untracked);
    }
  }

  /** A consistent record of the run as it is now, leaving the run going on. */
  RunRecord snapshot() {
    long now = read();
    synchronized (this) {
      if (ended) {
        return null;
      }
      // Open timers are measured into the tables, then the tables are put back as they were.
      LatencyTable savedLatencies = latencies.copy();
      List<String> savedWarnings = warnings == null ? null : new ArrayList<>(warnings);
      int savedOmitted = omittedWarnings;
      boolean savedWentBack = tickerWentBack;
      boolean savedSaturated = saturated;
      long untracked = untrackedAt(now);
      measureOpenTimers(now, false);
      RunRecord record = record(false, untracked);
      latencies.restoreFigures(savedLatencies);
      warnings = savedWarnings;
      omittedWarnings = savedOmitted;
      tickerWentBack = savedWentBack;
      saturated = savedSaturated;
      return record;
    }
  }

  private void closeOpenTimers(long now) {
    measureOpenTimers(now, true);
    openTimers = null;
  }

  /**
   * Measures every open timer until {@code now} and names it in a warning, oldest first so that the
   * warnings read in the order the timers were started; {@code close} also closes them.
   */
  private void measureOpenTimers(long now, boolean close) {
    if (openTimers == null) {
      return;
    }
    // Timers left open are a fault: only then is this list made.
    List<Timer> newestFirst = new ArrayList<>();
    for (Timer timer = openTimers; timer != null; timer = timer.older()) {
      newestFirst.add(timer);
    }
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      Timer timer = newestFirst.get(i);
      record(timer, now);
      if (close) {
        timer.markClosed();
      }
      // Not +: a line written early by the timeout watch may be the JVM's first string
      // concatenation, whose bootstrap takes tens of milliseconds the margin would have to cover.
      warn(
          "timer '"
              .concat(timer.name)
              .concat("' was still open when the line was written; measured until then"));
    }
  }

  private RunRecord record(boolean finished, long untracked) {
    LatencyTable measured = latencies;
    boolean unmeasured = false;
    for (int i = 0; i < latencies.size; i++) {
      unmeasured |= latencies.counts[i] == 0;
    }
    if (unmeasured) {
      // A name whose every span failed to be read has no figure to write.
      measured = new LatencyTable();
      for (int i = 0; i < latencies.size; i++) {
        if (latencies.counts[i] > 0) {
          measured.add(
              measured.positionFor(latencies.names[i]),
              latencies.totalNanos[i],
              latencies.counts[i]);
        }
      }
    } else if (!finished) {
      measured = latencies.copy();
    }
    // A copy even for an ended run: the record is rendered outside this lock (on the timeout
    // watch's thread while the handler still runs), so it must share nothing that can grow.
    List<String> kept = warnings == null ? List.of() : List.copyOf(warnings);
    // An ended run's tables are never written again: its record shares them instead of copying.
    return new RunRecord(
        processName,
        measured,
        finished ? metrics : metrics.copy(),
        finished ? identifiers : identifiers.copy(),
        kept,
        omittedWarnings,
        finished,
        untracked < 0 ? RunRecord.NO_FIGURE : untracked,
        null,
        null);
  }

  @Override
  public synchronized String toString() {
    return processName + ", " + (!ended ? "running" : "written");
  }

  private static Object add(Object before, long delta) {
    if (before == null) {
      return delta;
    }
    if (before instanceof Long) {
      long sum = (Long) before + delta;
      // Overflow only when both operands have the same sign and the sum has the other.
      if ((((Long) before ^ sum) & (delta ^ sum)) < 0) {
        return BigInteger.valueOf((Long) before).add(BigInteger.valueOf(delta));
      }
      return sum;
    }
    if (before instanceof BigInteger) {
      return ((BigInteger) before).add(BigInteger.valueOf(delta));
    }
    if (before instanceof BigDecimal) {
      return ((BigDecimal) before).add(BigDecimal.valueOf(delta));
    }
    return ((Number) before).doubleValue() + delta;
  }
}
