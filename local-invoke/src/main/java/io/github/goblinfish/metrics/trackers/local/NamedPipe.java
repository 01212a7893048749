package io.github.goblinfish.metrics.trackers.local;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The read end of a named pipe that can tell whether its reader is parked on an empty pipe: named
 * pipes (unlike a Process's streams) answer {@code available()} while a reader is blocked.
 *
 * <p>Thread-safe for one reading thread and any number of threads asking {@link #idle()}.
 */
final class NamedPipe extends InputStream {
  private final Path fifo;
  private volatile FileInputStream in;
  private volatile boolean blocked;
  private volatile boolean eof;
  private volatile long reads;

  NamedPipe(Path fifo) {
    this.fifo = fifo;
  }

  /** Blocks until the writer opens its end. */
  void open() throws IOException {
    in = new FileInputStream(fifo.toFile());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    blocked = true;
    try {
      int n = in.read(b, off, len);
      eof = n < 0;
      return n;
    } finally {
      blocked = false;
      reads++;
    }
  }

  long reads() {
    return reads;
  }

  /** True when nothing is left to read: the pipe is empty and the reader waits on it. */
  boolean idle() {
    FileInputStream stream = in;
    if (eof || stream == null) {
      return true;
    }
    try {
      return blocked && stream.available() == 0;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Releases a reader still waiting in {@link #open()} (the runtime died before opening its end) by
   * briefly being the writer: opening a FIFO read-write never blocks on Linux.
   */
  void unblock(Thread reader) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (reader.isAlive() && in == null && System.nanoTime() < giveUp) {
      RandomAccessFile writer;
      try {
        writer = new RandomAccessFile(fifo.toFile(), "rw");
      } catch (IOException e) {
        return;
      }
      try {
        Thread.sleep(10);
      } finally {
        try {
          writer.close();
        } catch (IOException e) {
          // nothing to do
        }
      }
    }
  }

  @Override
  public void close() {
    eof = true;
    FileInputStream stream = in;
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
