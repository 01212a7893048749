package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.RunRecord;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.Timer;
import io.github.goblinfish.metrics.trackers.internal.ColdStartAccess;
import io.github.goblinfish.metrics.trackers.internal.TrackerAccess;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import io.github.goblinfish.metrics.trackers.lambda.TrackedRequestHandler;
import io.github.goblinfish.metrics.trackers.test.TestContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The two readers of the tracker line, the test kit's {@code TrackerLine} and this module's (what
 * {@code ./invoke report} and the runner's summaries read), both over {@code tracker-lambda-lines}'
 * {@code LineReader}, accept every line the library writes, whatever went wrong while it was
 * recorded, and read back exactly what was recorded; and they refuse, for the same reason, lines
 * the library can never write. It lives here because it needs the library, the test kit and the
 * runner together.
 *
 * <p>Each generated run goes through the real {@link ProcessTracker} (its line as UTF-8 bytes, as a
 * Lambda logger takes it) or a real {@link TrackedRequestHandler} (its line as text), in the
 * default format or EMF: steps timed once or many times, timers left open, a ticker that throws or
 * jumps by up to 2^62 ns, metrics of every kind a caller can set, values that cannot be read (a
 * warning each, more than 20 in some runs), identifiers, a body that throws, a line written before
 * a timeout, and values big enough to make the line be cut to fit 256,000 bytes. What was recorded
 * is the {@link RunRecord} of the same run made again with a format that keeps it.
 */
class TrackerLinesAreReadExactlyAsWrittenTest {
  private static final String TIMED_OUT_WARNING =
      "the invocation was about to time out: its line was written 200 ms before the deadline,"
          + " while the handler was still running";
  private static final int CUT_TEXT_CHARS = 1024;

  /** Every reading of a ticker that always throws. */
  private static final Set<Integer> ALWAYS =
      java.util.stream.IntStream.range(0, 10_000)
          .boxed()
          .collect(java.util.stream.Collectors.toSet());

  private static final Pattern DROPPED =
      Pattern.compile("dropped (\\d+) latencies, (\\d+) metrics, (\\d+) identifiers");

  // --- what a run does
  // ----------------------------------------------------------------------------

  sealed interface Step
      permits Time, LeaveOpen, SetMetric, Increment, SetIdentifier, Unreadable, TimeOut {}

  /** A timer around the ticker moving on by {@code nanos}. */
  record Time(String name, long nanos) implements Step {}

  record LeaveOpen(String name) implements Step {}

  /** A {@code Number}, a {@code String} or null. */
  record SetMetric(String name, Object value) implements Step {}

  record Increment(String name, long delta) implements Step {}

  /** A {@code String}, a {@code Boolean} or null. */
  record SetIdentifier(String name, Object value) implements Step {}

  /** Metrics whose {@code Number} throws when read: null, and a warning each. */
  record Unreadable(String name, int times) implements Step {}

  /** What the timeout watch does: the line now, {@code timed_out} set. */
  record TimeOut() implements Step {}

  /**
   * One run: its steps, its format, through a handler or a bare tracker, whether its body throws at
   * the end, and which ticker readings throw.
   */
  record Run(
      List<Step> steps, boolean emf, boolean handler, boolean throwsAtEnd, Set<Integer> failing) {}

  /** A ticker that moves only when a step says so, and throws on the readings it is told to. */
  static final class SteppedTicker implements Ticker {
    private final Set<Integer> failing;
    private long now = 1_000_000_000L;
    private int reads;

    SteppedTicker(Set<Integer> failing) {
      this.failing = failing;
    }

    @Override
    public long read() {
      if (failing.contains(reads++)) {
        throw new IllegalStateException("clock gone");
      }
      return now;
    }

    void advance(long nanos) {
      long next = now + nanos;
      now = next < now ? Long.MAX_VALUE : next;
    }
  }

  static final class ScriptedHandler extends TrackedRequestHandler<Run, String> {
    private final SteppedTicker ticker;

    ScriptedHandler(HandlerConfig config, SteppedTicker ticker) {
      super(config);
      this.ticker = ticker;
    }

    @Override
    protected String handleTracked(Run run, Context context) {
      perform(tracker(), ticker, run);
      return "ok";
    }
  }

  private static void perform(ProcessTracker tracker, SteppedTicker ticker, Run run) {
    for (Step step : run.steps()) {
      if (step instanceof Time time) {
        try (Timer timer = tracker.timer(time.name())) {
          ticker.advance(time.nanos());
        }
      } else if (step instanceof LeaveOpen open) {
        tracker.timer(open.name());
        ticker.advance(1_000L);
      } else if (step instanceof SetMetric metric) {
        if (metric.value() instanceof String text) {
          tracker.setMetric(metric.name(), text);
        } else {
          tracker.setMetric(metric.name(), (Number) metric.value());
        }
      } else if (step instanceof Increment increment) {
        try {
          tracker.incrementMetric(increment.name(), increment.delta());
        } catch (IllegalStateException holdsText) {
          // Documented: a metric that holds text cannot be incremented; the run goes on.
        }
      } else if (step instanceof SetIdentifier identifier) {
        if (identifier.value() instanceof Boolean flag) {
          tracker.setIdentifier(identifier.name(), flag);
        } else {
          tracker.setIdentifier(identifier.name(), (String) identifier.value());
        }
      } else if (step instanceof Unreadable unreadable) {
        for (int i = 0; i < unreadable.times(); i++) {
          tracker.setMetric(unreadable.name() + i, new ThrowingNumber());
        }
      } else if (step instanceof TimeOut) {
        TrackerAccess.writeLineNow(tracker, "timed_out", TIMED_OUT_WARNING);
      }
    }
    if (run.throwsAtEnd()) {
      throw new IllegalStateException("the order could not be billed");
    }
  }

  /** A caller's number that cannot be read. */
  static final class ThrowingNumber extends Number {
    private static final long serialVersionUID = 1L;

    @Override
    public int intValue() {
      throw new ArithmeticException("unreadable");
    }

    @Override
    public long longValue() {
      throw new ArithmeticException("unreadable");
    }

    @Override
    public float floatValue() {
      throw new ArithmeticException("unreadable");
    }

    @Override
    public double doubleValue() {
      throw new ArithmeticException("unreadable");
    }
  }

  /** The run's line in {@code format}: the only line it writes. */
  private static String lineOf(Run run, LineFormat format) {
    List<String> lines = new ArrayList<>();
    SteppedTicker ticker = new SteppedTicker(run.failing());
    try {
      if (run.handler()) {
        ColdStartAccess.reset();
        HandlerConfig config =
            HandlerConfig.builder()
                .ticker(ticker)
                .format(format)
                .output(lines::add)
                .timeoutMargin(Duration.ZERO)
                .build();
        TestContext context =
            TestContext.builder().requestId("req-1").functionName("orders").build();
        new ScriptedHandler(config, ticker).handleRequest(run, context);
      } else {
        ProcessTracker tracker =
            ProcessTracker.builder()
                .ticker(ticker)
                .format(format)
                .utf8Output(bytes -> lines.add(new String(bytes, StandardCharsets.UTF_8)))
                .build();
        tracker.trackProcess("handler", () -> perform(ProcessTracker.current(), ticker, run));
      }
    } catch (IllegalStateException thrown) {
      assertTrue(run.throwsAtEnd(), thrown.toString());
    }
    assertEquals(1, lines.size(), lines.toString());
    return lines.get(0);
  }

  /** A record's contents, copied when its line was rendered. */
  record Recorded(
      Map<String, Long> latenciesNanos,
      Map<String, Long> latencyCounts,
      Map<String, Object> metrics,
      Map<String, Object> identifiers,
      List<String> warnings,
      int omittedWarnings) {
    static Recorded of(RunRecord record) {
      return new Recorded(
          new LinkedHashMap<>(record.latenciesNanos()),
          new LinkedHashMap<>(record.latencyCounts()),
          new LinkedHashMap<>(record.metrics()),
          new LinkedHashMap<>(record.identifiers()),
          new ArrayList<>(record.warnings()),
          record.omittedWarnings());
    }
  }

  /**
   * What the run recorded when its line was written: the same run again, with a format that copies
   * its record. (Copied at once: a value set after a timeout's line can still add a warning to the
   * ended run's record.)
   */
  private static Recorded recordOf(Run run) {
    List<Recorded> records = new ArrayList<>();
    lineOf(
        run,
        record -> {
          records.add(Recorded.of(record));
          return "kept";
        });
    return records.get(0);
  }

  private static final Instant NOW = Instant.ofEpochMilli(System.currentTimeMillis());

  private static LineFormat format(boolean emf) {
    return emf
        ? LineFormat.emf()
            .namespace("orders")
            // Now, since CloudWatch takes Timestamps from 14 days back to 2 hours ahead only.
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build()
        : LineFormat.json();
  }

  // --- the library's own lines are read back as recorded -------------------------------------

  @Property(tries = 150)
  void everyLineTheLibraryWritesIsAcceptedByBothAndReadBackAsRecorded(@ForAll("runs") Run run) {
    String line = lineOf(run, format(run.emf()));
    Recorded record = recordOf(run);

    io.github.goblinfish.metrics.trackers.test.TrackerLine kit =
        io.github.goblinfish.metrics.trackers.test.TrackerLine.parse(line);
    TrackerLine.Reading reading = TrackerLine.read(line);
    assertNull(reading.refusal(), reading.refusal());
    TrackerLine local = reading.line();
    assertNotNull(local);

    assertEquals(run.emf(), kit.isEmf());
    assertEquals(run.emf(), local.emf());
    List<String> warnings = kit.warnings();
    boolean cut = !warnings.isEmpty() && warnings.get(0).startsWith("line cut to fit 256000 bytes");
    int[] dropped = cut ? dropped(warnings.get(0)) : new int[3];

    // Latencies, and how many times each was timed.
    Map<String, Long> nanos = cutNames(record.latenciesNanos(), cut);
    assertKept(nanos.keySet(), record.latenciesNanos().size(), kit.latencyNames(), dropped[0]);
    assertEquals(kit.latencyNames(), List.copyOf(local.latencies().keySet()));
    Map<String, Long> counts = cutNames(record.latencyCounts(), cut);
    for (String name : kit.latencyNames()) {
      double millis = millis(nanos.get(name));
      assertEquals(millis, kit.latencyMillis(name), name);
      assertEquals(millis, local.latenciesMs().get(name), name);
      assertEquals(counts.get(name), kit.latencyCount(name), name);
      assertEquals(counts.get(name), local.latencyCounts().getOrDefault(name, 1L), name);
    }

    // Metrics.
    Map<String, Object> metrics = cutNames(record.metrics(), cut);
    assertKept(
        metrics.keySet(), record.metrics().size(), List.copyOf(kit.metricNames()), dropped[1]);
    assertEquals(List.copyOf(kit.metricNames()), List.copyOf(local.metrics().keySet()));
    for (String name : kit.metricNames()) {
      assertMetric(name, cutText(metrics.get(name), cut), kit, local);
    }

    // Identifiers.
    Map<String, Object> identifiers = cutNames(record.identifiers(), cut);
    assertKept(
        identifiers.keySet(),
        record.identifiers().size(),
        List.copyOf(kit.identifiers().keySet()),
        dropped[2]);
    for (Map.Entry<String, Object> identifier : kit.identifiers().entrySet()) {
      Object expected = cutText(identifiers.get(identifier.getKey()), cut);
      assertEquals(expected, identifier.getValue(), identifier.getKey());
      assertEquals(String.valueOf(expected), local.identifiers().get(identifier.getKey()));
    }

    // Warnings: exactly the record's in the default line that was not cut.
    if (!run.emf() && !cut) {
      List<String> expected = new ArrayList<>(record.warnings());
      if (record.omittedWarnings() > 0) {
        expected.add("and " + record.omittedWarnings() + " more warnings");
      }
      assertEquals(expected, warnings);
    }

    // The runs cover what the library writes when something went wrong.
    covers("cut to fit", cut);
    covers("no latency", kit.latencyNames().isEmpty());
    covers("written before a timeout", kit.hasMetric("timed_out"));
    covers("failed", kit.hasMetric(ProcessTracker.FAILED_METRIC));
    covers("more than 20 warnings", record.warnings().size() + record.omittedWarnings() > 20);
    covers("a name timed several times", !local.latencyCounts().isEmpty());
    covers("EMF", run.emf());
    covers("through a handler", run.handler());

    // The EMF metrics' root members hold the latencies and metrics they declare.
    for (String declared : kit.emfMetricNames()) {
      if (declared.startsWith("latency_ms:")) {
        assertEquals(kit.latencyMillis(declared.substring(11)), kit.emfValue(declared));
      } else if (declared.equals("metric:cold_start") && !kit.hasMetric("cold_start")) {
        // The EMF format's own cold-start count, from the line's cold_start identifier.
        assertEquals(
            Boolean.TRUE.equals(kit.identifier("cold_start")) ? 1 : 0, kit.emfValue(declared));
      } else if (declared.startsWith("metric:")) {
        assertEquals(kit.metric(declared.substring(7)), kit.emfValue(declared));
      }
    }
  }

  /** Fails the property unless some of its tries, and not all, were {@code label}. */
  private static void covers(String label, boolean value) {
    Statistics.label(label).collect(value);
    Statistics.label(label)
        .coverage(
            coverage -> {
              coverage.check(true).count(n -> n > 0);
              coverage.check(false).count(n -> n > 0);
            });
  }

  /**
   * In a cut line, what is left is in the record's order and the warning counts the rest (names
   * that the cut made equal to an earlier one among them).
   */
  private static void assertKept(
      Set<String> candidates, int recorded, List<String> inLine, int dropped) {
    List<String> expected = new ArrayList<>(candidates);
    if (dropped == 0) {
      assertEquals(expected, inLine);
      assertEquals(recorded, inLine.size());
      return;
    }
    int next = 0;
    for (String name : inLine) {
      next = expected.subList(next, expected.size()).indexOf(name) + next + 1;
      assertTrue(next > 0, name + " is not among " + expected);
    }
    assertEquals(recorded - dropped, inLine.size());
  }

  private static void assertMetric(
      String name,
      Object expected,
      io.github.goblinfish.metrics.trackers.test.TrackerLine kit,
      TrackerLine local) {
    String text = local.metrics().get(name);
    String shown = (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "=" + expected;
    if (!(expected instanceof String) && text.startsWith("\"")) {
      throw new AssertionError(shown + " but the line holds " + text);
    }
    if (expected == null) {
      assertEquals("null", text, name);
      assertThrows(IllegalStateException.class, () -> kit.metricText(name));
      assertThrows(IllegalStateException.class, () -> kit.metricDecimal(name));
    } else if (expected instanceof String value) {
      assertEquals(value, kit.metricText(name));
      assertEquals(value, text);
    } else if ((expected instanceof Double || expected instanceof Float)
        && !Double.isFinite(((Number) expected).doubleValue())) {
      double value = ((Number) expected).doubleValue();
      assertEquals(value, kit.metric(name));
      assertEquals(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity", text);
    } else {
      BigDecimal value = new BigDecimal(expected.toString());
      assertEquals(0, value.compareTo(kit.metricDecimal(name)), name + ": " + kit.text());
      assertEquals(0, value.compareTo(new BigDecimal(text)), name + ": " + text);
    }
  }

  private static int[] dropped(String cutWarning) {
    Matcher counts = DROPPED.matcher(cutWarning);
    assertTrue(counts.find(), cutWarning);
    return new int[] {
      Integer.parseInt(counts.group(1)),
      Integer.parseInt(counts.group(2)),
      Integer.parseInt(counts.group(3))
    };
  }

  /** Nanoseconds as the line's milliseconds: three decimals, rounded half up. */
  private static double millis(long nanos) {
    return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }

  /** The names as a cut line holds them: at most 1,024 chars, never half a surrogate pair. */
  private static <V> Map<String, V> cutNames(Map<String, V> recorded, boolean cut) {
    Map<String, V> names = new LinkedHashMap<>();
    // Of names the cut makes equal, the first is kept.
    recorded.forEach(
        (name, value) -> {
          String kept = cut ? (String) cutText(name, true) : name;
          if (!names.containsKey(kept)) {
            names.put(kept, value);
          }
        });
    return names;
  }

  private static Object cutText(Object value, boolean cut) {
    if (!cut || !(value instanceof String text) || text.length() <= CUT_TEXT_CHARS) {
      return value;
    }
    int end = Character.isHighSurrogate(text.charAt(CUT_TEXT_CHARS - 1)) ? 1023 : CUT_TEXT_CHARS;
    return text.substring(0, end);
  }

  // --- lines the library can never write are refused by both, for the same reason -------------

  enum Mutation {
    METRICS_ARRAY,
    LATENCY_AS_TEXT,
    NEGATIVE_LATENCY,
    LATENCY_BEYOND_2_63_NANOS,
    LATENCY_COUNTS_NOT_AN_OBJECT,
    LATENCY_COUNT_OF_ONE,
    IDENTIFIER_NUMBER,
    IDENTIFIER_OBJECT,
    METRIC_BOOLEAN,
    WARNINGS_NOT_A_LIST,
    NO_METRICS,
    NO_LATENCIES,
    AWS_WITHOUT_TIMESTAMP,
    DECLARED_METRIC_WITHOUT_VALUE,
    OUT_OF_ORDER,
    DUPLICATED_KEY,
    DUPLICATED_METRIC,
    UNQUOTED_KEY,
    SINGLE_QUOTED_KEY,
    TRAILING_TEXT,
    SECOND_OBJECT,
    CUT_SHORT
  }

  @Property(tries = 400)
  void linesTheLibraryCanNeverWriteAreRefusedByBothForTheSameReason(
      @ForAll("smallRuns") Run run, @ForAll Mutation mutation) {
    String line = lineOf(run, format(run.emf())).strip();
    String mutated = mutated(line, mutation);

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> io.github.goblinfish.metrics.trackers.test.TrackerLine.parse(mutated),
            mutated);
    String message = refused.getMessage();
    String prefix = "not a tracker line (";
    String suffix = "): " + (mutated.length() <= 300 ? mutated : mutated.substring(0, 300) + "...");
    assertTrue(message.startsWith(prefix) && message.endsWith(suffix), message);
    String reason = message.substring(prefix.length(), message.length() - suffix.length());
    assertFalse(reason.isBlank(), message);

    TrackerLine.Reading reading = TrackerLine.read(mutated);
    assertNull(reading.line(), mutated);
    if (mutation == Mutation.NO_LATENCIES && !mutated.contains("\"latencies\"")) {
      // Not a tracker line for the report either: an event of the function's own.
      assertNull(reading.refusal(), mutated);
    } else {
      assertEquals(TerminalText.message(reason), reading.refusal(), mutated);
      assertFalse(reading.refusal().contains("\n"));
    }
  }

  private static String mutated(String line, Mutation mutation) {
    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    JsonObject latencies = json.getAsJsonObject("latencies");
    String firstLatency = latencies.keySet().stream().findFirst().orElse(null);
    boolean emf = json.has("_aws");
    switch (mutation) {
      case METRICS_ARRAY:
        json.add("metrics", new JsonArray());
        return json.toString();
      case LATENCY_AS_TEXT:
        latencies.addProperty(
            firstLatency != null ? firstLatency : "step",
            firstLatency != null ? latencies.get(firstLatency).getAsString() : "1.000");
        return json.toString();
      case NEGATIVE_LATENCY:
        latencies.add(
            firstLatency != null ? firstLatency : "step",
            JsonParser.parseString(
                "-" + (firstLatency != null ? latencies.get(firstLatency).toString() : "1.000")));
        return json.toString();
      case LATENCY_BEYOND_2_63_NANOS:
        latencies.add(
            firstLatency != null ? firstLatency : "step",
            JsonParser.parseString("9223372036854.777"));
        return json.toString();
      case LATENCY_COUNTS_NOT_AN_OBJECT:
        return withMember(json, "latencies", "latency_counts", new JsonPrimitive(7));
      case LATENCY_COUNT_OF_ONE:
        {
          if (firstLatency == null) {
            latencies.add("step", JsonParser.parseString("1.000"));
          }
          JsonObject counts = new JsonObject();
          counts.addProperty(firstLatency != null ? firstLatency : "step", 1);
          json.remove("latency_counts");
          return withMember(json, "latencies", "latency_counts", counts);
        }
      case IDENTIFIER_NUMBER:
        json.addProperty("order_id_", 7);
        return json.toString();
      case IDENTIFIER_OBJECT:
        json.add("order_id_", new JsonObject());
        return json.toString();
      case METRIC_BOOLEAN:
        json.getAsJsonObject("metrics").addProperty("paid_", true);
        return json.toString();
      case WARNINGS_NOT_A_LIST:
        json.remove("tracker_warnings");
        return withMember(json, "metrics", "tracker_warnings", new JsonPrimitive("one"));
      case NO_METRICS:
        json.remove("metrics");
        return json.toString();
      case NO_LATENCIES:
        json.remove("latencies");
        return json.toString();
      case AWS_WITHOUT_TIMESTAMP:
        if (emf) {
          json.getAsJsonObject("_aws").remove("Timestamp");
          return json.toString();
        }
        return "{\"_aws\":{\"CloudWatchMetrics\":[]}," + line.substring(1);
      case DECLARED_METRIC_WITHOUT_VALUE:
        {
          JsonObject rebuilt = new JsonObject();
          rebuilt.add(
              "_aws",
              JsonParser.parseString(
                  "{\"Timestamp\":0,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
                      + "\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"metric:ghost_\"}]}]}"));
          json.remove("_aws");
          json.entrySet().forEach(member -> rebuilt.add(member.getKey(), member.getValue()));
          return rebuilt.toString();
        }
      case OUT_OF_ORDER:
        if (!emf) {
          JsonElement metrics = json.remove("metrics");
          JsonObject reordered = new JsonObject();
          reordered.add("metrics", metrics);
          json.entrySet().forEach(member -> reordered.add(member.getKey(), member.getValue()));
          return reordered.toString();
        }
        json.remove("metrics");
        return json.toString();
      case DUPLICATED_KEY:
        return "{\"metrics\":{}," + line.substring(1);
      case DUPLICATED_METRIC:
        {
          int at = line.indexOf("\"metrics\":{") + "\"metrics\":{".length();
          String more = line.charAt(at) == '}' ? "" : ",";
          return line.substring(0, at) + "\"n_\":1,\"n_\":2" + more + line.substring(at);
        }
      case UNQUOTED_KEY:
        return line.replaceFirst("\"latencies\":", "latencies:");
      case SINGLE_QUOTED_KEY:
        return line.replaceFirst("\"metrics\":", "'metrics':");
      case TRAILING_TEXT:
        return line + " and more";
      case SECOND_OBJECT:
        return line + line;
      case CUT_SHORT:
        return line.substring(0, line.length() - 1);
      default:
        throw new AssertionError(mutation);
    }
  }

  /** {@code json} with {@code name} set to {@code value} right after the member {@code after}. */
  private static String withMember(JsonObject json, String after, String name, JsonElement value) {
    JsonObject rebuilt = new JsonObject();
    for (Map.Entry<String, JsonElement> member : json.entrySet()) {
      if (!member.getKey().equals(name)) {
        rebuilt.add(member.getKey(), member.getValue());
      }
      if (member.getKey().equals(after)) {
        rebuilt.add(name, value);
      }
    }
    return rebuilt.toString();
  }

  // --- EMF lines in another layout
  // ----------------------------------------------------------------

  /**
   * The EMF layout may change: {@code _aws} last instead of first, metrics of its own (such as a
   * {@code ColdStart} count), metrics in several directives. Neither reader depends on the members'
   * order or on which metrics {@code _aws} declares.
   */
  @Example
  void emfLinesAreReadWhateverTheMembersOrderAndWhateverMetricsTheyDeclare() {
    List<String> lines = new ArrayList<>();
    LineFormat undimensioned =
        LineFormat.emf()
            .namespace("orders")
            .dimensions(List.of(List.of()))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    ProcessTracker tracker =
        ProcessTracker.builder().output(lines::add).format(undimensioned).build();
    tracker.trackProcess(
        "handler",
        () -> {
          for (int i = 0; i < 150; i++) {
            ProcessTracker.current().setMetric("m" + i, i);
          }
        });
    JsonObject written = JsonParser.parseString(lines.get(0)).getAsJsonObject();
    JsonObject aws = written.remove("_aws").getAsJsonObject();
    JsonArray directives = aws.getAsJsonArray("CloudWatchMetrics");
    assertEquals(1, directives.size(), aws.toString());
    assertEquals(
        100, directives.get(0).getAsJsonObject().getAsJsonArray("Metrics").size(), aws.toString());
    // Another layout: the 50 metrics the line left undeclared in a second directive, and a
    // ColdStart count of its own, with _aws moved to the front.
    JsonObject second = directives.get(0).getAsJsonObject().deepCopy();
    JsonArray rest = new JsonArray();
    for (int i = 0; i < 150; i++) {
      if (i >= 99) {
        JsonObject metric = new JsonObject();
        metric.addProperty("Name", "metric:m" + i);
        rest.add(metric);
      }
    }
    second.add("Metrics", rest);
    directives.add(second);
    JsonObject coldStart = new JsonObject();
    coldStart.addProperty("Name", "ColdStart");
    coldStart.addProperty("Unit", "Count");
    directives.get(0).getAsJsonObject().getAsJsonArray("Metrics").add(coldStart);
    JsonObject moved = new JsonObject();
    moved.add("_aws", aws);
    moved.addProperty("ColdStart", 1);
    written.entrySet().forEach(member -> moved.add(member.getKey(), member.getValue()));
    String line = moved.toString();

    io.github.goblinfish.metrics.trackers.test.TrackerLine kit =
        io.github.goblinfish.metrics.trackers.test.TrackerLine.parse(line);
    assertTrue(kit.isEmf());
    assertEquals(152, kit.emfMetricNames().size(), kit.emfMetricNames().toString());
    assertEquals(1, kit.emfValue("ColdStart"));
    assertEquals(149, kit.emfValue("metric:m149"));
    assertEquals(Map.of(), kit.identifiers());
    TrackerLine local = TrackerLine.parse(line).orElseThrow();
    assertTrue(local.emf());
    assertEquals(150, local.metrics().size());
  }

  // --- the line written before a real timeout ------------------------------------------------

  /** A handler still running at its deadline: the timeout watch writes its line. */
  static final class StuckHandler extends TrackedRequestHandler<CountDownLatch, String> {
    StuckHandler(HandlerConfig config) {
      super(config);
    }

    @Override
    protected String handleTracked(CountDownLatch written, Context context) {
      try (Timer timer = tracker().timer("load_order")) {
        written.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "late";
    }
  }

  @Example
  void theLineWrittenBeforeATimeoutIsAcceptedByBoth() {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch written = new CountDownLatch(1);
    HandlerConfig config =
        HandlerConfig.builder()
            .output(
                line -> {
                  lines.add(line);
                  written.countDown();
                })
            .timeoutMargin(Duration.ofMillis(1000))
            .build();
    // The deadline counts from here: a second of room before the watch fires, so a loaded machine
    // that starts the handler late still sees it armed in time rather than already past.
    TestContext context = TestContext.builder().timeout(Duration.ofMillis(2000)).build();

    assertEquals("late", new StuckHandler(config).handleRequest(written, context));

    assertEquals(1, lines.size(), lines.toString());
    io.github.goblinfish.metrics.trackers.test.TrackerLine kit =
        io.github.goblinfish.metrics.trackers.test.TrackerLine.parse(lines.get(0));
    assertEquals(1, kit.metric("timed_out"));
    assertEquals(List.of("StuckHandler", "load_order"), kit.latencyNames());
    TrackerLine local = TrackerLine.parse(lines.get(0)).orElseThrow();
    assertEquals("1", local.metrics().get("timed_out"));
    assertTrue(
        kit.warnings().stream().anyMatch(w -> w.startsWith("the invocation was about to time out")),
        kit.warnings().toString());
  }

  // --- generators --------------------------------------------------------------------------------

  @Provide
  Arbitrary<Run> runs() {
    return runs(true);
  }

  @Provide
  Arbitrary<Run> smallRuns() {
    return runs(false);
  }

  private static Arbitrary<Run> runs(boolean big) {
    Arbitrary<List<Step>> steps =
        Combinators.combine(step(big).list().ofMaxSize(30), Arbitraries.integers().between(0, 4))
            .as((some, dice) -> big && dice == 0 ? withTooMuchText(some) : some);
    Arbitrary<Set<Integer>> failing =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.just(Set.<Integer>of())),
            net.jqwik.api.Tuple.of(
                3, Arbitraries.integers().between(0, 12).set().ofMinSize(1).ofMaxSize(4)),
            net.jqwik.api.Tuple.of(3, Arbitraries.just(ALWAYS)));
    return Combinators.combine(
            steps,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 4).map(n -> n == 0),
            failing)
        .as(Run::new);
  }

  /** The steps, then two values that together make the line longer than 256,000 bytes. */
  private static List<Step> withTooMuchText(List<Step> steps) {
    List<Step> more = new ArrayList<>(steps);
    more.add(new SetMetric("note", "x".repeat(130_000)));
    more.add(new SetIdentifier("trace", "y".repeat(130_000)));
    return more;
  }

  private static Arbitrary<String> names() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(
            4,
            Arbitraries.of(
                "load_order",
                "validate",
                "charge_card",
                "order_lines",
                "ünïcödé 名前",
                "line\nbreak",
                "quote\"back\\slash",
                "emoji 😀",
                "n".repeat(1_500))),
        net.jqwik.api.Tuple.of(1, text().ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank())));
  }

  /** Any text without surrogates, control characters included. */
  private static net.jqwik.api.arbitraries.StringArbitrary text() {
    return Arbitraries.strings().withCharRange('\u0000', '\ud7ff');
  }

  private static Arbitrary<String> identifierNames() {
    return Arbitraries.oneOf(
            names(), Arbitraries.of("order_id", "tenant", "request_id", "cold_start", "service"))
        .filter(name -> !ProcessTracker.RESERVED_NAMES.contains(name));
  }

  private static Arbitrary<Object> metricValues(boolean big) {
    List<Arbitrary<? extends Object>> values =
        new ArrayList<>(
            List.of(
                Arbitraries.longs(),
                Arbitraries.doubles(),
                Arbitraries.of(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    -0.0d,
                    1e300,
                    Float.MAX_VALUE,
                    new BigDecimal("1E+400"),
                    new BigDecimal("-0.000001"),
                    BigInteger.TWO.pow(80),
                    "express",
                    "",
                    "NaN",
                    "tab\tand\u0000nul"),
                text().ofMaxLength(20),
                Arbitraries.just(null)));
    if (big) {
      values.add(Arbitraries.integers().between(90_000, 140_000).map("x"::repeat));
    }
    return Arbitraries.oneOf(values);
  }

  private static Arbitrary<Object> identifierValues(boolean big) {
    List<Arbitrary<? extends Object>> values =
        new ArrayList<>(
            List.of(
                text().ofMaxLength(20),
                Arbitraries.of(true, false),
                Arbitraries.just(null),
                Arbitraries.of("ord-1001", "n".repeat(1_300))));
    if (big) {
      values.add(Arbitraries.integers().between(90_000, 140_000).map("y"::repeat));
    }
    return Arbitraries.oneOf(values);
  }

  private static Arbitrary<Step> step(boolean big) {
    Arbitrary<Long> nanos =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 5_000_000_000L),
            Arbitraries.longs().between(0, 1L << 62));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Combinators.combine(names(), nanos).as(Time::new)),
        net.jqwik.api.Tuple.of(1, names().map(LeaveOpen::new)),
        net.jqwik.api.Tuple.of(
            6, Combinators.combine(names(), metricValues(big)).as(SetMetric::new)),
        net.jqwik.api.Tuple.of(
            2,
            Combinators.combine(names(), Arbitraries.longs().between(-5, Long.MAX_VALUE))
                .as(Increment::new)),
        net.jqwik.api.Tuple.of(
            5,
            Combinators.combine(identifierNames(), identifierValues(big)).as(SetIdentifier::new)),
        net.jqwik.api.Tuple.of(
            2,
            Combinators.combine(names(), Arbitraries.integers().between(1, 25))
                .as(Unreadable::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new TimeOut())));
  }
}
