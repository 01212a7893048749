package io.github.goblinfish.metrics.trackers;

import static io.github.goblinfish.metrics.trackers.EmfLinesDeclareWhatCloudWatchAcceptsTest.CLOCK;
import static io.github.goblinfish.metrics.trackers.EmfLinesDeclareWhatCloudWatchAcceptsTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Whatever the configuration and the record, every EMF line is one CloudWatch extracts in full (the
 * EMF schema, and the rules the schema cannot say, checked by {@link EmfSchemaCheck}); what cannot
 * be declared is refused at configuration or left out of the metrics with a warning on the line,
 * and the line is always written.
 */
class EveryEmfLineIsExtractedInFullTest {
  private static final long DAY = 24L * 3600 * 1000;

  /** Names the dimension sets draw from, each with the identifier value a record may give it. */
  private static final List<String> DIMENSION_NAMES =
      List.of("function_name", "service", "tenant", "flag", "long", "accented", "blank");

  /** One metric or latency the record sets, as a name and a value (null for a latency). */
  static final class Entry {
    final String name;
    final Object value;

    Entry(String name, Object value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public String toString() {
      String text = String.valueOf(value);
      return name + "=" + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
  }

  @Provide
  Arbitrary<String> namespaces() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("aZ09.-_/#:").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("ab:").ofMinLength(250).ofMaxLength(260),
        Arbitraries.of(":orders", "AWS/Lambda", "orders", "my orders", "caf\u00e9", ""));
  }

  @Provide
  Arbitrary<List<List<String>>> dimensions() {
    Arbitrary<List<List<String>>> any =
        Arbitraries.of(DIMENSION_NAMES)
            .set()
            .ofMaxSize(3)
            .map(set -> (List<String>) new ArrayList<>(set))
            .list()
            .ofMinSize(1)
            .ofMaxSize(3);
    // Sets the record can often fill, so that many lines declare metrics.
    Arbitrary<List<List<String>>> fillable =
        Arbitraries.of(
            List.of(List.of()),
            List.of(List.of("function_name")),
            List.of(List.of("service"), List.of("function_name", "service")));
    return Arbitraries.oneOf(any, fillable);
  }

  @Provide
  Arbitrary<Optional<String>> services() {
    return Arbitraries.of(
        Optional.empty(), Optional.of("order-api"), Optional.of("s".repeat(1024)));
  }

