/**
 * The one strict reader of the tracker line that tracker-lambda writes: {@link
 * io.github.goblinfish.metrics.trackers.lines.LineReader} reads a line into a {@link
 * io.github.goblinfish.metrics.trackers.lines.ParsedLine} (latencies, counts, metrics, identifiers,
 * warnings and the EMF members, told apart) or says which rule it breaks; {@link
 * io.github.goblinfish.metrics.trackers.lines.StrictJson} is its strict JSON reader. The test kit's
 * {@code TrackerLine} and the local runner read lines through it. It depends on Gson only; the
 * library itself does not depend on it.
 *
 * <pre>{@code
 * ParsedLine line = LineReader.parse(text);
 * line.identifiers().get("order_id");
 * }</pre>
 */
package io.github.goblinfish.metrics.trackers.lines;
