package io.github.goblinfish.metrics.trackers.lines;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the library's formats can write, and nothing else: the default line and the EMF line, as
 * {@code JsonLine}, {@code EmfPlan}, {@code LineLimit} and the fallback of {@code Lines} write
 * them.
 *
 * <ul>
 *   <li>At most 256,000 bytes of UTF-8; one JSON object, no key twice (see {@link StrictJson}).
 *   <li>{@code latencies}: an object, possibly empty (a failing ticker or a cut line leaves spans
 *       out), of non-negative numbers of at most 9223372036854.776 ms.
 *   <li>{@code latency_counts}, when present: a non-empty object of whole numbers from 2 to 2^63-1,
 *       each for a latency of the line, in the latencies' order.
 *   <li>{@code untracked}, when present: a latency, the entry's time that no step covered.
 *   <li>{@code metrics}: an object of numbers, strings and nulls.
 *   <li>{@code init} and {@code init_steps}, when present (the process's first line): objects of
 *       latencies.
 *   <li>{@code tracker_warnings}, when present: 1 to 21 strings.
 *   <li>{@code _aws}, when present (the EMF line): an object with a whole-number {@code Timestamp}
 *       and a {@code CloudWatchMetrics} array of directives (empty when no dimension set could be
 *       filled), each with a {@code Metrics} array of objects with a {@code Name}; each declared
 *       name is a root member that holds a number. The rest of {@code _aws}, and the order of an
 *       EMF line's members, are not checked, so that the EMF layout may change without the parsers
 *       refusing its lines.
 *   <li>In an EMF line, a {@code latency_ms:…} or {@code metric:…} member that {@code _aws} does
 *       not declare (past 100 metrics a line, or with no dimension set filled) holds a number.
 *   <li>Every other member is an identifier: a string, {@code true}, {@code false} or null.
 *   <li>In a line without {@code _aws}, the members come in the library's order: {@code latencies},
 *       {@code latency_counts}, {@code untracked}, {@code metrics}, {@code init}, {@code
 *       init_steps}, {@code tracker_warnings}, then the identifiers.
 *   <li>Every name has at least one character.
 * </ul>
 *
 * <p>{@link LineReader} reads every line through these rules, for the test kit and for the local
 * runner alike. Latencies are checked as numbers, not as the three decimals the library writes,
 * because {@code sam logs} prints a line again with its numbers as Python writes them ({@code
 * 22.73}).
 */
final class LineGrammar {
  static final String LATENCIES = "latencies";
  static final String LATENCY_COUNTS = "latency_counts";
  static final String METRICS = "metrics";
  static final String UNTRACKED = "untracked";
  static final String INIT = "init";
  static final String INIT_STEPS = "init_steps";
  static final String WARNINGS = "tracker_warnings";
  static final String EMF = "_aws";

  /** The line's own members, in the order the default line writes them. */
  private static final List<String> OWN =
      List.of(LATENCIES, LATENCY_COUNTS, UNTRACKED, METRICS, INIT, INIT_STEPS, WARNINGS);

  private static final int MAX_LINE_BYTES = 256_000;

  /** 2^63-1 nanoseconds, the figure a saturated span or total is written as. */
  private static final BigDecimal MAX_LATENCY = new BigDecimal("9223372036854.776");

  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);

  /** At most 20 warnings, then one that says how many more there were. */
  private static final int MAX_WARNINGS = 21;

  private static final int QUOTED_NAME_CHARS = 60;

  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");

  private LineGrammar() {}

  /** Whether a top-level member is the line's own rather than an identifier: EMF roots aside. */
  static boolean isOwn(String name) {
    return OWN.contains(name) || name.equals(EMF);
  }

  /** Why a line is not one the library writes. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Checks {@code line}, read from {@code text}, against the rules above.
   *
   * @return the names the EMF metadata declares, in order; empty for a line without {@code _aws}
   * @throws Refused saying which rule the line breaks
   */
  static List<String> check(String text, JsonObject line) throws Refused {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
      throw new Refused("longer than " + MAX_LINE_BYTES + " bytes");
    }
    JsonObject latencies = object(line, LATENCIES, true);
    for (Map.Entry<String, JsonElement> latency : latencies.entrySet()) {
      latency(name(latency.getKey()), latency.getValue());
    }
    JsonObject counts = object(line, LATENCY_COUNTS, false);
    if (counts != null) {
      counts(counts, new ArrayList<>(latencies.keySet()));
    }
    for (Map.Entry<String, JsonElement> metric : object(line, METRICS, true).entrySet()) {
      String name = name(metric.getKey());
      JsonElement value = metric.getValue();
      if (!value.isJsonNull() && !isNumber(value) && !isString(value)) {
        throw new Refused("metric " + name + " is not a number, text or null: " + shown(value));
      }
    }
    JsonElement untracked = line.get(UNTRACKED);
    if (untracked != null) {
      latency(UNTRACKED, untracked);
    }
    for (String initMember : List.of(INIT, INIT_STEPS)) {
      JsonObject init = object(line, initMember, false);
      if (init != null) {
        for (Map.Entry<String, JsonElement> part : init.entrySet()) {
          latency(initMember + "." + name(part.getKey()), part.getValue());
        }
      }
    }
    warnings(line.get(WARNINGS));
    JsonElement aws = line.get(EMF);
    List<String> declared = aws == null ? List.of() : emf(aws, line);
    // The furthest of the default line's own members seen so far, or past them all once an
    // identifier was: the EMF layout may move its members, the default line never does.
    int reached = -1;
    for (Map.Entry<String, JsonElement> member : line.entrySet()) {
      String name = member.getKey();
      int own = OWN.indexOf(name);
      if (own >= 0) {
        if (aws == null && own < reached) {
          throw new Refused(
              name + " comes after " + (reached < OWN.size() ? OWN.get(reached) : "an identifier"));
        }
        reached = Math.max(reached, own);
        continue;
      }
      if (name.equals(EMF) || declared.contains(name)) {
        continue;
      }
      if (aws != null && isEmfValueName(name)) {
        // A value the EMF format writes but could not declare: past 100 metrics a line, or with
        // no dimension set filled. The line says so in its warnings.
        if (!isNumber(member.getValue())) {
          throw new Refused(
              "EMF value " + name(name) + " is not a number: " + shown(member.getValue()));
        }
        continue;
      }
      String shownName = name(name);
      if (aws == null && reached < OWN.indexOf(METRICS)) {
        throw new Refused("identifier " + shownName + " comes before " + METRICS);
      }
      reached = OWN.size();
      JsonElement value = member.getValue();
      if (!value.isJsonNull() && !isString(value) && !isBoolean(value)) {
        throw new Refused(
            "identifier " + shownName + " is not text, true, false or null: " + shown(value));
      }
    }
    return declared;
  }

  private static void latency(String name, JsonElement value) throws Refused {
    if (!isNumber(value)) {
      throw new Refused("latency " + name + " is not a number: " + shown(value));
    }
    if (negative(value)) {
      throw new Refused("latency " + name + " is negative: " + value);
    }
    if (StrictJson.decimal(value.getAsJsonPrimitive()).compareTo(MAX_LATENCY) > 0) {
      throw new Refused("latency " + name + " is beyond " + MAX_LATENCY + " ms: " + value);
    }
  }

  private static void counts(JsonObject counts, List<String> latencies) throws Refused {
    if (counts.size() == 0) {
      throw new Refused(LATENCY_COUNTS + " is empty");
    }
    int previous = -1;
    for (Map.Entry<String, JsonElement> count : counts.entrySet()) {
      String name = name(count.getKey());
      int position = latencies.indexOf(count.getKey());
      if (position < 0) {
        throw new Refused("latency count " + name + " is for no latency of the line");
      }
      if (position < previous) {
        throw new Refused("latency count " + name + " is out of the latencies' order");
      }
      previous = position;
      JsonElement value = count.getValue();
      if (!isNumber(value) || !whole(value, TWO, MAX_LONG)) {
        throw new Refused(
            "latency count " + name + " is not a whole number from 2 to 2^63-1: " + shown(value));
      }
    }
  }

  private static void warnings(JsonElement warnings) throws Refused {
    if (warnings == null) {
      return;
    }
    if (!warnings.isJsonArray()
        || warnings.getAsJsonArray().isEmpty()
        || warnings.getAsJsonArray().size() > MAX_WARNINGS) {
      throw new Refused(WARNINGS + " is not a list of 1 to " + MAX_WARNINGS + " strings");
    }
    for (JsonElement warning : warnings.getAsJsonArray()) {
      if (!isString(warning)) {
        throw new Refused(WARNINGS + " holds something other than text: " + shown(warning));
      }
    }
  }

  /** The EMF metadata's declared names, each checked to be a root member holding a number. */
  private static List<String> emf(JsonElement aws, JsonObject line) throws Refused {
    if (!aws.isJsonObject()) {
      throw new Refused(EMF + " is not an object");
    }
    JsonElement timestamp = aws.getAsJsonObject().get("Timestamp");
    if (timestamp == null || !isNumber(timestamp) || !whole(timestamp, MIN_LONG, MAX_LONG)) {
      throw new Refused(EMF + " has no whole-number Timestamp");
    }
    JsonElement directives = aws.getAsJsonObject().get("CloudWatchMetrics");
    // Empty when no dimension set could be filled: the line then declares no metric, and says why.
    if (directives == null || !directives.isJsonArray()) {
      throw new Refused(EMF + " has no CloudWatchMetrics array");
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonElement directive : directives.getAsJsonArray()) {
      JsonElement metrics =
          directive.isJsonObject() ? directive.getAsJsonObject().get("Metrics") : null;
      if (metrics == null || !metrics.isJsonArray()) {
        throw new Refused("a CloudWatchMetrics directive has no Metrics array");
      }
      for (JsonElement metric : (JsonArray) metrics) {
        JsonElement name = metric.isJsonObject() ? metric.getAsJsonObject().get("Name") : null;
        if (name == null || !isString(name) || name.getAsString().isEmpty()) {
          throw new Refused("an EMF metric has no Name");
        }
        names.add(name.getAsString());
      }
    }
    for (String name : names) {
      if (isOwn(name)) {
        throw new Refused("EMF metric " + name(name) + " is one of the line's own members");
      }
      JsonElement value = line.get(name);
      if (value == null || !isNumber(value)) {
        throw new Refused(
            "EMF metric "
                + name(name)
                + " has no number at the root: "
                + (value == null ? "none" : shown(value)));
      }
    }
    return List.copyOf(names);
  }

  private static JsonObject object(JsonObject line, String name, boolean required) throws Refused {
    JsonElement member = line.get(name);
    if (member == null) {
      if (required) {
        throw new Refused("no " + name + " object");
      }
      return null;
    }
    if (!member.isJsonObject()) {
      throw new Refused(name + " is not an object: " + shown(member));
    }
    return member.getAsJsonObject();
  }

  /** A number written as an integer ({@code 2}, never {@code 2.0}) from min to max. */
  private static boolean whole(JsonElement number, BigDecimal min, BigDecimal max) {
    JsonPrimitive primitive = number.getAsJsonPrimitive();
    if (!WHOLE.matcher(primitive.getAsNumber().toString()).matches()) {
      return false;
    }
    BigDecimal value = StrictJson.decimal(primitive);
    return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
  }

  private static boolean negative(JsonElement number) {
    Number value = number.getAsJsonPrimitive().getAsNumber();
    return value instanceof StrictJson.WrittenNumber
        ? ((StrictJson.WrittenNumber) value).negative()
        : StrictJson.decimal(number.getAsJsonPrimitive()).signum() < 0;
  }

  private static boolean isNumber(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static boolean isBoolean(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
  }

  /** A name as JSON text, shortened: one line whatever it holds. */
  private static String name(String name) throws Refused {
    if (name.isEmpty()) {
      throw new Refused("a name is empty");
    }
    return shown(new JsonPrimitive(name));
  }

  /** A value as JSON text, shortened. */
  private static String shown(JsonElement value) {
    String json = value.toString();
    return json.length() <= QUOTED_NAME_CHARS ? json : json.substring(0, QUOTED_NAME_CHARS) + "...";
  }

  /**
   * The root members the EMF format writes its values in: {@code latency_ms:…}, {@code metric:…}.
   */
  static boolean isEmfValueName(String name) {
    return name.startsWith("latency_ms:") || name.startsWith("metric:");
  }
}
