package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A SAM template reduced to what a local invocation needs: its serverless functions with {@code
 * Globals.Function} merged in.
 */
final class Template {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";

  private static final Map<String, String> PSEUDO =
      Map.of(
          "AWS::Region",
          REGION,
          "AWS::AccountId",
          ACCOUNT,
          "AWS::Partition",
          "aws",
          "AWS::URLSuffix",
          "amazonaws.com");
  private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final Path path;
  private final Map<String, Object> parameters;
  private final Map<String, Map<String, Object>> functions;

  private Template(
      Path path, Map<String, Object> parameters, Map<String, Map<String, Object>> functions) {
    this.path = path;
    this.parameters = parameters;
    this.functions = functions;
  }

  static Template load(Path path) throws LocalInvokeException {
    Object root;
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      root = CfnYaml.newYaml().load(reader);
    } catch (NoSuchFileException e) {
      throw new LocalInvokeException(
          "template " + path + " not found (use --template to point at one)");
    } catch (IOException e) {
      throw new LocalInvokeException("cannot read template " + path + ": " + e.getMessage(), e);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where =
          mark == null
              ? ""
              : " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ":";
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new LocalInvokeException(
          "invalid template " + path + ":" + where + " " + oneLine(problem), e);
    } catch (YAMLException e) {
      throw new LocalInvokeException(
          "invalid template " + path + ": " + oneLine(e.getMessage()), e);
    }
    if (!(root instanceof Map<?, ?> rootMap)) {
      throw new LocalInvokeException(
          "invalid template " + path + ": the top level is not a mapping");
    }
    Map<String, Object> globals = map(map(rootMap.get("Globals")).get("Function"));
    Map<String, Object> resources = map(rootMap.get("Resources"));
    if (resources.isEmpty()) {
      throw new LocalInvokeException("invalid template " + path + ": no Resources");
    }
    Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
    for (Map.Entry<String, Object> resource : resources.entrySet()) {
      Map<String, Object> body = map(resource.getValue());
      if ("AWS::Serverless::Function".equals(body.get("Type"))) {
        functions.put(resource.getKey(), mergeGlobals(globals, map(body.get("Properties"))));
      }
    }
    return new Template(path, map(rootMap.get("Parameters")), functions);
  }

  List<String> functionIds() {
    return List.copyOf(functions.keySet());
  }

  Path path() {
    return path;
  }

  /** The merged properties of one function, as the template's JSON shape. */
  Map<String, Object> properties(String id) {
    return functions.get(id);
  }

  FunctionSpec function(String id, Consumer<String> warnings) throws LocalInvokeException {
    return function(id, warnings, null);
  }

  /**
   * One function, its code taken from {@code codeOverride} instead of its CodeUri when that is not
   * null: what the Maven plugin passes, the project's own build laid out as a Lambda zip.
   */
  FunctionSpec function(String id, Consumer<String> warnings, Path codeOverride)
      throws LocalInvokeException {
    Map<String, Object> props = functions.get(id);
    if (props == null) {
      throw new LocalInvokeException(
          "function '"
              + id
              + "' not found in "
              + path
              + "; known functions: "
              + (functions.isEmpty() ? "(none)" : String.join(", ", functions.keySet())));
    }
    if (!(props.get("Handler") instanceof String handler) || handler.isBlank()) {
      throw new LocalInvokeException("function '" + id + "' in " + path + " has no Handler");
    }
    String runtime = props.get("Runtime") instanceof String r ? r : "java21";
    if (!runtime.startsWith("java")) {
      throw new LocalInvokeException(
          "function '"
              + id
              + "' has Runtime "
              + runtime
              + "; only Java runtimes can run locally here");
    }
    FunctionSpec spec =
        codeOverride != null
            ? code(id, handler, codeOverride.toAbsolutePath().normalize(), warnings)
            : code(id, handler, props.get("CodeUri"), warnings);
    spec = spec.withRuntime(runtime);
    Object timeout = literal(props, "Timeout", 3, id, warnings);
    spec = spec.withTimeout(Duration.ofSeconds(LambdaLimits.timeoutSeconds(id, timeout)));
    Object memory = literal(props, "MemorySize", 128, id, warnings);
    spec = spec.withMemoryMb(LambdaLimits.memoryMb(id, memory));
    Map<String, Object> logging = map(props.get("LoggingConfig"));
    if (logging.get("LogFormat") instanceof String format) {
      try {
        spec = spec.withLogFormat(format);
      } catch (IllegalArgumentException e) {
        throw new LocalInvokeException("function '" + id + "': LoggingConfig." + e.getMessage());
      }
    }
    if (logging.get("ApplicationLogLevel") instanceof String level) {
      spec = spec.withLogLevel(level);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, Object> variable :
        map(map(props.get("Environment")).get("Variables")).entrySet()) {
      String value = resolve(variable.getValue());
      if (value == null) {
        warnings.accept(
            "warning: "
                + id
                + ": environment variable "
                + variable.getKey()
                + " = "
                + variable.getValue()
                + " cannot be resolved locally; left out");
      } else {
        env.put(variable.getKey(), value);
      }
    }
    LambdaLimits.checkEnvironment(id, env);
    return spec.withEnvironment(env);
  }

  private FunctionSpec code(String id, String handler, Object codeUri, Consumer<String> warnings)
      throws LocalInvokeException {
    if (!(codeUri instanceof String uri)) {
      throw new LocalInvokeException(
          "function '" + id + "' needs a local CodeUri (a folder, .jar or .zip); got " + codeUri);
    }
    Path base = path.toAbsolutePath().getParent();
    return code(id, handler, base.resolve(uri).normalize(), warnings);
  }

  /**
   * The function's code as Lambda would see it: a .zip or .jar is unpacked per run into the task
   * root, as Lambda unpacks either; a folder is a task root (classes at the top, jars in lib/), a
   * Maven module built to target/classes (its jars in target/lib), or a reactor root.
   */
  private FunctionSpec code(String id, String handler, Path code, Consumer<String> warnings)
      throws LocalInvokeException {
    String lower = code.getFileName() == null ? "" : code.getFileName().toString();
    lower = lower.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".jar") || lower.endsWith(".zip")) {
      if (!Files.isRegularFile(code)) {
        throw new LocalInvokeException(
            "function '"
                + id
                + "': CodeUri "
                + code
                + " does not exist; "
                + buildHint(code.getParent()));
      }
      return FunctionSpec.ofZip(id, handler, code);
    }
    if (!Files.isDirectory(code)) {
      throw new LocalInvokeException(
          "function '" + id + "': CodeUri folder " + code + " does not exist");
    }
    Path classes = code.resolve("target/classes");
    if (Files.isDirectory(classes)) {
      return builtModule(id, handler, code, warnings);
    }
    if (Files.exists(code.resolve("pom.xml"))) {
      Path module = moduleWithHandler(code, handler);
      if (module != null) {
        return builtModule(id, handler, module, warnings);
      }
      throw new LocalInvokeException(
          "function '" + id + "' is not built (" + classes + " is missing); " + buildHint(code));
    }
    // Already laid out as a task root: classes at the top, jars in lib/ (sam build's output).
    List<Path> cp = new ArrayList<>();
    cp.add(code);
    cp.addAll(libJars(id, code.resolve("lib"), warnings));
    return FunctionSpec.of(id, handler, code, cp);
  }

  private static FunctionSpec builtModule(
      String id, String handler, Path module, Consumer<String> warnings)
      throws LocalInvokeException {
    Path classes = module.resolve("target/classes");
    List<Path> cp = new ArrayList<>();
    cp.add(classes);
    cp.addAll(libJars(id, module.resolve("target/lib"), warnings));
    return FunctionSpec.of(id, handler, classes, cp);
  }

  /**
   * The jars of a folder layout's lib/, with a warning when there are none: a function with
   * dependencies would otherwise fail only at run time, with NoClassDefFoundError.
   */
  private static List<Path> libJars(String id, Path lib, Consumer<String> warnings)
      throws LocalInvokeException {
    List<Path> jars = jars(lib);
    if (jars.isEmpty()) {
      warnings.accept(
          "warning: "
              + id
              + ": no jars in "
              + lib
              + (Files.isDirectory(lib) ? "" : " (missing)")
              + "; a Lambda zip carries the function's runtime dependencies there, so a function"
              + " that has any fails with NoClassDefFoundError");
    }
    return jars;
  }

  /** "Build it first", naming the build that the code's folder or one above it uses. */
  static String buildHint(Path folder) {
    for (Path dir = folder; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return "build it first (./mvnw package in " + dir + ")";
      }
      if (Files.isRegularFile(dir.resolve("pom.xml"))) {
        return "build it first (mvn package in " + dir + ")";
      }
      if (Files.isRegularFile(dir.resolve("gradlew"))) {
        return "build it first (./gradlew build in " + dir + ")";
      }
      if (Files.isRegularFile(dir.resolve("build.gradle"))
          || Files.isRegularFile(dir.resolve("build.gradle.kts"))) {
        return "build it first (gradle build in " + dir + ")";
      }
    }
    return "build it first (mvn package, or gradle build)";
  }

  /**
   * A multi-module CodeUri (SAM's makefile builds point at the reactor root): the one module whose
   * build output holds the handler class, as the makefile would have packaged it.
   */
  private static Path moduleWithHandler(Path root, String handler) throws LocalInvokeException {
    String className =
        handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    String classFile = "target/classes/" + className.replace('.', '/') + ".class";
    try (Stream<Path> dirs = Files.list(root)) {
      List<Path> modules =
          dirs.filter(d -> Files.isRegularFile(d.resolve(classFile))).sorted().toList();
      return modules.size() == 1 ? modules.get(0) : null;
    } catch (IOException e) {
      throw new LocalInvokeException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  static List<Path> jars(Path dir) throws LocalInvokeException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      // Sorted as the runtime client's class loader sorts lib/*.jar, so the order is stable.
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new LocalInvokeException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * A number property as written, or resolved from a parameter's default; the fallback (with a
   * warning) when it is an intrinsic that cannot be resolved locally.
   */
  private Object literal(
      Map<String, Object> props, String key, int fallback, String id, Consumer<String> warnings) {
    Object value = props.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Map<?, ?>)) {
      return value;
    }
    String resolved = resolve(value);
    if (resolved != null) {
      return resolved;
    }
    warnings.accept(
        "warning: "
            + id
            + ": "
            + key
            + " = "
            + value
            + " cannot be resolved locally; using "
            + fallback);
    return fallback;
  }

  /** Resolves a value only when that is trivially possible; null otherwise. */
  String resolve(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    Map<String, Object> intrinsic = map(value);
    if (intrinsic.size() != 1) {
      return null;
    }
    if (intrinsic.get("Ref") instanceof String ref) {
      if (PSEUDO.containsKey(ref)) {
        return PSEUDO.get(ref);
      }
      Object fallback = map(parameters.get(ref)).get("Default");
      return fallback == null ? null : resolve(fallback);
    }
    if (intrinsic.get("Fn::Sub") instanceof String sub) {
      Matcher m = SUB_VAR.matcher(sub);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String replacement = resolve(Map.of("Ref", m.group(1).trim()));
        if (replacement == null) {
          return null;
        }
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      return out.toString().replace("${!", "${");
    }
    return null;
  }

  /** SAM's Globals rules: maps merge key by key (the function wins), lists are concatenated. */
  static Map<String, Object> mergeGlobals(
      Map<String, Object> globals, Map<String, Object> function) {
    Map<String, Object> merged = new LinkedHashMap<>(globals);
    for (Map.Entry<String, Object> entry : function.entrySet()) {
      Object global = merged.get(entry.getKey());
      Object local = entry.getValue();
      if (global instanceof Map<?, ?> && local instanceof Map<?, ?> && !isIntrinsic(local)) {
        merged.put(entry.getKey(), mergeGlobals(map(global), map(local)));
      } else if (global instanceof List<?> g && local instanceof List<?> l) {
        List<Object> both = new ArrayList<>(g);
        both.addAll(l);
        merged.put(entry.getKey(), both);
      } else {
        merged.put(entry.getKey(), local);
      }
    }
    return merged;
  }

  private static boolean isIntrinsic(Object value) {
    Map<String, Object> m = map(value);
    return m.size() == 1
        && m.keySet().stream().anyMatch(k -> k.equals("Ref") || k.startsWith("Fn::"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<Object, Object>) m).forEach((k, v) -> copy.put(String.valueOf(k), v));
      return copy;
    }
    return Map.of();
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").trim();
  }
}
