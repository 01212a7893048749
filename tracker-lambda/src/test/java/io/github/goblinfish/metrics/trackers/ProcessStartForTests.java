package io.github.goblinfish.metrics.trackers;

import io.github.goblinfish.metrics.trackers.internal.InitClock;

/** Makes the JVM look freshly started to the library, for tests of the process's first line. */
public final class ProcessStartForTests {
  private ProcessStartForTests() {}

  /**
   * Forgets the init steps and the moments of the start; {@code marking} says whether handlers mark
   * their construction, as they do under a Lambda runtime.
   */
  public static void reset(boolean marking) {
    InitSteps.reset();
    InitClock.reset(marking);
  }
}
