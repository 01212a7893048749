package io.github.goblinfish.metrics.trackers.local.it.events;

/** Its event type comes through a generic base class: {@code RenderingBase<Line>}. */
public final class LineViaGenericBase extends RenderingBase<Line> {}
