package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the integration tests (*IT) share: where things are, and exact line patterns. */
final class LambdaITSupport {
  /** Milliseconds as the tracker writes them: exactly three decimals. */
  static final String MS = "<ms>";

  /** The Root of an X-Ray trace header as the runner makes them. */
  static final String TRACE_ROOT = "<trace-root>";

  /** Epoch milliseconds. */
  static final String EPOCH_MS = "<epoch-ms>";

  private static final Pattern TOKENS =
      Pattern.compile(
          Pattern.quote(MS) + "|" + Pattern.quote(TRACE_ROOT) + "|" + Pattern.quote(EPOCH_MS));

  private LambdaITSupport() {}

  /** The repository root: Failsafe passes it; from an IDE the module folder's parent. */
  static Path repositoryRoot() {
    String configured = System.getProperty("local-invoke.it.repositoryRoot");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("template.yaml"))) {
      throw new IllegalStateException("no template.yaml in " + root);
    }
    return root;
  }

  /**
   * Copies the examples' build as Lambda lays out a zip: classes at the root, jars in {@code lib/}.
   *
   * @param target the folder to fill (created when missing)
   */
  static void copyExamplesBuild(Path target) throws java.io.IOException {
    Path examples = repositoryRoot().resolve("examples/target");
    copyTree(examples.resolve("classes"), target);
    copyTree(examples.resolve("lib"), target.resolve("lib"));
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  /**
   * The folder of the compiled test classes (and test resources): where this class was loaded from.
   */
  static Path testClasses() {
    try {
      return Path.of(
          LambdaITSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where a class of a dependency was loaded from: a jar, or a module's classes folder. */
  static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A pattern for an exact line: everything is literal except the tokens {@link #MS}, {@link
   * #TRACE_ROOT} and {@link #EPOCH_MS}.
   */
  static Pattern exactLine(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher token = TOKENS.matcher(template);
    int last = 0;
    while (token.find()) {
      regex.append(Pattern.quote(template.substring(last, token.start())));
      regex.append(
          switch (token.group()) {
            case MS -> "(?:0|[1-9][0-9]*)\\.[0-9]{3}";
            case TRACE_ROOT -> "1-[0-9a-f]{8}-[0-9a-f]{24}";
            default -> "[1-9][0-9]{12}";
          });
      last = token.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }

  static JsonObject object(String json) {
    JsonElement element = JsonParser.parseString(json);
    if (!element.isJsonObject()) {
      throw new AssertionError("not a JSON object: " + json);
    }
    return element.getAsJsonObject();
  }

  static String describe(Invocation inv) {
    return "request "
        + inv.requestId()
        + ": "
        + inv.response().orElse("")
        + inv.error().orElse("")
        + " initLogs="
        + inv.initLogs()
        + " logs="
        + inv.logs();
  }

  /** The Root part of an X-Ray trace header ({@code Root=1-...;Parent=...;Sampled=0}). */
  static String traceRoot(String header) {
    for (String part : header.split(";")) {
      if (part.startsWith("Root=")) {
        return part.substring("Root=".length());
      }
    }
    throw new AssertionError("no Root in trace header " + header);
  }

  static List<String> keys(JsonObject object) {
    return List.copyOf(object.keySet());
  }
}
