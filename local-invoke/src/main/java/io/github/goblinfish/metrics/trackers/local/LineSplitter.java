package io.github.goblinfish.metrics.trackers.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the runtime's stdout/stderr into log events as Lambda does: one event per line, a line
 * longer than one CloudWatch event continuing in the next ones. It holds at most one event's worth
 * of pending bytes, so each byte is copied a bounded number of times however long the line is.
 *
 * <p>Not thread-safe: one reader thread feeds it.
 */
final class LineSplitter {
  private final int maxEvent;
  private final byte[] pending;
  private int size;

  LineSplitter() {
    this(Utf8Chunks.MAX_EVENT_BYTES);
  }

  LineSplitter(int maxEvent) {
    this.maxEvent = maxEvent;
    this.pending = new byte[maxEvent];
  }

  /** The complete events in {@code buf[0..n)} joined to what was pending; empty lines included. */
  List<byte[]> append(byte[] buf, int n) {
    List<byte[]> events = new ArrayList<>();
    int i = 0;
    while (i < n) {
      int newline = indexOfNewline(buf, i, n);
      int stop = newline < 0 ? n : newline;
      while (i < stop) {
        int take = Math.min(maxEvent - size, stop - i);
        System.arraycopy(buf, i, pending, size, take);
        size += take;
        i += take;
        if (size == maxEvent) {
          // A full buffer ends where a UTF-8 sequence may continue in the next read.
          events.add(takeFirst(Utf8Chunks.completeLength(pending, size)));
        }
      }
      if (newline >= 0) {
        events.add(takeFirst(size));
        i = newline + 1;
      }
    }
    return events;
  }

  /** What is left of an unfinished last line, or {@code null}. */
  byte[] takeRest() {
    return size == 0 ? null : takeFirst(size);
  }

  /** Bytes held back: never more than one event. */
  int pendingBytes() {
    return size;
  }

  private byte[] takeFirst(int length) {
    byte[] event = Arrays.copyOf(pending, length);
    System.arraycopy(pending, length, pending, 0, size - length);
    size -= length;
    return event;
  }

  private static int indexOfNewline(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
