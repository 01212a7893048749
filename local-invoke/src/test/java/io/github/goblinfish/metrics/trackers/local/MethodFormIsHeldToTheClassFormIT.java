package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.HandlerForms.classForm;
import static io.github.goblinfish.metrics.trackers.local.HandlerForms.methodForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The method form is held to the class form: for generated events of every kind of event type
 * (POJOs with BigDecimal, BigInteger and long fields and nested lists and maps of POJOs, a list and
 * a map of POJOs, a type given through a generic base class, String, Integer, an untyped Map and an
 * aws-lambda-java-events type), the real runtime client gives a handler named {@code
 * pkg.Class::handleRequest} exactly what it gives the handler named {@code pkg.Class}: the same
 * event (as the handler writes it out, with the class of every value), the same response body, and
 * the same error body when reading the event or the handler fails.
 *
 * <p>Starting a runtime is what costs, so each handler runs once per form, in one runtime that
 * takes all of its events in turn: a try is 16 runtimes and {@value #EVENTS} invocations each.
 */
class MethodFormIsHeldToTheClassFormIT {
  private static final int EVENTS = 40;
  private static final Gson GSON = new Gson();

  @Property(tries = 1, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void everyEventResponseAndFailureOfTheMethodFormIsTheClassForms(
      @ForAll("orders") List<String> orders,
      @ForAll("lineLists") List<String> lineLists,
      @ForAll("lineMaps") List<String> lineMaps,
      @ForAll("lines") List<String> lines,
      @ForAll("anyJson") List<String> strings,
      @ForAll("integers") List<String> integers,
      @ForAll("maps") List<String> maps,
      @ForAll("apiEvents") List<String> apiEvents)
      throws Exception {
    Map<String, List<String>> eventsByHandler = new LinkedHashMap<>();
    eventsByHandler.put("ApiEcho", apiEvents);
    eventsByHandler.put("OrderEcho", orders);
    eventsByHandler.put("LinesHandler", lineLists);
    eventsByHandler.put("LinesByCodeHandler", lineMaps);
    eventsByHandler.put("LineViaGenericBase", lines);
    eventsByHandler.put("StringHandler", strings);
    eventsByHandler.put("IntegerHandler", integers);
    eventsByHandler.put("MapHandler", maps);

    List<String> differences = new ArrayList<>();
    int failures = 0;
    for (Map.Entry<String, List<String>> entry : eventsByHandler.entrySet()) {
      String handler = entry.getKey();
      List<String> events = entry.getValue();
      List<Invocation> byClass = HandlerForms.run(classForm(handler), events);
      List<Invocation> byMethod = HandlerForms.run(methodForm(handler), events);
      int succeeded = 0;
      for (int i = 0; i < events.size(); i++) {
        String expected = HandlerForms.outcome(byClass.get(i));
        String actual = HandlerForms.outcome(byMethod.get(i));
        if (!expected.equals(actual)) {
          differences.add(
              handler
                  + " event "
                  + events.get(i)
                  + "\n  class form:  "
                  + expected
                  + "\n  method form: "
                  + actual);
        }
        if (byClass.get(i).succeeded()) {
          succeeded++;
        } else {
          failures++;
        }
        Statistics.collect(handler, byClass.get(i).succeeded() ? "response" : "error");
      }
      int handlerSucceeded = succeeded;
      assertTrue(
          handlerSucceeded > 0,
          () ->
              handler
                  + ": no event was read, so the sample proves nothing; the first gave "
                  + HandlerForms.outcome(byClass.get(0)));
    }
    assertEquals(List.of(), differences, () -> String.join("\n", differences));
    assertTrue(failures > 0, "the sample holds events that fail, so failures are compared too");
  }

  @Provide
  Arbitrary<List<String>> orders() {
    return Arbitraries.frequencyOf(
            Tuple.of(12, order()), Tuple.of(1, Arbitraries.of("null", "{}", "[]", "\"text\"")))
        .list()
        .ofSize(EVENTS);
  }

  @Provide
  Arbitrary<List<String>> lineLists() {
    return Arbitraries.frequencyOf(Tuple.of(8, array(lineOrNull())), Tuple.of(1, json("null")))
        .list()
        .ofSize(EVENTS);
  }

  @Provide
  Arbitrary<List<String>> lineMaps() {
    return Arbitraries.frequencyOf(Tuple.of(8, keyed(lineOrNull())), Tuple.of(1, json("null")))
        .list()
        .ofSize(EVENTS);
  }

  @Provide
  Arbitrary<List<String>> lines() {
    return Arbitraries.frequencyOf(Tuple.of(8, line()), Tuple.of(1, json("null")))
        .list()
        .ofSize(EVENTS);
  }

  @Provide
  Arbitrary<List<String>> anyJson() {
    return anyValue().list().ofSize(EVENTS);
  }

  @Provide
  Arbitrary<List<String>> integers() {
    return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().map(String::valueOf)),
            Tuple.of(2, decimal()),
            Tuple.of(1, Arbitraries.integers().map(n -> "\"" + n + "\"")),
            Tuple.of(1, Arbitraries.of("null", "true", "\"x\"", "2147483648", "-2147483649")))
        .list()
        .ofSize(EVENTS);
  }

  @Provide
  Arbitrary<List<String>> maps() {
    return keyed(anyValue()).list().ofSize(EVENTS);
  }

  @Provide
  Arbitrary<List<String>> apiEvents() {
    Arbitrary<String> request =
        Combinators.combine(
                field("path", text()),
                field("httpMethod", Arbitraries.of("\"GET\"", "\"POST\"")),
                field("headers", keyed(text())),
                field("pathParameters", keyed(text())),
                field("body", text()),
                field("isBase64Encoded", Arbitraries.of("true", "false")),
                field(
                    "requestContext",
                    text()
                        .map(
                            id ->
                                "{\"requestId\":"
                                    + id
                                    + ",\"identity\":{\"sourceIp\":\"10.0.0.1\"}}")))
            .as((a, b, c, d, e, f, g) -> object(a, b, c, d, e, f, g));
    return Arbitraries.frequencyOf(Tuple.of(8, request), Tuple.of(1, json("{}")))
        .list()
        .ofSize(EVENTS);
  }

  /** An order: every field present, null or absent; a note "fail..." makes the handler throw. */
  private static Arbitrary<String> order() {
    Arbitrary<String> note =
        Arbitraries.frequencyOf(
            Tuple.of(6, text()), Tuple.of(1, text().map(t -> GSON.toJson("fail" + t))));
    return Combinators.combine(
            field("id", longNumber()),
            field("amount", decimal()),
            field("count", integerNumber()),
            field("note", note),
            field("lines", array(lineOrNull())),
            field("byCode", keyed(lineOrNull())))
        .as((a, b, c, d, e, f) -> object(a, b, c, d, e, f));
  }

  private static Arbitrary<String> line() {
    return Combinators.combine(
            field("sku", text()), field("price", decimal()), field("qty", longNumber()))
        .as((a, b, c) -> object(a, b, c));
  }

  private static Arbitrary<String> lineOrNull() {
    return Arbitraries.frequencyOf(Tuple.of(6, line()), Tuple.of(1, json("null")));
  }

  /** Any JSON value a client might send, deepest two levels. */
  private static Arbitrary<String> anyValue() {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            text(), decimal(), integerNumber(), Arbitraries.of("true", "false", "null"));
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalar), Tuple.of(1, array(scalar)), Tuple.of(1, keyed(scalar)));
  }

  /** {@code "name":value}, {@code "name":null}, or nothing (the field is absent). */
  private static Arbitrary<String> field(String name, Arbitrary<String> value) {
    String key = GSON.toJson(name) + ":";
    return Arbitraries.frequencyOf(
        Tuple.of(1, json("")),
        Tuple.of(1, json(key + "null")),
        Tuple.of(6, value.map(key::concat)));
  }

  private static String object(String... fields) {
    List<String> present = new ArrayList<>();
    for (String field : fields) {
      if (!field.isEmpty()) {
        present.add(field);
      }
    }
    return "{" + String.join(",", present) + "}";
  }

  private static Arbitrary<String> array(Arbitrary<String> element) {
    return element.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
  }

  /** An object of up to four members with distinct keys. */
  private static Arbitrary<String> keyed(Arbitrary<String> value) {
    return Combinators.combine(text().list().ofSize(4), value.list().ofMaxSize(4))
        .as(
            (keys, values) -> {
              List<String> members = new ArrayList<>();
              for (int i = 0; i < values.size(); i++) {
                String key = GSON.fromJson(keys.get(i), String.class) + "#" + i;
                members.add(GSON.toJson(key) + ":" + values.get(i));
              }
              return "{" + String.join(",", members) + "}";
            });
  }

  /** A JSON string: ASCII, accented letters, escapes and quotes. */
  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars("éü€\u00a0\n\t\"\\")
        .ofMaxLength(12)
        .map(GSON::toJson);
  }

  /** Decimals of every size: many digits, tiny and huge exponents, and the review's cases. */
  private static Arbitrary<String> decimal() {
    Arbitrary<String> digits =
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(40);
    Arbitrary<String> generated =
        Combinators.combine(
                Arbitraries.of("", "-"),
                digits.map(MethodFormIsHeldToTheClassFormIT::withoutLeadingZeros),
                Arbitraries.oneOf(json(""), digits.map("."::concat)),
                Arbitraries.oneOf(
                    json(""), Arbitraries.integers().between(-400, 400).map(e -> "e" + e)))
            .as((sign, whole, fraction, exponent) -> sign + whole + fraction + exponent);
    return Arbitraries.frequencyOf(
        Tuple.of(6, generated),
        Tuple.of(
            1,
            Arbitraries.of(
                "12345678901234567890.12",
                "1e400",
                "-1E-400",
                "0",
                "-0",
                "0.0",
                "123.4500",
                "1.7976931348623157E308",
                "4.9e-324",
                "9223372036854775807",
                "9223372036854775808")));
  }

  private static Arbitrary<String> longNumber() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.longs().map(String::valueOf)),
        Tuple.of(
            1,
            Arbitraries.of(
                String.valueOf(Long.MAX_VALUE),
                String.valueOf(Long.MIN_VALUE),
                "9223372036854775808",
                "1.5",
                "1e3")));
  }

  private static Arbitrary<String> integerNumber() {
    return Combinators.combine(
            Arbitraries.of("", "-"),
            Arbitraries.strings()
                .withCharRange('0', '9')
                .ofMinLength(1)
                .ofMaxLength(60)
                .map(MethodFormIsHeldToTheClassFormIT::withoutLeadingZeros))
        .as(String::concat);
  }

  private static String withoutLeadingZeros(String digits) {
    String stripped = digits.replaceFirst("^0+", "");
    return stripped.isEmpty() ? "0" : stripped;
  }

  private static Arbitrary<String> json(String text) {
    return Arbitraries.just(text);
  }
}
