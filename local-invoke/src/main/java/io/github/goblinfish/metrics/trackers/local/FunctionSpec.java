package io.github.goblinfish.metrics.trackers.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the runner needs to know about one function: the subset of an {@code
 * AWS::Serverless::Function} that matters locally, with the function's classpath resolved.
 * Immutable; the {@code with...} methods return changed copies.
 *
 * <p>Usually read from a SAM template; tests can also build one directly:
 *
 * <pre>{@code
 * FunctionSpec fn = LocalInvoke.function(Path.of("template.yaml"), "OrderFunction")
 *         .withLogFormat("JSON")
 *         .withTimeout(Duration.ofSeconds(10));
 *
 * FunctionSpec direct = FunctionSpec.of("Echo", "com.example.Echo::handleRequest",
 *         Path.of("target/test-classes"), List.of(Path.of("target/test-classes")));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FunctionSpec {
  private final String name;
  private final String handler;
  private final String runtime;
  private final Path taskRoot;
  private final List<Path> classpath;
  private final Path zip;
  private final Duration timeout;
  private final int memoryMb;
  private final String logFormat;
  private final String logLevel;
  private final Map<String, String> environment;
  private final String initType;

  /** The values Lambda gives {@code AWS_LAMBDA_INITIALIZATION_TYPE}. */
  static final List<String> INIT_TYPES =
      List.of("on-demand", "provisioned-concurrency", "snap-start", "lambda-managed-instances");

  /** The values of a spec while one is made: the factories and each {@code with...} fill one. */
  private static final class Parts {
    String name;
    String handler;
    String runtime = "java21";
    Path taskRoot;
    List<Path> classpath = List.of();
    Path zip;
    Duration timeout = Duration.ofSeconds(3);
    int memoryMb = 128;
    String logFormat = "Text";
    String logLevel;
    Map<String, String> environment = Map.of();
    String initType = "on-demand";
  }

  private FunctionSpec(Parts parts) {
    this.name = Objects.requireNonNull(parts.name, "name");
    this.handler = Objects.requireNonNull(parts.handler, "handler");
    this.runtime = Objects.requireNonNull(parts.runtime, "runtime");
    this.taskRoot = parts.taskRoot;
    this.classpath = List.copyOf(parts.classpath);
    this.zip = parts.zip;
    this.timeout = Objects.requireNonNull(parts.timeout, "timeout");
    this.memoryMb = parts.memoryMb;
    this.logFormat = normalizeLogFormat(parts.logFormat);
    this.logLevel = parts.logLevel;
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(parts.environment));
    if (!INIT_TYPES.contains(parts.initType)) {
      throw new IllegalArgumentException(
          "init type must be one of "
              + String.join(", ", INIT_TYPES)
              + ", not '"
              + parts.initType
              + "'");
    }
    this.initType = parts.initType;
  }

  /** This spec's values, to change one of them in a copy. */
  private Parts parts() {
    Parts parts = new Parts();
    parts.name = name;
    parts.handler = handler;
    parts.runtime = runtime;
    parts.taskRoot = taskRoot;
    parts.classpath = classpath;
    parts.zip = zip;
    parts.timeout = timeout;
    parts.memoryMb = memoryMb;
    parts.logFormat = logFormat;
    parts.logLevel = logLevel;
    parts.environment = environment;
    parts.initType = initType;
    return parts;
  }

  /**
   * A function with Lambda's defaults: runtime java21, 3 s timeout, 128 MB, Text logs.
   *
   * @param name function name (the template's logical id)
   * @param handler {@code package.Class::method} or {@code package.Class}
   * @param taskRoot working directory of the runtime, as {@code /var/task} on Lambda
   * @param classpath the function's classes and jars
   * @return the spec
   */
  public static FunctionSpec of(String name, String handler, Path taskRoot, List<Path> classpath) {
    Parts parts = new Parts();
    parts.name = name;
    parts.handler = handler;
    parts.taskRoot = taskRoot;
    parts.classpath = classpath;
    return new FunctionSpec(parts);
  }

  static FunctionSpec ofZip(String name, String handler, Path zip) {
    Parts parts = new Parts();
    parts.name = name;
    parts.handler = handler;
    parts.zip = zip;
    return new FunctionSpec(parts);
  }

  static String normalizeLogFormat(String format) {
    if (format == null) {
      return "Text";
    }
    if (format.equalsIgnoreCase("text")) {
      return "Text";
    }
    if (format.equalsIgnoreCase("json")) {
      return "JSON";
    }
    throw new IllegalArgumentException("log format must be Text or JSON, not '" + format + "'");
  }

  /**
   * @return the function name (logical id)
   */
  public String name() {
    return name;
  }

  /**
   * @return the handler string passed to the runtime client
   */
  public String handler() {
    return handler;
  }

  /**
   * @return the template's Runtime, e.g. {@code java21}
   */
  public String runtime() {
    return runtime;
  }

  /**
   * @return the runtime's working directory; {@code null} when the code is a zip still to unpack
   */
  public Path taskRoot() {
    return taskRoot;
  }

  /**
   * @return the function's classpath entries (directories and jars)
   */
  public List<Path> classpath() {
    return classpath;
  }

  Path zip() {
    return zip;
  }

  /**
   * @return the invocation timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * @return the configured memory in MB
   */
  public int memoryMb() {
    return memoryMb;
  }

  /**
   * @return {@code Text} or {@code JSON}
   */
  public String logFormat() {
    return logFormat;
  }

  /**
   * @return the application log level, or {@code null} when not set
   */
  public String logLevel() {
    return logLevel;
  }

  /**
   * @return the function's own environment variables
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * @param newRuntime a Lambda runtime identifier such as {@code java17}
   * @return a copy with that runtime
   */
  public FunctionSpec withRuntime(String newRuntime) {
    Parts parts = parts();
    parts.runtime = newRuntime;
    return new FunctionSpec(parts);
  }

  /**
   * @param newHandler the handler string
   * @return a copy with that handler
   */
  public FunctionSpec withHandler(String newHandler) {
    Parts parts = parts();
    parts.handler = newHandler;
    return new FunctionSpec(parts);
  }

  /**
   * @param newTaskRoot working directory of the runtime
   * @param newClasspath the function's classes and jars
   * @return a copy running that code
   */
  public FunctionSpec withCode(Path newTaskRoot, List<Path> newClasspath) {
    Parts parts = parts();
    parts.taskRoot = newTaskRoot;
    parts.classpath = newClasspath;
    parts.zip = null;
    return new FunctionSpec(parts);
  }

  /**
   * @param newTimeout invocation timeout
   * @return a copy with that timeout
   */
  public FunctionSpec withTimeout(Duration newTimeout) {
    Parts parts = parts();
    parts.timeout = newTimeout;
    return new FunctionSpec(parts);
  }

  /**
   * @param newMemoryMb memory size in MB
   * @return a copy with that memory size
   */
  public FunctionSpec withMemoryMb(int newMemoryMb) {
    Parts parts = parts();
    parts.memoryMb = newMemoryMb;
    return new FunctionSpec(parts);
  }

  /**
   * @param newLogFormat {@code Text} or {@code JSON} (any case)
   * @return a copy with that log format
   */
  public FunctionSpec withLogFormat(String newLogFormat) {
    Parts parts = parts();
    parts.logFormat = newLogFormat;
    return new FunctionSpec(parts);
  }

  /**
   * Whether Lambda's REPORT shows an Init Duration for environments of this initialisation type:
   * only on demand. Provisioned concurrency and Managed Instances initialise before any request, so
   * no invocation's REPORT carries the init; a SnapStart restore shows a Restore Duration instead.
   */
  static boolean reportsInitDuration(String initType) {
    return "on-demand".equals(initType);
  }

  /**
   * Returns the {@code AWS_LAMBDA_INITIALIZATION_TYPE} the runtime is given.
   *
   * @return one of {@link #INIT_TYPES}; {@code on-demand} unless set
   */
  public String initType() {
    return initType;
  }

  /**
   * @param newInitType one of {@code on-demand}, {@code provisioned-concurrency}, {@code
   *     snap-start}, {@code lambda-managed-instances}
   * @return a copy whose runtime is told it was initialised that way
   * @throws IllegalArgumentException for any other value
   */
  public FunctionSpec withInitType(String newInitType) {
    Parts parts = parts();
    parts.initType = newInitType;
    return new FunctionSpec(parts);
  }

  /**
   * @param newLogLevel application log level (TRACE..FATAL) or {@code null}
   * @return a copy with that level
   */
  public FunctionSpec withLogLevel(String newLogLevel) {
    Parts parts = parts();
    parts.logLevel = newLogLevel;
    return new FunctionSpec(parts);
  }

  /**
   * @param newEnvironment the function's environment variables (replaces the current ones)
   * @return a copy with those variables
   */
  public FunctionSpec withEnvironment(Map<String, String> newEnvironment) {
    Parts parts = parts();
    parts.environment = newEnvironment;
    return new FunctionSpec(parts);
  }
}
