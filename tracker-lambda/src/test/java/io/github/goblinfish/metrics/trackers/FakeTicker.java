package io.github.goblinfish.metrics.trackers;

import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when told, so that latencies are exact. */
public final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  public void advanceMicros(long micros) {
    nanos.addAndGet(micros * 1_000L);
  }

  public void advanceNanos(long delta) {
    nanos.addAndGet(delta);
  }
}
