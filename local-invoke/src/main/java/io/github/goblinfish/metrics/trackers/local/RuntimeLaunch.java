package io.github.goblinfish.metrics.trackers.local;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a runtime process is started: the JVM options, classpath and environment Lambda's Java
 * runtimes give the runtime interface client.
 *
 * <p>Immutable and thread-safe.
 */
final class RuntimeLaunch {
  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  final FunctionSpec spec;
  private final List<Path> runtimeJars;
  private final Path runtimeDir;
  private final Path jniLib;
  private final Path parentWatchJar;
  private final int port;
  private final String logStream;
  private final int maxConcurrency;

  RuntimeLaunch(
      FunctionSpec spec,
      List<Path> runtimeJars,
      Path jniLib,
      Path parentWatchJar,
      int port,
      String logStream,
      int maxConcurrency) {
    this.spec = spec;
    this.runtimeJars = List.copyOf(runtimeJars);
    this.runtimeDir = RuntimeClientJars.ricJar(runtimeJars).toAbsolutePath().getParent();
    this.jniLib = jniLib;
    this.parentWatchJar = parentWatchJar;
    this.port = port;
    this.logStream = logStream;
    this.maxConcurrency = maxConcurrency;
  }

  /** The java command line after the executable: options, classpath, main class, handler. */
  List<String> javaArguments() {
    List<String> arguments = new ArrayList<>(jvmOptions());
    arguments.add("-cp");
    List<String> cp = new ArrayList<>();
    runtimeJars.forEach(p -> cp.add(p.toAbsolutePath().toString()));
    spec.classpath().forEach(p -> cp.add(p.toAbsolutePath().toString()));
    arguments.add(String.join(File.pathSeparator, cp));
    arguments.add(MAIN_CLASS);
    arguments.add(spec.handler());
    return arguments;
  }

  List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    // What Lambda's Java runtimes start the JVM with (tiered compilation stops at C1 since java17).
    options.add("-XX:+TieredCompilation");
    options.add("-XX:TieredStopAtLevel=1");
    options.add("-XX:+UseSerialGC");
    options.add("-Xshare:auto");
    options.add("-XX:MaxHeapSize=" + (spec.memoryMb() * 1024L * 85 / 100) + "k");
    // Lambda's runtimes run in UTF-8; the locale alone gives that only where it is installed.
    options.add("-Dfile.encoding=UTF-8");
    options.add("-Dsun.jnu.encoding=UTF-8");
    // The client opens the telemetry descriptor reflectively; without this it silently logs to
    // stdout.
    options.add("--add-opens=java.base/java.io=ALL-UNNAMED");
    int feature = Runtime.version().feature();
    if (feature >= 22) {
      // Keeps JDK 22+ from printing warnings (as log events) about the client's System.load.
      options.add("--enable-native-access=ALL-UNNAMED");
    }
    if (feature >= 23) {
      // Likewise for its use of sun.misc.Unsafe.
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    options.add("-D" + JNI_PROPERTY + "=" + jniLib);
    if (parentWatchJar != null) {
      options.add("-javaagent:" + parentWatchJar + "=" + ProcessHandle.current().pid());
    }
    return options;
  }

  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String passed :
        List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
      String value = System.getenv(passed);
      if (value != null) {
        env.put(passed, value);
      }
    }
    env.putAll(spec.environment());
    // Lambda's reserved variables win over the function's, as they do on Lambda.
    env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
    // C.UTF-8 exists on every glibc and musl system; en_US.UTF-8 (Lambda's) often does not.
    env.put("LANG", "C.UTF-8");
    env.put("TZ", ":UTC");
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + port);
    env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
    env.put("AWS_LAMBDA_LOG_FORMAT", spec.logFormat());
    if (spec.logLevel() != null) {
      env.put("AWS_LAMBDA_LOG_LEVEL", spec.logLevel());
    }
    env.put("AWS_REGION", Template.REGION);
    env.put("AWS_DEFAULT_REGION", Template.REGION);
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", spec.initType());
    env.put("LAMBDA_TASK_ROOT", spec.taskRoot().toAbsolutePath().toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
    env.put("_HANDLER", spec.handler());
    env.put("_LAMBDA_TELEMETRY_LOG_FD", "3");
    if (maxConcurrency > 0) {
      env.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(maxConcurrency));
    }
    return env;
  }

  /**
   * The environment as a shell script of {@code export} lines. The shell that becomes the runtime
   * reads it as bytes, so values reach the runtime as UTF-8 whatever the runner's own locale.
   */
  String environmentScript() {
    StringBuilder script = new StringBuilder();
    environment()
        .forEach(
            (name, value) ->
                script
                    .append("export ")
                    .append(name)
                    .append("='")
                    .append(value.replace("'", "'\\''"))
                    .append("'\n"));
    return script.toString();
  }
}
