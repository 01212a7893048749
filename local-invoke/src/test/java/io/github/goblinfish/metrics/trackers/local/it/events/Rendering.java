package io.github.goblinfish.metrics.trackers.local.it.events;

import com.google.gson.Gson;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a handler received, written out with the class of every value: a LinkedHashMap where a Line
 * belongs, or a Double where a BigDecimal belongs, reads differently from the real thing.
 */
public final class Rendering {
  private static final Gson GSON = new Gson();

  private Rendering() {}

  /** The value, its class and, for a POJO, its fields by name, all the way down. */
  public static String of(Object value) {
    if (value == null) {
      return "null";
    }
    String type = value.getClass().getSimpleName();
    if (value instanceof CharSequence) {
      return type + ":" + GSON.toJson(value.toString());
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Enum) {
      return type + ":" + value;
    }
    StringBuilder out = new StringBuilder(type);
    if (value instanceof Iterable) {
      List<String> items = new ArrayList<>();
      for (Object item : (Iterable<?>) value) {
        items.add(of(item));
      }
      return out.append(items).toString();
    }
    if (value instanceof Map) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        entries.add(of(entry.getKey()) + "=" + of(entry.getValue()));
      }
      return out.append('{').append(String.join(", ", entries)).append('}').toString();
    }
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = value.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          fields.add(field);
        }
      }
    }
    fields.sort(Comparator.comparing(Field::getName));
    List<String> parts = new ArrayList<>();
    for (Field field : fields) {
      try {
        field.setAccessible(true);
        parts.add(field.getName() + "=" + of(field.get(value)));
      } catch (ReflectiveOperationException | RuntimeException unreadable) {
        parts.add(field.getName() + "=<" + unreadable + ">");
      }
    }
    return out.append('(').append(String.join(", ", parts)).append(')').toString();
  }
}
