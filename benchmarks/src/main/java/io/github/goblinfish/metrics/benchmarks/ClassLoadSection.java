package io.github.goblinfish.metrics.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's section on the classes each cold-start function loads up to its first response. */
final class ClassLoadSection {
  private static final Map<String, String> LABELS =
      Map.of(
          "bare", "bare handler",
          "tracker", "**tracker-lambda**",
          "awsEmf", "aws-embedded-metrics 4.2.0",
          "powertools", "powertools-metrics 2.9.0");

  private ClassLoadSection() {}

  /**
   * Appends the section, when the cold starts counted classes.
   *
   * @param md the report
   * @param cold the cold-start results by function, each with its {@code classes} counts
   */
  static void append(StringBuilder md, JsonObject cold) {
    JsonObject bare = first(cold, "bare");
    if (bare == null) {
      return;
    }
    md.append("## Classes loaded up to the first response\n\n");
    md.append("A figure the machine's load cannot blur: each function's JVM (same runtime client, ")
        .append("options and event as the cold starts) is run with `")
        .append(ClassLoadLog.JVM_OPTION_PREFIX)
        .append("<file>")
        .append(ClassLoadLog.JVM_OPTION_DECORATIONS)
        .append("`, which stamps every loaded class with `System.nanoTime()`'s clock; the classes ")
        .append(
            "stamped no later than the moment the response POST arrived are counted. *JDK* is the ")
        .append("CDS archive and the runtime image, *generated* the classes defined at run time ")
        .append("(lambdas, method handle forms, reflection accessors), *libraries* the function's ")
        .append("dependency jars (the sets below), *runtime client + code* the runtime interface ")
        .append("client's jars and the benchmark's own handler classes. Each function was counted ")
        .append(ColdStart.CLASS_COUNT_RUNS)
        .append(" times in fresh JVMs; *repeatable* says whether ")
        .append("the counts agreed.\n\n");
    md.append(
            "| function | classes | beyond the bare handler | JDK (beyond bare) | generated (beyond bare) ")
        .append("| libraries | runtime client + code | repeatable | library classes by jar |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
    for (Map.Entry<String, JsonElement> variant : cold.entrySet()) {
      JsonObject count = first(cold, variant.getKey());
      if (count == null) {
        continue;
      }
      boolean isBare = variant.getKey().equals("bare");
      List<String> jars = new ArrayList<>();
      for (Map.Entry<String, JsonElement> jar : count.getAsJsonObject("libraryJars").entrySet()) {
        jars.add(jar.getKey() + ": " + jar.getValue().getAsInt());
      }
      md.append("| ")
          .append(LABELS.getOrDefault(variant.getKey(), variant.getKey()))
          .append(" | ")
          .append(number(get(count, "total")))
          .append(" | ")
          .append(isBare ? "" : delta(count, bare, "total"))
          .append(" | ")
          .append(number(get(count, "jdk")))
          .append(isBare ? "" : " (" + delta(count, bare, "jdk") + ")")
          .append(" | ")
          .append(number(get(count, "generated")))
          .append(isBare ? "" : " (" + delta(count, bare, "generated") + ")")
          .append(" | ")
          .append(number(get(count, "libraries")))
          .append(" | ")
          .append(number(get(count, "runtimeClient") + get(count, "functionCode")))
          .append(" | ")
          .append(repeatable(cold, variant.getKey()))
          .append(" | ")
          .append(String.join(", ", jars))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static JsonObject first(JsonObject cold, String variant) {
    JsonObject series = cold.getAsJsonObject(variant);
    if (series == null || !series.has("classes")) {
      return null;
    }
    JsonArray counts = series.getAsJsonArray("classes");
    return counts.isEmpty() ? null : counts.get(0).getAsJsonObject();
  }

  private static String repeatable(JsonObject cold, String variant) {
    JsonArray counts = cold.getAsJsonObject(variant).getAsJsonArray("classes");
    List<String> totals = new ArrayList<>();
    boolean same = true;
    for (JsonElement count : counts) {
      same &= count.equals(counts.get(0));
      totals.add(Integer.toString(get(count.getAsJsonObject(), "total")));
    }
    return same ? "yes" : "**no**: " + String.join(", ", totals);
  }

  private static int get(JsonObject count, String origin) {
    return count.get(origin).getAsInt();
  }

  private static String number(int count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  private static String delta(JsonObject count, JsonObject bare, String origin) {
    return String.format(Locale.ROOT, "%+,d", get(count, origin) - get(bare, origin));
  }
}
