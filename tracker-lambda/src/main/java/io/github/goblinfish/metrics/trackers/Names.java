package io.github.goblinfish.metrics.trackers;

/** The rules every latency, metric and identifier name follows, checked at the call site. */
final class Names {
  private Names() {}

  /**
   * The name as the line will carry it: validated, and with lone surrogates already replaced so
   * that names which only differ there are one entry, not two equal keys.
   */
  static String checked(String name) {
    require(name);
    return Text.withoutLoneSurrogates(name);
  }

  /** A checked name that is also free for an identifier: none of the line's own keys. */
  static String identifier(String name) {
    name = checked(name);
    if (ProcessTracker.RESERVED_NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "identifier name '"
              + name
              + "' is reserved for the line's own keys "
              + ProcessTracker.RESERVED_NAMES);
    }
    return name;
  }

  static void require(String name) {
    if (name == null) {
      throw new NullPointerException("name must not be null");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }
}
