package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated templates: whatever the environment variables, Timeout and MemorySize, a function is
 * either accepted with exactly those values (and its variables reach a process byte for byte), or
 * refused with exit code 2 and one line on stderr, exactly when Lambda would refuse it.
 */
class TemplatePropertyTest {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");

  /** Lambda's reserved variables, as its documentation lists them. */
  private static final Set<String> RESERVED =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
            Arbitraries.strings()
                .withCharRange('A', 'Z')
                .withChars('_', '1')
                .ofMinLength(1)
                .ofMaxLength(12),
            Arbitraries.strings().ofMaxLength(8),
            Arbitraries.of(RESERVED),
            Arbitraries.of("A", "A=B", "1A", "a b", "\u00e9t\u00e9", "NAME\n"))
        // YAML has no way to write an unpaired surrogate; LambdaLimitsTest covers those.
        .filter(TemplatePropertyTest::wellFormed);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40),
            Arbitraries.strings()
                .withChars("'\"\\$`\n\0 caf\u00e9\u2028\ud83d\ude00")
                .ofMaxLength(20),
            Arbitraries.strings().withChars('v').ofMinLength(4000).ofMaxLength(4100))
        .filter(TemplatePropertyTest::wellFormed);
  }

  @Provide
  Arbitrary<Object> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-5, 11_000).map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.of(
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.5, 30.0, -0.0, 1e300),
        Arbitraries.of("10", " 60 ", "1e2", "ten", "", "0x10", "900", "128", "10240", "12.0"));
  }

  @Property(tries = 200)
  void everyTemplateIsRunAsWrittenOrRefusedInOneLine(
      @ForAll("names") String name,
      @ForAll("values") String value,
      @ForAll("numbers") Object timeout,
      @ForAll("numbers") Object memory)
      throws Exception {
    Path dir = Files.createTempDirectory("template-property-");
    try {
      Path template = dir.resolve("template.yaml");
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put(
          "Handler", "io.github.goblinfish.metrics.trackers.local.fixtures.TestFunctions::env");
      properties.put("CodeUri", Fixtures.testClasses().toString());
      properties.put("Timeout", timeout);
      properties.put("MemorySize", memory);
      properties.put("Environment", Map.of("Variables", Map.of(name, value)));
      Map<String, Object> root =
          Map.of(
              "Resources",
              Map.of("Fn", Map.of("Type", "AWS::Serverless::Function", "Properties", properties)));
      Files.writeString(template, asciiJson(root), StandardCharsets.UTF_8);

      boolean acceptable =
          wholeIn(timeout, 1, 900)
              && wholeIn(memory, 128, 10_240)
              && NAME.matcher(name).matches()
              && !RESERVED.contains(name)
              && value.indexOf('\0') < 0
              && wellFormed(value)
              && (name + value).getBytes(StandardCharsets.UTF_8).length <= 4096;
      if (acceptable) {
        FunctionSpec fn = LocalInvoke.function(template, "Fn", w -> {});
        assertEquals(
            Duration.ofSeconds(new BigDecimal(timeout.toString().strip()).intValueExact()),
            fn.timeout());
        assertEquals(new BigDecimal(memory.toString().strip()).intValueExact(), fn.memoryMb());
        assertEquals(Map.of(name, value), fn.environment());
        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), seenByAProcess(fn, name, dir));
      } else {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
            LocalInvoke.run(
                List.of("Fn", "--template", template.toString()),
                new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, stderr);
        assertTrue(stderr.startsWith("error: function 'Fn': "), stderr);
        assertEquals(stderr.length() - 1, stderr.indexOf('\n'), stderr);
        assertFalse(
            stderr.chars().anyMatch(c -> c != '\n' && TerminalText.unsafe((char) c)), stderr);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
      }
    } finally {
      TempFolder.deleteTree(dir);
    }
  }

  /** The variable as the shell that becomes the runtime hands it on, in bytes. */
  private static byte[] seenByAProcess(FunctionSpec fn, String name, Path dir) throws Exception {
    RuntimeLaunch launch =
        new RuntimeLaunch(fn, RuntimeClientJars.locate(dir), Path.of("jni"), null, 1, "stream", 0);
    Path script = dir.resolve("env");
    Files.writeString(script, launch.environmentScript(), StandardCharsets.UTF_8);
    Process sh =
        new ProcessBuilder(
                "/bin/sh", "-c", ". \"$0\"; printf %s \"$" + name + "\"", script.toString())
            .redirectErrorStream(true)
            .start();
    byte[] seen = sh.getInputStream().readAllBytes();
    if (!sh.waitFor(60, TimeUnit.SECONDS)) {
      sh.destroyForcibly();
      throw new AssertionError("/bin/sh did not end within 60 s");
    }
    assertEquals(0, sh.exitValue());
    return seen;
  }

  /**
   * The template as JSON (which is YAML) in printable ASCII: YAML allows no raw control characters,
   * so every other character is written as a JSON escape, which YAML reads the same way.
   */
  private static String asciiJson(Object root) {
    String json =
        new GsonBuilder()
            .disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .create()
            .toJson(root);
    StringBuilder ascii = new StringBuilder();
    for (char c : json.toCharArray()) {
      if (c < 0x20 || c >= 0x7f) {
        ascii.append(String.format("\\u%04x", (int) c));
      } else {
        ascii.append(c);
      }
    }
    return ascii.toString();
  }

  private static boolean wholeIn(Object value, int min, int max) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      return false;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      return false;
    }
    return number.stripTrailingZeros().scale() <= 0
        && number.compareTo(BigDecimal.valueOf(min)) >= 0
        && number.compareTo(BigDecimal.valueOf(max)) <= 0;
  }

  private static boolean wellFormed(String text) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(text);
  }
}
