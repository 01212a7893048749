package io.github.goblinfish.metrics.trackers.lines;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Reads one JSON object with Gson's reader in its strict mode, refusing what Gson's tree parser
 * lets through: a second value after the object, and a key given twice in one object (the tree
 * parser keeps the last, so a line that wrote a key twice would pass unnoticed). Numbers keep the
 * text they were written in: {@code 1.250} stays {@code 1.250}, a long beyond 2<sup>53</sup> keeps
 * its digits.
 *
 * <pre>{@code
 * JsonObject object = StrictJson.object("{\"latencies\":{\"main\":1.250},\"metrics\":{}}");
 * StrictJson.object("{\"a\":1,\"a\":2}"); // IllegalArgumentException: the key "a" appears twice
 * }</pre>
 *
 * <p>{@link LineReader} reads the tracker line with it; use it directly for JSON around a tracker
 * line, such as a log wrapper, or to look at a line's members as JSON.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrictJson {
  private StrictJson() {}

  /**
   * The object {@code text} holds, read strictly.
   *
   * @param text one JSON object, nothing before or after it but whitespace
   * @return the object, a new one on each call, its numbers as written
   * @throws IllegalArgumentException if {@code text} is not one strict JSON object or gives a key
   *     twice in one object, saying why
   * @throws NullPointerException if {@code text} is null
   */
  public static JsonObject object(String text) {
    if (!text.strip().startsWith("{")) {
      throw new IllegalArgumentException("not a JSON object");
    }
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonObject object = readObject(reader);
      if (!endsAfter(reader)) {
        throw new IllegalArgumentException("more after the JSON object");
      }
      return object;
    } catch (IOException | IllegalStateException malformed) {
      // Gson's reader reports malformed JSON as MalformedJsonException (an IOException) or, for a
      // token of the wrong type, IllegalStateException.
      String message = String.valueOf(malformed.getMessage());
      // Gson's messages go on with a line of advice and a link; the first line says what is wrong.
      int end = message.indexOf('\n');
      String first = end < 0 ? message : message.substring(0, end);
      // What only the lenient mode accepts (an unquoted or single-quoted name or string, NaN, a
      // comment) comes with advice to turn that mode on, which is not for a reader of the line.
      int where = first.indexOf(" at line ");
      if (first.startsWith("Use JsonReader.setStrictness") && where > 0) {
        first = "not strict JSON" + first.substring(where);
      }
      throw new IllegalArgumentException("malformed JSON: " + first, malformed);
    }
  }

  /** The exact value of a number read by {@link #object(String)}. */
  static BigDecimal decimal(JsonPrimitive number) {
    Number value = number.getAsNumber();
    return value instanceof WrittenNumber
        ? ((WrittenNumber) value).decimal
        : new BigDecimal(value.toString());
  }

  /** A JSON number with the text it was written in, which its value alone loses ({@code -0}). */
  static final class WrittenNumber extends Number {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final BigDecimal decimal;

    WrittenNumber(String text) {
      this.text = text;
      this.decimal = new BigDecimal(text);
    }

    /** Whether the number was written with a minus sign, {@code -0.000} included. */
    boolean negative() {
      return text.startsWith("-");
    }

    @Override
    public int intValue() {
      return decimal.intValue();
    }

    @Override
    public long longValue() {
      return decimal.longValue();
    }

    @Override
    public float floatValue() {
      return decimal.floatValue();
    }

    @Override
    public double doubleValue() {
      return decimal.doubleValue();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static boolean endsAfter(JsonReader reader) {
    try {
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException secondValue) {
      // The strict reader refuses a second top-level value outright.
      return false;
    }
  }

  private static JsonObject readObject(JsonReader reader) throws IOException {
    JsonObject object = new JsonObject();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (object.has(name)) {
        throw new IllegalArgumentException("the key \"" + name + "\" appears twice in one object");
      }
      object.add(name, read(reader));
    }
    reader.endObject();
    return object;
  }

  private static JsonElement read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        return readObject(reader);
      case BEGIN_ARRAY:
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader));
        }
        reader.endArray();
        return array;
      case STRING:
        return new JsonPrimitive(reader.nextString());
      case NUMBER:
        // As written: 1.250 stays 1.250, a long beyond 2^53 keeps its digits, -0.0 its sign.
        return new JsonPrimitive(new WrittenNumber(reader.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(reader.nextBoolean());
      case NULL:
        reader.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new IllegalArgumentException("unexpected " + reader.peek() + " " + reader.getPath());
    }
  }
}
