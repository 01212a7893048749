package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One side of an A/B run: the function as a template has it, or the template's function with other
 * code, named by what it is ({@code before (old/classes)}, {@code after (template.yaml)}).
 *
 * <pre>{@code
 * AbSide before = AbSide.of("before", Path.of("old/classes"), spec, "ApiGatewayFunction",
 *     System.err::println);
 * before.label(); // "before (old/classes)"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param role {@code before} or {@code after}
 * @param kind {@code code}, {@code template}, or {@code as-is} for the function as the template
 *     given with {@code -t} has it
 * @param given the path as given (the template's, for {@code as-is})
 * @param resolved the path made absolute
 * @param fn the function it runs, checked as {@code ./invoke} checks it
 */
record AbSide(String role, String kind, Path given, Path resolved, FunctionSpec fn) {

  /**
   * @param role {@code before} or {@code after}
   * @param path a template, the function's code, or null for the function as the spec's template
   *     has it
   * @param spec the run: the template whose function takes {@code path} as its code, the log format
   *     and init type
   * @param id the function's logical id
   * @param warnings receives what could not be resolved locally
   * @return the side
   * @throws LocalInvokeException (a usage error) when a template, the function or its code cannot
   *     be used
   */
  static AbSide of(String role, Path path, AbSpec spec, String id, Consumer<String> warnings)
      throws LocalInvokeException {
    Path template = spec.template();
    String kind = path == null ? "as-is" : isTemplate(path) ? "template" : "code";
    Path given = path == null ? template : path;
    FunctionSpec fn =
        switch (kind) {
          case "code" -> Template.load(template).function(id, warnings, path);
          default -> Template.load(given).function(id, warnings);
        };
    return new AbSide(
        role,
        kind,
        given,
        given.toAbsolutePath().normalize(),
        FunctionOptions.ready(fn, spec.logFormat(), spec.initType(), warnings));
  }

  /**
   * @param path a side's path
   * @return true for a SAM template: a name ending {@code .yaml}, {@code .yml} or {@code .json}
   */
  static boolean isTemplate(Path path) {
    Path name = path.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  /** How the comparison names it. */
  String label() {
    return role + " (" + given + ")";
  }

  /** One line saying what it runs, and from where. */
  String announcement(Path template) {
    String function = TerminalText.oneLine(fn.name());
    String what =
        switch (kind) {
          case "code" -> "the code in " + resolved + " as " + function + " of " + template;
          case "template" -> function + " of the template " + resolved;
          default -> function + " as " + resolved + " has it";
        };
    return TerminalText.oneLine(label()) + ": " + TerminalText.oneLine(what);
  }

  /** The side in the comparison's JSON. */
  JsonObject json() {
    JsonObject side = new JsonObject();
    side.addProperty("label", label());
    side.addProperty("kind", kind);
    side.addProperty("path", resolved.toString());
    return side;
  }
}
