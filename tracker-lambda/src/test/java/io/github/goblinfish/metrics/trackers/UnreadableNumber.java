package io.github.goblinfish.metrics.trackers;

/**
 * A number whose value cannot be read: setting it as a metric records null with a warning on the
 * run, which makes it the simplest call that adds a warning. Immutable.
 */
public final class UnreadableNumber extends Number {
  private static final long serialVersionUID = 1L;

  @Override
  public int intValue() {
    throw new IllegalStateException("unreadable");
  }

  @Override
  public long longValue() {
    throw new IllegalStateException("unreadable");
  }

  @Override
  public float floatValue() {
    throw new IllegalStateException("unreadable");
  }

  @Override
  public double doubleValue() {
    throw new IllegalStateException("unreadable");
  }
}
