package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the child JVM gets, checked without starting one. */
class RuntimeLaunchTest {

  private static FunctionSpec greet() throws LocalInvokeException {
    return Fixtures.function("Greet");
  }

  @Test
  void environmentIsLambdas() throws Exception {
    Path root = Fixtures.testClasses();
    FunctionSpec fn =
        FunctionSpec.of(
                "Orders",
                "io.github.goblinfish.metrics.trackers.local.fixtures.TestFunctions::greet",
                root,
                List.of(root))
            .withMemoryMb(512)
            .withLogFormat("json")
            .withLogLevel("WARN")
            .withRuntime("java17")
            .withTimeout(Duration.ofSeconds(5))
            .withEnvironment(Map.of("TABLE", "orders"));
    try (Engine engine = Engine.create(fn, 3)) {
      RuntimeLaunch launch = engine.launch(4321);
      Map<String, String> env = launch.environment();
      assertEquals("127.0.0.1:4321", env.get("AWS_LAMBDA_RUNTIME_API"));
      assertEquals("Orders", env.get("AWS_LAMBDA_FUNCTION_NAME"));
      assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
      assertEquals("512", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
      assertEquals("/aws/lambda/Orders", env.get("AWS_LAMBDA_LOG_GROUP_NAME"));
      assertTrue(
          env.get("AWS_LAMBDA_LOG_STREAM_NAME")
              .matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}"));
      assertEquals("JSON", env.get("AWS_LAMBDA_LOG_FORMAT"));
      assertEquals("WARN", env.get("AWS_LAMBDA_LOG_LEVEL"));
      assertEquals("us-east-1", env.get("AWS_REGION"));
      assertEquals("us-east-1", env.get("AWS_DEFAULT_REGION"));
      assertEquals("AWS_Lambda_java17", env.get("AWS_EXECUTION_ENV"));
      assertEquals("on-demand", env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
      assertEquals(root.toAbsolutePath().toString(), env.get("LAMBDA_TASK_ROOT"));
      assertTrue(env.get("LAMBDA_RUNTIME_DIR").endsWith("runtime"), env.get("LAMBDA_RUNTIME_DIR"));
      assertEquals(":UTC", env.get("TZ"));
      assertEquals("C.UTF-8", env.get("LANG"));
      assertEquals(fn.handler(), env.get("_HANDLER"));
      assertEquals("3", env.get("_LAMBDA_TELEMETRY_LOG_FD"));
      assertEquals("3", env.get("AWS_LAMBDA_MAX_CONCURRENCY"));
      assertEquals("orders", env.get("TABLE"));
      assertFalse(env.containsKey("HOME"), "the runner's own environment stays out");

      List<String> options = launch.jvmOptions();
      assertTrue(options.contains("--add-opens=java.base/java.io=ALL-UNNAMED"));
      assertTrue(options.contains("-XX:TieredStopAtLevel=1"));
      assertTrue(options.contains("-XX:MaxHeapSize=445644k"), options.toString());
      assertTrue(options.contains("-Dfile.encoding=UTF-8"), options.toString());
      assertTrue(
          options.stream()
              .anyMatch(
                  o ->
                      o.startsWith("-D" + RuntimeLaunch.JNI_PROPERTY + "=")
                          && o.endsWith("libaws-lambda-jni.so")
                          && !o.contains("=/tmp/.libaws-lambda-jni.so")));
      assertTrue(
          options.stream()
              .anyMatch(
                  o ->
                      o.startsWith("-javaagent:")
                          && o.endsWith("parent-watch.jar=" + ProcessHandle.current().pid())),
          options.toString());
    }
  }

  @Test
  void reservedVariablesWinOverTheFunctionsOwn() throws Exception {
    // The template check refuses these names; a spec built in code still cannot override them.
    FunctionSpec fn = greet().withEnvironment(Map.of("AWS_REGION", "eu-west-1"));
    try (Engine engine = Engine.create(fn, 0)) {
      assertEquals("us-east-1", engine.launch(1).environment().get("AWS_REGION"));
    }
  }

  @Test
  void noConcurrencyVariableUnlessAsked() throws Exception {
    try (Engine engine = Engine.create(greet(), 0)) {
      Map<String, String> env = engine.launch(1).environment();
      assertFalse(env.containsKey("AWS_LAMBDA_MAX_CONCURRENCY"));
      assertFalse(env.containsKey("AWS_LAMBDA_LOG_LEVEL"));
      assertEquals("Text", env.get("AWS_LAMBDA_LOG_FORMAT"));
    }
  }

  @Test
  void theEnvironmentScriptQuotesEveryValueForTheShell() throws Exception {
    FunctionSpec fn =
        greet().withEnvironment(Map.of("QUOTED", "it's $HOME `x` \"y\"\nz caf\u00e9"));
    try (Engine engine = Engine.create(fn, 0)) {
      String script = engine.launch(1).environmentScript();
      assertTrue(
          script.contains("export QUOTED='it'\\''s $HOME `x` \"y\"\nz caf\u00e9'\n"), script);
    }
  }

  @Test
  void traceHeaderIsWellFormed() {
    assertTrue(
        Engine.traceHeader()
            .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
  }
}
