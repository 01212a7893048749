package io.github.goblinfish.metrics.trackers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.junit.jupiter.api.Test;

/** The process's age comes from /proc in whole ticks of 10 ms, or is not told at all. */
class TheProcessAgeIsReadFromProcTest {
  @Test
  void theAgeIsWholeTicksOfTenMillisecondsWhereProcCanBeRead() {
    long age = InitClock.ageNanos();
    if (new File("/proc/self/stat").canRead() && new File("/proc/uptime").canRead()) {
      assertTrue(age >= 0 && age % 10_000_000L == 0, "age " + age);
    } else {
      assertEquals(InitClock.UNSET, age);
    }
  }

  @Test
  void theStartTimeIsField22CountedAfterTheNameWhateverTheNameHolds() {
    assertEquals(
        22L,
        InitClock.field(
            "1 (a) b (c) R 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24", 22));
  }
}
