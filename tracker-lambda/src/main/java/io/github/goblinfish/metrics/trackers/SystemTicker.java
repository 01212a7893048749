package io.github.goblinfish.metrics.trackers;

/**
 * {@link Ticker#system()}: {@link System#nanoTime()}. A class rather than {@code System::nanoTime}:
 * a method reference costs a class generated at run time, on the cold start's path.
 */
final class SystemTicker implements Ticker {
  static final SystemTicker INSTANCE = new SystemTicker();

  private SystemTicker() {}

  @Override
  public long read() {
    return System.nanoTime();
  }
}
