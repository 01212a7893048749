package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Generated records, from hostile text and odd numbers to huge counts: every line is ONE strict
 * JSON object holding exactly what was set (after the documented transformations), no value can add
 * a key or a second line, and the line is cut only when over the limit, saying so.
 *
 * <p>The oracle builds the expected line with Gson's tree model, independently of the tracker's
 * writer, so an equal string means equal keys, order, escaping and numbers.
 */
class EveryLineIsOneStrictJsonObjectTest {

  /** Failure thrown by the generated body when it is asked to fail. */
  static final class GeneratedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GeneratedFailure() {
      super("generated");
    }
  }

  enum Kind {
    METRIC,
    IDENTIFIER,
    TIMER,
    PAUSE
  }

  /** One call the generated body makes. */
  record Op(Kind kind, String name, Object value, long nanos) {
    @Override
    public String toString() {
      return kind
          + "("
          + escape(name)
          + ", "
          + (value instanceof String ? escape((String) value) : value)
          + ", "
          + nanos
          + ")";
    }

    private static String escape(String text) {
      if (text == null) {
        return "null";
      }
      StringBuilder out = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
      }
      return out.append('"').toString();
    }
  }

  // --- generators ------------------------------------------------------------------------------

  /** Pieces of hostile text: every escaping class, line breaks, forging attempts, surrogates. */
  static Arbitrary<String> piece() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(6)),
        Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf)),
        Tuple.of(
            3,
            Arbitraries.of(
                "\"",
                "\\",
                "\n",
                "\r",
                "\r\n",
                "\u2028",
                "\u2029",
                "\u0085",
                "\u007f",
                "{",
                "}",
                "\"}\n{\"forged\":1,\"x\":\"",
                "\",\"request_id\":\"forged",
                "\\u000a",
                "\\\"",
                "\uFFFD",
                "\uFEFF",
                "</script>",
                "'",
                "é",
                "日本")),
        Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDBFF').map(String::valueOf)),
        Tuple.of(2, Arbitraries.chars().range('\uDC00', '\uDFFF').map(String::valueOf)),
        Tuple.of(2, Arbitraries.chars().range('\u0080', '\uFFFF').map(String::valueOf)),
        Tuple.of(
            2,
            Arbitraries.integers()
                .between(0x10000, 0x10FFFF)
                .map(cp -> new String(Character.toChars(cp)))));
  }

  static Arbitrary<String> text(int maxPieces) {
    return piece().list().ofMinSize(0).ofMaxSize(maxPieces).map(pieces -> String.join("", pieces));
  }

  static Arbitrary<String> name(int maxPieces) {
    return piece()
        .list()
        .ofMinSize(1)
        .ofMaxSize(maxPieces)
        .map(pieces -> String.join("", pieces))
        .filter(name -> !name.isBlank());
  }

  static Arbitrary<String> identifierName(int maxPieces) {
    return Arbitraries.frequencyOf(
            Tuple.of(8, name(maxPieces)),
            // Near misses of the line's own keys.
            Tuple.of(
                1,
                Arbitraries.of(
                    "Latencies", "metrics ", " metrics", "latencies\uD800", "_aws2", "metric")))
        .filter(name -> !ProcessTracker.RESERVED_NAMES.contains(name));
  }

  static Arbitrary<Object> number() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(v -> (Object) v),
        Arbitraries.integers().map(v -> (Object) v),
        Arbitraries.shorts().map(v -> (Object) v),
        Arbitraries.bytes().map(v -> (Object) v),
        Arbitraries.doubles()
            .withSpecialValue(Double.NaN)
            .withSpecialValue(Double.POSITIVE_INFINITY)
            .withSpecialValue(Double.NEGATIVE_INFINITY)
            .withSpecialValue(-0.0)
            .withSpecialValue(Double.MIN_VALUE)
            .withSpecialValue(Double.MAX_VALUE)
            .map(v -> (Object) v),
        Arbitraries.floats()
            .withSpecialValue(Float.NaN)
            .withSpecialValue(Float.POSITIVE_INFINITY)
            .withSpecialValue(Float.NEGATIVE_INFINITY)
            .withSpecialValue(Float.MIN_VALUE)
            .map(v -> (Object) v),
        Combinators.combine(
                Arbitraries.bigIntegers()
                    .between(BigInteger.TEN.pow(60).negate(), BigInteger.TEN.pow(60)),
                Arbitraries.integers().between(-400, 400))
            .as((unscaled, scale) -> (Object) new BigDecimal(unscaled, scale)),
        Arbitraries.bigIntegers()
            .between(BigInteger.TEN.pow(300).negate(), BigInteger.TEN.pow(300))
            .map(v -> (Object) v),
        Arbitraries.longs().map(v -> (Object) new AtomicLong(v)),
        Arbitraries.integers().map(v -> (Object) new AtomicInteger(v)));
  }

  static Arbitrary<Op> op(int maxPieces) {
    Arbitrary<Op> metric =
        Combinators.combine(
                name(maxPieces),
                Arbitraries.frequencyOf(
                    Tuple.of(4, text(maxPieces).map(v -> (Object) v)),
                    Tuple.of(5, number()),
                    Tuple.of(1, Arbitraries.just((Object) null))))
            .as((name, value) -> new Op(Kind.METRIC, name, value, 0));
    Arbitrary<Op> identifier =
        Combinators.combine(
                identifierName(maxPieces),
                Arbitraries.frequencyOf(
                    Tuple.of(6, text(maxPieces).map(v -> (Object) v)),
                    Tuple.of(2, Arbitraries.of(true, false).map(v -> (Object) v)),
                    Tuple.of(1, Arbitraries.just((Object) null))))
            .as((name, value) -> new Op(Kind.IDENTIFIER, name, value, 0));
    Arbitrary<Op> timer =
        Combinators.combine(name(maxPieces), Arbitraries.longs().between(0, 5_000_000_000L))
            .as((name, nanos) -> new Op(Kind.TIMER, name, null, nanos));
    Arbitrary<Op> pause =
        Arbitraries.longs()
            .between(0, 3_000_000L)
            .map(nanos -> new Op(Kind.PAUSE, null, null, nanos));
    return Arbitraries.frequencyOf(
        Tuple.of(4, metric), Tuple.of(3, identifier), Tuple.of(3, timer), Tuple.of(1, pause));
  }

  /** Re-uses names already drawn, so that replacing in place and repeated timers happen often. */
  static Arbitrary<List<Op>> ops(int maxOps, int maxPieces) {
    return op(maxPieces)
        .list()
        .ofMaxSize(maxOps)
        .flatMap(
            drawn ->
                Arbitraries.integers()
                    .between(0, Math.max(0, drawn.size() - 1))
                    .list()
                    .ofSize(drawn.size())
                    .map(
                        pick -> {
                          List<Op> out = new ArrayList<>(drawn.size());
                          for (int i = 0; i < drawn.size(); i++) {
                            Op op = drawn.get(i);
                            Op other = drawn.get(pick.get(i));
                            boolean reuse =
                                i % 3 == 0
                                    && op.kind != Kind.PAUSE
                                    && other.kind == op.kind
                                    && other.name != null;
                            out.add(reuse ? new Op(op.kind, other.name, op.value, op.nanos) : op);
                          }
                          return out;
                        }));
  }

  @Provide
  Arbitrary<List<Op>> records() {
    return ops(40, 12);
  }

  @Provide
  Arbitrary<String> processNames() {
    return name(8);
  }

  // --- the oracle ------------------------------------------------------------------------------

  /**
   * What the line must hold, keyed by the names as the line carries them: lone surrogates are
   * replaced when a name is recorded, so names that only differ there are one entry.
   */
  static final class Expected {
    final String processName;
    final LinkedHashMap<String, long[]> latencies = new LinkedHashMap<>(); // {total, count}
    final LinkedHashMap<String, JsonElement> metrics = new LinkedHashMap<>();
    final LinkedHashMap<String, JsonElement> identifiers = new LinkedHashMap<>();

    Expected(String processName) {
      this.processName = LineJson.clean(processName);
      latencies.put(this.processName, new long[] {0, 1});
    }

    /** The whole line as the tracker must write it when it fits. */
    JsonObject line(List<String> warnings) {
      JsonObject line = new JsonObject();
      JsonObject lat = new JsonObject();
      JsonObject counts = new JsonObject();
      for (Map.Entry<String, long[]> entry : latencies.entrySet()) {
        lat.add(LineJson.clean(entry.getKey()), LineJson.millis(entry.getValue()[0]));
        if (entry.getValue()[1] > 1) {
          counts.addProperty(LineJson.clean(entry.getKey()), entry.getValue()[1]);
        }
      }
      line.add("latencies", lat);
      if (counts.size() > 0) {
        line.add("latency_counts", counts);
      }
      JsonObject met = new JsonObject();
      metrics.forEach((name, value) -> met.add(LineJson.clean(name), value));
      line.add("metrics", met);
      if (!warnings.isEmpty()) {
        com.google.gson.JsonArray array = new com.google.gson.JsonArray();
        warnings.forEach(array::add);
        line.add("tracker_warnings", array);
      }
      identifiers.forEach((name, value) -> line.add(LineJson.clean(name), value));
      return line;
    }
  }

  static JsonElement expectedValue(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof String) {
      return new JsonPrimitive(LineJson.clean((String) value));
    }
    if (value instanceof Boolean) {
      return new JsonPrimitive((Boolean) value);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        return new JsonPrimitive("NaN");
      }
      if (Double.isInfinite(d)) {
        return new JsonPrimitive(d > 0 ? "Infinity" : "-Infinity");
      }
      return new JsonPrimitive((Number) value);
    }
    if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Long) {
      return new JsonPrimitive((Number) value);
    }
    // Integer, Short, Byte, AtomicLong, AtomicInteger: an integer, read when set.
    return new JsonPrimitive(((Number) value).longValue());
  }

  /** Runs the ops as a tracked process and returns the one line written, plus the oracle. */
  static Map.Entry<String, Expected> run(String processName, List<Op> ops, boolean fail) {
    FakeTicker ticker = new FakeTicker();
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker = ProcessTracker.builder().ticker(ticker).output(lines::add).build();
    Expected expected = new Expected(processName);
    GeneratedFailure failure = new GeneratedFailure();
    Runnable body =
        () -> {
          for (Op op : ops) {
            switch (op.kind) {
              case METRIC:
                if (op.value == null || op.value instanceof String) {
                  tracker.setMetric(op.name, (String) op.value);
                } else {
                  tracker.setMetric(op.name, (Number) op.value);
                }
                expected.metrics.put(LineJson.clean(op.name), expectedValue(op.value));
                break;
              case IDENTIFIER:
                if (op.value instanceof Boolean) {
                  tracker.setIdentifier(op.name, (boolean) (Boolean) op.value);
                } else {
                  tracker.setIdentifier(op.name, (String) op.value);
                }
                expected.identifiers.put(LineJson.clean(op.name), expectedValue(op.value));
                break;
              case TIMER:
                try (Timer timer = tracker.timer(op.name)) {
                  ticker.advanceNanos(op.nanos);
                }
                long[] latency =
                    expected.latencies.computeIfAbsent(LineJson.clean(op.name), n -> new long[2]);
                latency[0] += op.nanos;
                latency[1]++;
                expected.latencies.get(expected.processName)[0] += op.nanos;
                break;
              default:
                ticker.advanceNanos(op.nanos);
                expected.latencies.get(expected.processName)[0] += op.nanos;
            }
          }
          if (fail) {
            throw failure;
          }
        };
    if (fail) {
      assertSame(
          failure,
          assertThrows(GeneratedFailure.class, () -> tracker.trackProcess(processName, body::run)));
      expected.metrics.put(ProcessTracker.FAILED_METRIC, new JsonPrimitive(1L));
      expected.metrics.put(
          ProcessTracker.EXCEPTION_TYPE_METRIC,
          new JsonPrimitive(GeneratedFailure.class.getName()));
    } else {
      tracker.trackProcess(processName, body::run);
    }
    assertEquals(1, lines.size(), "exactly one line");
    assertFalse(tracker.isRecording());
    return Map.entry(lines.get(0), expected);
  }

  // --- properties ------------------------------------------------------------------------------

  @Property(tries = 250)
  void everyLineIsOneObjectWithExactlyTheValuesThatWereSet(
      @ForAll("processNames") String processName,
      @ForAll("records") List<Op> ops,
      @ForAll boolean fail) {
    Map.Entry<String, Expected> result = run(processName, ops, fail);
    Expected expected = result.getValue();
    String line = result.getKey();

    JsonObject parsed = LineJson.parseLine(line);
    JsonObject want = expected.line(List.of());
    assertEquals(want.toString(), line);
    assertEquals(
        new ArrayList<>(want.keySet()), new ArrayList<>(parsed.keySet()), "top-level keys");
    assertEquals(
        new ArrayList<>(want.getAsJsonObject("metrics").keySet()),
        new ArrayList<>(parsed.getAsJsonObject("metrics").keySet()));
    assertEquals(
        new ArrayList<>(want.getAsJsonObject("latencies").keySet()),
        new ArrayList<>(parsed.getAsJsonObject("latencies").keySet()));
  }

  @Property(tries = 200)
  void noTextCanForgeASecondLineOrAnotherKey(
      @ForAll("identifierNames") String name, @ForAll("texts") String value) {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder().output(lines::add).ticker(new FakeTicker()).build();
    tracker.trackProcess(
        "main",
        () -> {
          tracker.setIdentifier(name, value);
          tracker.setMetric(name, value);
        });
    JsonObject parsed = LineJson.parseLine(lines.get(0));
    assertEquals(
        List.of("latencies", "metrics", LineJson.clean(name)), new ArrayList<>(parsed.keySet()));
    assertEquals(LineJson.clean(value), parsed.get(LineJson.clean(name)).getAsString());
    assertEquals(Set.of(LineJson.clean(name)), parsed.getAsJsonObject("metrics").keySet());
    assertEquals(
        LineJson.clean(value),
        parsed.getAsJsonObject("metrics").get(LineJson.clean(name)).getAsString());
  }

  @Provide
  Arbitrary<String> identifierNames() {
    return identifierName(30);
  }

  @Provide
  Arbitrary<String> texts() {
    return text(60);
  }

  @Property(tries = 200)
  void countingIsExactPastTheRangeOfLong(
      @ForAll long start,
      @ForAll @Size(max = 30) List<@IntRange(min = -3, max = 3) Integer> signs,
      @ForAll boolean startUnset) {
    List<String> lines = new ArrayList<>();
    ProcessTracker tracker =
        ProcessTracker.builder().output(lines::add).ticker(new FakeTicker()).build();
    BigInteger sum = startUnset ? BigInteger.ZERO : BigInteger.valueOf(start);
    List<Long> deltas = new ArrayList<>();
    for (int sign : signs) {
      // Deltas near the edges of long, so sums cross Long.MAX_VALUE and Long.MIN_VALUE.
      long delta = sign == 0 ? 0 : sign > 0 ? Long.MAX_VALUE - sign : Long.MIN_VALUE - sign;
      deltas.add(delta);
      sum = sum.add(BigInteger.valueOf(delta));
    }
    tracker.trackProcess(
        "main",
        () -> {
          if (!startUnset) {
            tracker.setMetric("count", start);
          }
          for (long delta : deltas) {
            tracker.incrementMetric("count", delta);
          }
        });
    JsonObject metrics = LineJson.parseLine(lines.get(0)).getAsJsonObject("metrics");
    if (startUnset && deltas.isEmpty()) {
      assertEquals(Set.of(), metrics.keySet());
    } else {
      assertEquals(sum.toString(), metrics.get("count").toString());
    }
  }

  /** One property over huge records: the line is cut exactly when the whole would not fit. */
  @Property(tries = 12)
  void hugeRecordsAreCutOnlyOverTheLimitAndTheCutIsCounted(@ForAll("hugeRecords") Huge huge) {
    Map.Entry<String, Expected> result = run("main", huge.ops, false);
    Expected expected = result.getValue();
    String line = result.getKey();
    JsonObject parsed = LineJson.parseLine(line);
    JsonObject whole = expected.line(List.of());
    int wholeBytes = LineJson.utf8Bytes(whole.toString());
    Statistics.collect(wholeBytes <= LineLimit.MAX_LINE_BYTES ? "fits" : "cut");
    if (wholeBytes <= LineLimit.MAX_LINE_BYTES) {
      assertEquals(whole.toString(), line, "a line that fits is written whole");
      return;
    }
    // Cut: identifiers (few and small here) are all kept first, shortened to 1024 chars.
    int cutChars = LineLimit.CUT_TEXT_CHARS;
    int shortened = 0;
    List<String> expectedIdentifierKeys = new ArrayList<>();
    for (Map.Entry<String, JsonElement> entry : expected.identifiers.entrySet()) {
      String name = LineJson.clean(entry.getKey());
      shortened += name.length() > cutChars ? 1 : 0;
      String key = LineJson.cut(name, cutChars);
      expectedIdentifierKeys.add(key);
      JsonElement value = entry.getValue();
      if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
        String text = value.getAsString();
        shortened += text.length() > cutChars ? 1 : 0;
        value = new JsonPrimitive(LineJson.cut(text, cutChars));
      }
      assertEquals(value, parsed.get(key), key);
    }
    List<String> top = new ArrayList<>(parsed.keySet());
    List<String> head = new ArrayList<>(List.of("latencies"));
    if (parsed.has("latency_counts")) {
      head.add("latency_counts");
    }
    head.add("metrics");
    head.add("tracker_warnings");
    head.addAll(expectedIdentifierKeys);
    assertEquals(head, top);

    // Latencies and metrics: every kept entry is an expected one, in order, with its exact value.
    JsonObject latencies = parsed.getAsJsonObject("latencies");
    assertEquals("main", latencies.keySet().iterator().next(), "the process latency comes first");
    // Names that the cut makes equal: the first one stands for the key, the later ones are dropped.
    Set<String> seen = new HashSet<>();
    int keptLatencies = 0;
    List<String> latencyOrder = new ArrayList<>();
    JsonObject counts =
        parsed.has("latency_counts") ? parsed.getAsJsonObject("latency_counts") : new JsonObject();
    for (Map.Entry<String, long[]> entry : expected.latencies.entrySet()) {
      String name = LineJson.clean(entry.getKey());
      shortened += name.length() > cutChars ? 1 : 0;
      String key = LineJson.cut(name, cutChars);
      if (seen.add(key) && latencies.has(key)) {
        keptLatencies++;
        latencyOrder.add(key);
        assertEquals(
            LineJson.millis(entry.getValue()[0]).toString(), latencies.get(key).toString(), key);
        if (entry.getValue()[1] > 1) {
          assertEquals(entry.getValue()[1], counts.get(key).getAsLong(), key);
        } else {
          assertFalse(counts.has(key), key);
        }
      }
    }
    assertEquals(latencyOrder, new ArrayList<>(latencies.keySet()));
    JsonObject metrics = parsed.getAsJsonObject("metrics");
    seen.clear();
    int keptMetrics = 0;
    List<String> metricOrder = new ArrayList<>();
    for (Map.Entry<String, JsonElement> entry : expected.metrics.entrySet()) {
      String name = LineJson.clean(entry.getKey());
      shortened += name.length() > cutChars ? 1 : 0;
      String key = LineJson.cut(name, cutChars);
      JsonElement value = entry.getValue();
      if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
        shortened += value.getAsString().length() > cutChars ? 1 : 0;
        value = new JsonPrimitive(LineJson.cut(value.getAsString(), cutChars));
      }
      if (seen.add(key) && metrics.has(key)) {
        keptMetrics++;
        metricOrder.add(key);
        assertEquals(value.toString(), metrics.get(key).toString(), key);
      }
    }
    assertEquals(metricOrder, new ArrayList<>(metrics.keySet()));
    assertEquals(
        "[\"line cut to fit 256000 bytes: "
            + shortened
            + " names or text values shortened to 1024 characters; dropped "
            + (expected.latencies.size() - keptLatencies)
            + " latencies, "
            + (expected.metrics.size() - keptMetrics)
            + " metrics, 0 identifiers\"]",
        parsed.get("tracker_warnings").toString());
  }

  /** A record big enough to cross the limit about half of the time. */
  record Huge(List<Op> ops) {
    @Override
    public String toString() {
      return "Huge["
          + ops.size()
          + " ops, "
          + ops.stream().collect(Collectors.groupingBy(Op::kind, Collectors.counting()))
          + "]";
    }
  }

  @Provide
  Arbitrary<Huge> hugeRecords() {
    Arbitrary<String> bigText =
        Combinators.combine(text(6), Arbitraries.integers().between(1, 60_000))
            .as((unit, times) -> unit.isEmpty() ? "x".repeat(times) : unit.repeat(times));
    Arbitrary<Op> bigMetric =
        Combinators.combine(name(4), bigText)
            .as((name, value) -> new Op(Kind.METRIC, name, value, 0));
    Arbitrary<Op> longNamedMetric =
        Combinators.combine(
                Combinators.combine(name(3), Arbitraries.integers().between(1, 800))
                    .as((unit, times) -> unit.repeat(times) + times),
                number())
            .as((name, value) -> new Op(Kind.METRIC, name, value, 0));
    Arbitrary<Op> identifier =
        Combinators.combine(identifierName(4), Arbitraries.integers().between(0, 2_000))
            .as((name, length) -> new Op(Kind.IDENTIFIER, name, "é".repeat(length), 0));
    Arbitrary<Op> manyTimers =
        Combinators.combine(name(3), Arbitraries.longs().between(0, 10_000_000L))
            .as((name, nanos) -> new Op(Kind.TIMER, name, null, nanos));
    Arbitrary<Op> manySmallMetrics =
        Combinators.combine(name(3), number())
            .as((name, value) -> new Op(Kind.METRIC, name, value, 0));
    return Combinators.combine(
            identifier.list().ofMaxSize(5),
            manyTimers.list().ofMaxSize(3_000),
            manySmallMetrics.list().ofMaxSize(3_000),
            bigMetric.list().ofMaxSize(12),
            longNamedMetric.list().ofMaxSize(20))
        .as(
            (ids, timers, small, big, longNamed) -> {
              List<Op> ops = new ArrayList<>(ids);
              // Numbered names, so thousands of entries stay distinct once cleaned; timers repeat
              // every 700 names, so that latency_counts appear.
              for (int i = 0; i < timers.size(); i++) {
                Op timer = timers.get(i);
                ops.add(new Op(Kind.TIMER, timer.name + "#" + (i % 700), null, timer.nanos));
              }
              for (int i = 0; i < small.size(); i++) {
                Op metric = small.get(i);
                ops.add(new Op(Kind.METRIC, metric.name + "#" + i, metric.value, 0));
              }
              ops.addAll(big);
              ops.addAll(longNamed);
              return new Huge(ops);
            });
  }

  // --- the writers the line is encoded with -----------------------------------------------------

  @Test
  void bothLineWritersAppendEverythingTheyAreGivenAndReturnThemselves() throws Exception {
    LineWriter.Chars chars = new LineWriter.Chars(4);
    LineWriter.Utf8 utf8 = new LineWriter.Utf8(4);
    for (LineWriter writer : new LineWriter[] {chars, utf8}) {
      writer.write('a');
      writer.write(new char[] {'x', 'b', 'c', 'y'}, 1, 2);
      writer.write("xdey", 1, 2);
      assertEquals(writer, writer.append("f").append('g').append("hi", 0, 1));
      writer.write("\u00e9\u20ac\uD83D\uDE00", 0, 4);
      writer.appendMillis(Long.MAX_VALUE);
      writer.flush();
      writer.close();
    }
    String expected = "abcdefgh\u00e9\u20ac\uD83D\uDE009223372036854.776";
    assertEquals(expected, chars.builder.toString());
    assertEquals(expected + "\n", new String(utf8.lineBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theUtf8WriterWritesALoneSurrogateAsTheReplacementCharacter() throws Exception {
    LineWriter.Utf8 utf8 = new LineWriter.Utf8(1);
    utf8.write("a\uD800b\uDC00c\uD800");
    assertEquals("a\uFFFDb\uFFFDc\uFFFD\n", new String(utf8.lineBytes(), StandardCharsets.UTF_8));
  }
}