  /** The clock's reading relative to CloudWatch's, in milliseconds; null: the clock throws. */
  @Provide
  Arbitrary<Long> clockOffsets() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(-16 * DAY, DAY)),
        Tuple.of(
            2,
            Arbitraries.of(
                0L, -14 * DAY, -14 * DAY - 1, 2 * 3600_000L, 2 * 3600_000L + 1, -NOW, 365 * DAY)),
        Tuple.of(1, Arbitraries.just(Long.MAX_VALUE)),
        Tuple.of(1, Arbitraries.just((Long) null)));
  }

  @Provide
  Arbitrary<List<Entry>> latencies() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 100_000).map(i -> "step" + i),
            Arbitraries.of("caf\u00e9", "n".repeat(300), "quote\"d", "cold_start", "timed_out"));
    return names
        .map(name -> new Entry(name, null))
        .list()
        .ofMaxSize(130)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<List<Entry>> metrics() {
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.longs().map(v -> (Object) v),
            Arbitraries.doubles().map(v -> (Object) v),
            Arbitraries.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                1e-300,
                1e300,
                BigInteger.TWO.pow(400),
                new BigDecimal("0." + "7".repeat(3000)),
                new BigDecimal("1E-400"),
                new BigDecimal("-1.5"),
                "text",
                "t".repeat(2000)),
            Arbitraries.just(null));
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 100_000).map(i -> "m" + i),
            Arbitraries.of("failed", "timed_out", "cold_start", "caf\u00e9", "function_name"));
    return net.jqwik.api.Combinators.combine(names, values)
        .as(Entry::new)
        .list()
        .ofMaxSize(130)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void everyEmfLineIsOneCloudWatchExtractsInFull(
      @ForAll("namespaces") String namespace,
      @ForAll("dimensions") List<List<String>> dimensions,
      @ForAll("services") Optional<String> service,
      @ForAll("clockOffsets") Long clockOffset,
      @ForAll("latencies") List<Entry> latencies,
      @ForAll("metrics") List<Entry> metrics,
      @ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 6) Integer> identifiers,
      @ForAll boolean coldStart,
      @ForAll boolean cut,
      @ForAll boolean units) {
    EmfLineFormat.Builder format = LineFormat.emf();
    try {
      format.namespace(namespace);
      assertTrue(EmfRules.acceptedNamespace(namespace));
    } catch (IllegalArgumentException refused) {
      assertTrue(refused.getMessage().startsWith("namespace '"), refused.getMessage());
    }
    try {
      format.dimensions(dimensions);
    } catch (IllegalArgumentException refused) {
      assertTrue(refused.getMessage().startsWith("dimensions not accepted: "));
    }
    service.ifPresent(format::service);
    if (units) {
      format.unit("m1", EmfUnit.BYTES).unit("step1", EmfUnit.SECONDS).highResolution("m2");
    }
    Clock clock =
        clockOffset == null
            ? EmfLinesAreExtractedInFullTest.clock(null, new IllegalStateException("no time"))
            : clockOffset == Long.MAX_VALUE
                ? EmfLinesAreExtractedInFullTest.clock(Instant.MAX, null)
                : Clock.fixed(Instant.ofEpochMilli(NOW + clockOffset), java.time.ZoneOffset.UTC);
    String line =
        EmfLinesDeclareWhatCloudWatchAcceptsTest.line(
            format.clock(clock).receivingClock(CLOCK).build(),
            (tracker, ticker) -> {
              for (int i : identifiers) {
                identify(tracker, DIMENSION_NAMES.get(i));
              }
              if (coldStart) {
                tracker.setIdentifier("cold_start", true);
              }
              for (Entry latency : latencies) {
                tracker.track(latency.name, () -> ticker.advanceMicros(3));
              }
              for (Entry metric : metrics) {
                if (metric.value instanceof String) {
                  tracker.setMetric(metric.name, (String) metric.value);
                } else {
                  tracker.setMetric(metric.name, (Number) metric.value);
                }
              }
              if (cut) {
                tracker.setIdentifier("dump", "x".repeat(300_000));
              }
            });

    JsonObject root = EmfSchemaCheck.assertValidEmf(line);
    int declared = declaredCount(root);
    int numbers = numberCount(root);
    if (declared < numbers) {
      String warnings = String.valueOf(root.get("tracker_warnings"));
      assertTrue(
          warnings.contains("EMF: ") || warnings.contains(" more warnings"),
          () -> numbers + " numbers, " + declared + " declared, no word why: " + warnings);
    }
    if (clockOffset != null
        && clockOffset != Long.MAX_VALUE
        && EmfRules.acceptedTimestamp(NOW + clockOffset, NOW)) {
      assertEquals(
          NOW + clockOffset,
          root.getAsJsonObject("_aws").get("Timestamp").getAsLong(),
          "the clock's own reading when CloudWatch takes it");
    }
  }

  private static int declaredCount(JsonObject root) {
    int declared = 0;
    for (JsonElement directive : root.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics")) {
      declared += directive.getAsJsonObject().getAsJsonArray("Metrics").size();
    }
    return declared;
  }

  private static int numberCount(JsonObject root) {
    int numbers = root.getAsJsonObject("latencies").size();
    for (String name : root.getAsJsonObject("metrics").keySet()) {
      JsonElement value = root.getAsJsonObject("metrics").get(name);
      numbers += value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber() ? 1 : 0;
    }
    return numbers;
  }

  private static void identify(ProcessTracker tracker, String name) {
    switch (name) {
      case "function_name":
        tracker.setIdentifier(name, "f".repeat(1 + name.length() % 3) + "-orders");
        break;
      case "service":
        tracker.setIdentifier(name, "billing");
        break;
      case "tenant":
        tracker.setIdentifier(name, "t".repeat(1024));
        break;
      case "flag":
        tracker.setIdentifier(name, true);
        break;
      case "long":
        tracker.setIdentifier(name, "l".repeat(1025));
        break;
      case "accented":
        tracker.setIdentifier(name, "caf\u00e9");
        break;
      default:
        tracker.setIdentifier(name, " ");
        break;
    }
  }
}
