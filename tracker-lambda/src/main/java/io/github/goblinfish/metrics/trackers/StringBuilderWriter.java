package io.github.goblinfish.metrics.trackers;

import java.io.Writer;

/** A {@link Writer} onto a {@link StringBuilder}: unlike StringWriter, it takes no lock per call. */
final class StringBuilderWriter extends Writer {
  final StringBuilder builder;

  StringBuilderWriter(StringBuilder builder) {
    this.builder = builder;
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
  public void flush() {}

  @Override
  public void close() {}
}
