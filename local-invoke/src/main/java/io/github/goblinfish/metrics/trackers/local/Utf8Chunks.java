package io.github.goblinfish.metrics.trackers.local;

/**
 * Where a message longer than one CloudWatch event is cut: at most {@link #MAX_EVENT_BYTES} bytes
 * per event, never inside a UTF-8 sequence, so each piece of valid UTF-8 stays valid UTF-8.
 */
final class Utf8Chunks {
  /**
   * CloudWatch Logs takes events of up to 256 KiB (262,144 bytes) counting 26 bytes of overhead per
   * event, so a message holds at most 262,118 bytes; Lambda continues a longer one in the next
   * event.
   */
  static final int MAX_EVENT_BYTES = 262_144 - 26;

  private Utf8Chunks() {}

  /**
   * The length of the longest prefix of {@code bytes[0..size)} that does not end inside a UTF-8
   * sequence, when more bytes may follow: {@code size} unless its last sequence is incomplete.
   * Bytes that are not UTF-8 there are cut at {@code size}, as is a sequence that starts the
   * buffer.
   */
  static int completeLength(byte[] bytes, int size) {
    for (int i = size - 1; i >= Math.max(0, size - 4); i--) {
      int b = bytes[i] & 0xff;
      if ((b & 0xc0) != 0x80) {
        int sequence = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return i + sequence <= size || i == 0 ? size : i;
      }
    }
    return size;
  }
}
