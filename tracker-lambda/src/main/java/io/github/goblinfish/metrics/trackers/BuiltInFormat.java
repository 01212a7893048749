package io.github.goblinfish.metrics.trackers;

/**
 * A format of this library: it writes the default line, with what {@link Extension} adds, straight
 * into a {@link LineWriter}, and tells {@link LineLimit} how much room its additions need. An
 * abstract class rather than an interface, so that {@link #start()} stays out of the public API of
 * {@link EmfLineFormat}.
 */
abstract class BuiltInFormat implements LineFormat {
  BuiltInFormat() {}

  /** Starts one line; null for the default line, which adds nothing. */
  abstract Extension start();

  /** What a format adds to one line; shared by both passes of a line that has to be cut. */
  interface Extension {
    /** Plans the added members of the line of {@code record}. */
    JsonLine.Addition plan(RunRecord record);

    /** Bytes the added members may take besides those counted by {@link #entryBytes}. */
    int reservedBytes();

    /** Bytes the added members may take for one kept entry whose own size is {@code size}. */
    int entryBytes(LineLimit.Entry entry, int size);
  }
}
