package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.InitClock;
import java.util.List;

/**
 * What the process recorded before its first line, taken by that line: the steps timed with {@link
 * ProcessTracker#initTimer(String)}, on any thread, and the parts of the start that {@link
 * InitClock} measured. Once per process, by whichever run ends first (its line written at the end
 * of its invocation or, for one about to time out, by the timeout watch): the one that takes it
 * writes it, no other line has it. An init timer still open then is measured until that moment and
 * named in the line's warnings; one started afterwards records nothing.
 *
 * <p>An instance is what one line took. Thread-safe: the process-wide state is guarded by this
 * class's lock, and the steps by their own run's.
 */
final class InitSteps {
  private static final String INIT_RUN = "init";

  /** The steps' own run; null until the first init step, and again once a line took it. */
  private static Run initRun;

  /**
   * The steps a line took: an environment restored from a SnapStart snapshot taken after that line
   * is a new one, whose first line carries them again, with its own restore steps.
   */
  private static LatencyTable takenSteps;

  final LatencyTable parts;
  final LatencyTable steps;
  final List<String> warnings;

  private InitSteps(LatencyTable parts, LatencyTable steps, List<String> warnings) {
    this.parts = parts;
    this.steps = steps;
    this.warnings = warnings;
  }

  /** A timer of an init step, or one that records nothing once the first line took the steps. */
  static Timer timer(String name) {
    Run run;
    synchronized (InitSteps.class) {
      if (InitClock.firstLineWritten()) {
        return Timer.stopped(name);
      }
      if (initRun == null) {
        InitClock.libraryStarted(System.nanoTime());
        initRun = new Run(null, null, INIT_RUN, Ticker.system(), false);
      }
      run = initRun;
    }
    return run.startTimer(name);
  }

  /**
   * The record of a run that just ended, as its line writes it: the process's first line gets what
   * was recorded at init (once per process, whichever run ends first); every other comes back as it
   * is. Called only by whoever ended the run, which happens once per run.
   */
  static RunRecord forLine(RunRecord ended) {
    if (InitClock.firstLineWritten()) {
      return ended;
    }
    InitSteps init = take();
    return init == null ? ended : ended.withInit(init.parts, init.steps, init.warnings);
  }

  private static synchronized InitSteps take() {
    // Exactly one caller in the process (per SnapStart restore) gets past this.
    if (!InitClock.takeFirstLine()) {
      return null;
    }
    RunRecord timed = initRun == null ? null : initRun.end();
    initRun = null;
    LatencyTable steps = takenSteps;
    if (timed != null && timed.latencies.size > 0) {
      steps = steps == null ? timed.latencies : withSteps(steps, timed.latencies);
    }
    takenSteps = steps;
    LatencyTable parts = new LatencyTable();
    long[] measured = InitClock.parts();
    for (int i = 0; i < measured.length; i++) {
      if (measured[i] != InitClock.UNSET) {
        parts.add(parts.positionFor(InitClock.PART_NAMES[i]), measured[i], 1);
      }
    }
    if (steps == null && parts.size == 0) {
      return null;
    }
    return new InitSteps(
        parts.size == 0 ? null : parts, steps, timed == null ? List.of() : timed.warnings);
  }

  /** The steps taken before and those timed since, added up by name. */
  private static LatencyTable withSteps(LatencyTable before, LatencyTable since) {
    LatencyTable all = before.copy();
    for (int i = 0; i < since.size; i++) {
      all.add(all.positionFor(since.names[i]), since.totalNanos[i], since.counts[i]);
    }
    return all;
  }

  /** Forgets every init step; with {@link InitClock#reset}, for tests only. */
  static synchronized void reset() {
    initRun = null;
    takenSteps = null;
  }
}
