package io.github.goblinfish.metrics.trackers;

/** The default line, written by {@link JsonLine}; see {@link ProcessTracker} for its shape. */
final class JsonLineFormat extends BuiltInFormat implements LineFormat {
  static final JsonLineFormat INSTANCE = new JsonLineFormat();

  private JsonLineFormat() {
    super(true);
  }

  @Override
  public String render(RunRecord record) {
    return text(record);
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
