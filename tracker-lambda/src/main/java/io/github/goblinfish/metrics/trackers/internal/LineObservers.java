package io.github.goblinfish.metrics.trackers.internal;

import java.util.Arrays;

/**
 * The process-wide registry of {@link LineObserver}s. Registrations copy the array, so that writing
 * a line reads it once and walks it without a lock.
 *
 * <pre>{@code
 * LineObserver[] observers = LineObservers.current(); // once per line, before its output
 * }</pre>
 *
 * <p>Not API: see the {@linkplain io.github.goblinfish.metrics.trackers.internal package}.
 * Thread-safe.
 */
public final class LineObservers {
  private static final LineObserver[] NONE = new LineObserver[0];
  private static final Object LOCK = new Object();
  private static volatile LineObserver[] observers = NONE;

  private LineObservers() {}

  /**
   * The observers registered now, for the caller to read only.
   *
   * @return the observers; an empty array when there are none
   */
  public static LineObserver[] current() {
    return observers;
  }

  static LineObserver.Registration register(LineObserver observer) {
    // A wrapper of its own per registration: the same observer registered twice is two entries.
    Entry entry = new Entry(observer);
    synchronized (LOCK) {
      LineObserver[] grown = Arrays.copyOf(observers, observers.length + 1);
      grown[grown.length - 1] = entry;
      observers = grown;
    }
    return entry::remove;
  }

  private static final class Entry implements LineObserver {
    private final LineObserver observer;

    Entry(LineObserver observer) {
      this.observer = observer;
    }

    @Override
    public void lineWritten(String line) {
      observer.lineWritten(line);
    }

    void remove() {
      synchronized (LOCK) {
        LineObserver[] current = observers;
        for (int i = 0; i < current.length; i++) {
          if (current[i] == this) {
            LineObserver[] shrunk = new LineObserver[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, i);
            System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
            observers = shrunk.length == 0 ? NONE : shrunk;
            return;
          }
        }
      }
    }
  }
}
