package io.github.goblinfish.metrics.trackers.local;

/**
 * Whose turn it is when the two sides of an A/B run take turns ({@code ./invoke ab}): their
 * invocations alternate pair by pair in ABBA order (A1 B1, B2 A2, A3 B3, ...), so that neither side
 * always goes first and both see the same load, with one invocation in flight at a time. A side's
 * turn ends when its invocation ends, however it ends; a side that leaves (its run is over, or
 * broke) gives up its turns, and the other side goes on alone rather than wait forever.
 *
 * <p>Its monitor is also the lock of both sides' {@link Scheduler}s, so that a scheduler waiting to
 * hand out an event wakes as soon as the turn passes to it. {@link #alone()} serves a scheduler
 * without another side: it is always that side's turn.
 *
 * <pre>{@code
 * Turns turns = Turns.abba();
 * turns.awaitTurnOf(Turns.B); // returns after A's first invocation has ended
 * // ... B's invocation runs ...
 * turns.ended(Turns.B); // B's second one goes next
 * }</pre>
 *
 * <p>Thread-safe: every method holds the object's monitor.
 */
final class Turns {
  static final int A = 0;
  static final int B = 1;

  private final boolean alone;
  private final boolean[] left = new boolean[2];
  private int ended;

  private Turns(boolean alone) {
    this.alone = alone;
  }

  /** Two sides taking turns in ABBA order, A first. */
  static Turns abba() {
    return new Turns(false);
  }

  /** One side with no other: always its turn. */
  static Turns alone() {
    return new Turns(true);
  }

  /**
   * @param turn a turn, counted from 0
   * @return the side whose turn it is: pairs alternate which side goes first
   */
  static int sideOf(int turn) {
    int first = (turn / 2) % 2 == 0 ? A : B;
    return turn % 2 == 0 ? first : other(first);
  }

  private static int other(int side) {
    return 1 - side;
  }

  /**
   * @param side {@link #A} or {@link #B}
   * @return true when that side may start an invocation now
   */
  synchronized boolean isTurnOf(int side) {
    return alone || (!left[side] && (left[other(side)] || sideOf(ended) == side));
  }

  /**
   * An invocation of {@code side} ended (completed, failed or timed out): the turn passes on. An
   * invocation that ended out of its turn does not move it.
   */
  synchronized void ended(int side) {
    if (!alone && isTurnOf(side)) {
      ended++;
      notifyAll();
    }
  }

  /** {@code side} takes no more turns; the other side goes on alone. */
  synchronized void leave(int side) {
    left[side] = true;
    notifyAll();
  }

  /**
   * Waits, without polling, until it is {@code side}'s turn.
   *
   * @throws InterruptedException if interrupted meanwhile
   */
  synchronized void awaitTurnOf(int side) throws InterruptedException {
    while (!isTurnOf(side)) {
      wait();
    }
  }
}
