package io.github.goblinfish.metrics.trackers;

import java.io.Writer;
import java.util.Arrays;

/**
 * Where a line is written: Gson's {@code JsonWriter} writes to it, and the line's millisecond
 * figures are appended straight into it. It takes no lock per call and never buffers, so what the
 * JSON writer wrote is always there when a figure is appended after it.
 */
abstract class LineWriter extends Writer {

  /**
   * Appends a figure of nanoseconds as milliseconds with exactly three decimals, rounded half up.
   */
  abstract void appendMillis(long nanos);

  /** Whether what was written takes at most {@code maxBytes} bytes of UTF-8. */
  abstract boolean fits(int maxBytes);

  /** Forgets what was written, keeping the memory for the next line. */
  abstract void reset();

  /** How many chars or bytes the writer holds room for: a big one is not kept for reuse. */
  abstract int capacity();

  @Override
  public final void flush() {}

  @Override
  public final void close() {}

  /** Writes into a {@link StringBuilder}, for outputs that take the line as a String. */
  static final class Chars extends LineWriter {
    final StringBuilder builder;

    Chars(int capacity) {
      builder = new StringBuilder(capacity);
    }

    /**
     * A new writer, typed as its base class here: a caller that upcasts a {@code new Chars} itself
     * makes the verifier load this class even where only the UTF-8 writer ever runs.
     */
    static LineWriter create(int capacity) {
      return new Chars(capacity);
    }

    @Override
    public void write(int c) {
      builder.append((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      builder.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
      builder.append(text, offset, offset + length);
    }

    @Override
    public Writer append(CharSequence text) {
      builder.append(text);
      return this;
    }

    @Override
    public Writer append(char c) {
      builder.append(c);
      return this;
    }

    @Override
    void appendMillis(long nanos) {
      Text.appendMillis(builder, nanos);
    }

    @Override
    void reset() {
      builder.setLength(0);
    }

    @Override
    int capacity() {
      return builder.capacity();
    }

    @Override
    boolean fits(int maxBytes) {
      // A char is at most 3 bytes: most lines are sure to fit without counting.
      return builder.length() * 3 <= maxBytes || Text.utf8Length(builder) <= maxBytes;
    }
  }

  /**
   * Encodes straight into the UTF-8 bytes an output such as {@code LambdaLogger.log(byte[])} takes,
   * so the line is never held as a String first. The line holds no lone surrogate (names and text
   * are cleaned when recorded); one that arrives anyway is written as U+FFFD.
   */
  static final class Utf8 extends LineWriter {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private byte[] bytes;
    private int size;
    private char pendingHigh;

    Utf8(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    /** A new writer, typed as its base class here; see {@link Chars#create(int)}. */
    static LineWriter create(int capacity) {
      return new Utf8(capacity);
    }

    @Override
    public void write(int c) {
      put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      ensure(Math.min(length, 1 << 16) * 3);
      for (int i = offset, end = offset + length; i < end; i++) {
        put(chars[i]);
      }
    }

    @Override
    public void write(String text, int offset, int length) {
      ensure(Math.min(length, 1 << 16) * 3);
      for (int i = offset, end = offset + length; i < end; i++) {
        put(text.charAt(i));
      }
    }

    @Override
    public Writer append(CharSequence text) {
      ensure(Math.min(text.length(), 1 << 16) * 3);
      for (int i = 0; i < text.length(); i++) {
        put(text.charAt(i));
      }
      return this;
    }

    @Override
    public Writer append(char c) {
      put(c);
      return this;
    }

    @Override
    void appendMillis(long nanos) {
      ensure(24);
      long micros = Text.micros(nanos);
      long whole = micros / 1000L;
      int fraction = (int) (micros % 1000L);
      if (whole < 10) {
        bytes[size++] = (byte) ('0' + whole);
      } else {
        String digits = Long.toString(whole);
        for (int i = 0; i < digits.length(); i++) {
          bytes[size++] = (byte) digits.charAt(i);
        }
      }
      bytes[size++] = '.';
      bytes[size++] = (byte) ('0' + fraction / 100);
      bytes[size++] = (byte) ('0' + fraction / 10 % 10);
      bytes[size++] = (byte) ('0' + fraction % 10);
    }

    @Override
    boolean fits(int maxBytes) {
      return size <= maxBytes;
    }

    @Override
    void reset() {
      size = 0;
      pendingHigh = 0;
    }

    @Override
    int capacity() {
      return bytes.length;
    }

    /** The line and a newline, exactly sized: what the output receives. */
    byte[] lineBytes() {
      flushPendingHigh();
      byte[] line = Arrays.copyOf(bytes, size + 1);
      line[size] = '\n';
      return line;
    }

    private void put(char c) {
      if (pendingHigh != 0) {
        char high = pendingHigh;
        pendingHigh = 0;
        if (Character.isLowSurrogate(c)) {
          int codePoint = Character.toCodePoint(high, c);
          ensure(4);
          bytes[size++] = (byte) (0xF0 | (codePoint >> 18));
          bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
          bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
          bytes[size++] = (byte) (0x80 | (codePoint & 0x3F));
          return;
        }
        replacement();
      }
      if (c < 0x80) {
        ensure(1);
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        ensure(2);
        bytes[size++] = (byte) (0xC0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        pendingHigh = c;
      } else if (Character.isLowSurrogate(c)) {
        replacement();
      } else {
        ensure(3);
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }

    private void flushPendingHigh() {
      if (pendingHigh != 0) {
        pendingHigh = 0;
        replacement();
      }
    }

    private void replacement() {
      ensure(3);
      System.arraycopy(REPLACEMENT, 0, bytes, size, 3);
      size += 3;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
