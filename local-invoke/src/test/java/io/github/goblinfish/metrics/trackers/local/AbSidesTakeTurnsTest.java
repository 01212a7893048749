package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The alternation of {@code ./invoke ab} without runtimes: two fake sides, each on its own thread
 * as each side's engine is, run their invocations in ABBA order, one at a time, and a side that
 * leaves never leaves the other waiting.
 */
class AbSidesTakeTurnsTest {
  /** How long a side may take before the test calls it a hang (never reached when it works). */
  private static final long HANG_SECONDS = 60;

  /** A side that runs {@code n} invocations, each on its turn, then leaves. */
  private static final class FakeSide extends Thread {
    private final Turns turns;
    private final int side;
    private final int n;
    private final List<String> ran;
    private final AtomicInteger inFlight;
    private final AtomicInteger mostInFlight;

    FakeSide(
        Turns turns,
        int side,
        int n,
        List<String> ran,
        AtomicInteger inFlight,
        AtomicInteger mostInFlight) {
      this.turns = turns;
      this.side = side;
      this.n = n;
      this.ran = ran;
      this.inFlight = inFlight;
      this.mostInFlight = mostInFlight;
    }

    @Override
    public void run() {
      try {
        for (int i = 1; i <= n; i++) {
          turns.awaitTurnOf(side);
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          ran.add((side == Turns.A ? "A" : "B") + i);
          // Give the other side every chance to start while this invocation is in flight.
          Thread.sleep(2);
          inFlight.decrementAndGet();
          turns.ended(side);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        turns.leave(side);
      }
    }
  }

  @Test
  void pairsAlternateWhichSideGoesFirst() {
    List<String> order = new ArrayList<>();
    for (int turn = 0; turn < 8; turn++) {
      order.add(Turns.sideOf(turn) == Turns.A ? "A" : "B");
    }
    assertEquals(List.of("A", "B", "B", "A", "A", "B", "B", "A"), order);
  }

  @Test
  void twoSidesOnTheirOwnThreadsRunOneInvocationAtATimeInAbbaOrder() throws Exception {
    Turns turns = Turns.abba();
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // B starts first: it still waits for A's first invocation.
    FakeSide b = new FakeSide(turns, Turns.B, 5, ran, inFlight, most);
    FakeSide a = new FakeSide(turns, Turns.A, 5, ran, inFlight, most);
    b.start();
    a.start();
    a.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
    b.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
    assertFalse(a.isAlive() || b.isAlive(), "a side hangs: " + ran);
    assertEquals(List.of("A1", "B1", "B2", "A2", "A3", "B3", "B4", "A4", "A5", "B5"), ran);
    assertEquals(1, most.get(), "invocations in flight at once");
  }

  @Test
  void aSideThatLeavesEarlyLetsTheOtherRunAllOfItsInvocations() throws Exception {
    Turns turns = Turns.abba();
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // A's runtime could not start: its run ends after one invocation and it leaves.
    FakeSide a = new FakeSide(turns, Turns.A, 1, ran, inFlight, most);
    FakeSide b = new FakeSide(turns, Turns.B, 4, ran, inFlight, most);
    a.start();
    b.start();
    a.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
    b.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
    assertFalse(a.isAlive() || b.isAlive(), "a side hangs: " + ran);
    assertEquals(List.of("A1", "B1", "B2", "B3", "B4"), ran);
  }

  @Test
  void anInvocationThatEndsOutOfItsTurnDoesNotMoveTheTurn() {
    Turns turns = Turns.abba();
    turns.ended(Turns.B);
    assertTrue(turns.isTurnOf(Turns.A));
    assertFalse(turns.isTurnOf(Turns.B));
    turns.ended(Turns.A);
    assertTrue(turns.isTurnOf(Turns.B));
    assertFalse(turns.isTurnOf(Turns.A));
  }

  @Test
  void aSideThatLeftHasNoMoreTurnsAndAloneItIsAlwaysTheSidesTurn() {
    Turns turns = Turns.abba();
    turns.leave(Turns.A);
    assertFalse(turns.isTurnOf(Turns.A));
    assertTrue(turns.isTurnOf(Turns.B));
    Turns alone = Turns.alone();
    alone.ended(Turns.A);
    assertTrue(alone.isTurnOf(Turns.A));
  }
}
