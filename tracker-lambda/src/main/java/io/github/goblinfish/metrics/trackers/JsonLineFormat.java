package io.github.goblinfish.metrics.trackers;

/** The default line, written by {@link JsonLine}; see {@link ProcessTracker} for its shape. */
final class JsonLineFormat extends BuiltInFormat {
  static final JsonLineFormat INSTANCE = new JsonLineFormat();

  private JsonLineFormat() {}

  @Override
  public String render(RunRecord record) {
    return Lines.text(this, record);
  }

  @Override
  Extension start() {
    return null;
  }

  @Override
  public String toString() {
    return "LineFormat.json()";
  }
}
