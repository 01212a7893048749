package io.github.goblinfish.metrics.benchmarks;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cold start through the real runtime interface client: for each sample, a fresh JVM runs {@code
 * AWSLambda <handler>} against a one-event Runtime API served here on 127.0.0.1, and the time from
 * {@link ProcessBuilder#start()} until the response POST arrives is one sample. The function's jars
 * are laid out as on Lambda ({@link FunctionLayout}): its classes load through the runtime client's
 * own class loader, not the class path's. Variants are interleaved round by round so that drift in
 * the machine's load spreads over all of them.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.goblinfish.metrics.benchmarks.ColdStart \
 *     target/functions target/coldstart.json 15
 * </pre>
 */
public final class ColdStart {
  /**
   * The variants: name, handler, the folder of its function's jars, a text its output must hold.
   */
  static final String[][] VARIANTS = {
    {
      "bare",
      "io.github.goblinfish.metrics.benchmarks.handlers.Functions$Bare::handleRequest",
      "bare",
      ""
    },
    {
      "tracker",
      "io.github.goblinfish.metrics.benchmarks.handlers.Functions$Tracker::handleRequest",
      "tracker",
      "\"load_order\""
    },
    {
      "awsEmf",
      "io.github.goblinfish.metrics.benchmarks.handlers.Functions$EmfLib::handleRequest",
      "emf",
      "\"load_order\""
    },
    {
      "powertools",
      "io.github.goblinfish.metrics.benchmarks.handlers.Functions$Powertools::handleRequest",
      "powertools",
      "\"load_order\""
    },
  };

  /** Each function's layout, written once per folder by the first sample that runs it. */
  private static final Map<String, FunctionLayout> LAYOUTS = new ConcurrentHashMap<>();

  /** JVM options of Lambda's Java 17+ managed runtimes (tiered C1 only, serial GC, CDS). */
  static final List<String> JVM_OPTIONS =
      List.of(
          "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  private ColdStart() {}

  /** How many times each function's classes are counted (the counts must agree every time). */
  static final int CLASS_COUNT_RUNS = 2;

  /** One sample's times in milliseconds from process start. */
  static final class Sample {
    double initMs;
    double responseMs;

    /** When the response arrived, on {@link System#nanoTime()}'s clock. */
    long responseAtNanos;

    /** The JVM's CPU time when the response arrived, read from {@code /proc}. */
    ProcessCpu cpu = ProcessCpu.UNKNOWN;
  }

  /**
   * Runs the samples and writes {@code {"variant": {"responseMs": [...], "initMs": [...]}, ...}}.
   *
   * @param args functions folder, output JSON file, samples per variant
   * @throws Exception when a sample fails
   */
  public static void main(String[] args) throws Exception {
    Path functions = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]);
    int samples = Integer.parseInt(args[2]);
    Path work = functions.resolveSibling("coldstart");
    Files.createDirectories(work);
    unpackNativeClient(functions.resolve("ric"), work.resolve("libaws-lambda-jni.so"));
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    for (String[] variant : VARIANTS) {
      Map<String, Object> series = new LinkedHashMap<>();
      series.put("responseMs", new ArrayList<>());
      series.put("initMs", new ArrayList<>());
      series.put("cpuMs", new ArrayList<>());
      series.put("mainCpuMs", new ArrayList<>());
      results.put(variant[0], series);
    }
    // Round 0 warms the page cache and is not counted; then each round runs every variant once,
    // starting with a different one each time.
    for (int round = 0; round <= samples; round++) {
      for (int i = 0; i < VARIANTS.length; i++) {
        String[] variant = VARIANTS[(i + round) % VARIANTS.length];
        Sample sample = run(variant, functions, work, null);
        if (round > 0) {
          samples(results, variant[0], "responseMs").add(sample.responseMs);
          samples(results, variant[0], "initMs").add(sample.initMs);
          samples(results, variant[0], "cpuMs").add(sample.cpu.allMs);
          samples(results, variant[0], "mainCpuMs").add(sample.cpu.mainMs);
        }
      }
      System.out.printf("cold start: round %d of %d done%n", round, samples);
    }
    // Classes loaded up to the first response, in JVMs of their own: the log is not free, so these
    // runs are not timing samples.
    for (String[] variant : VARIANTS) {
      List<Map<String, Object>> counts = new ArrayList<>();
      for (int i = 0; i < CLASS_COUNT_RUNS; i++) {
        Path classLog = work.resolve(variant[0] + "-classes-" + i + ".log");
        Files.deleteIfExists(classLog);
        Sample sample = run(variant, functions, work, classLog);
        ClassLoadLog.Count count =
            ClassLoadLog.count(
                Files.readAllLines(classLog, StandardCharsets.UTF_8), sample.responseAtNanos);
        counts.add(classOrigins(count, functions, variant[2]));
      }
      results.get(variant[0]).put("classes", counts);
      System.out.printf("classes loaded up to the first response, %s: %s%n", variant[0], counts);
    }
    // NaN where a CPU reading could not be taken (not Linux).
    Gson gson =
        new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    Files.writeString(out, gson.toJson(results));
  }

  @SuppressWarnings("unchecked")
  private static List<Double> samples(
      Map<String, Map<String, Object>> results, String variant, String series) {
    return (List<Double>) results.get(variant).get(series);
  }

  /**
   * A count's classes by origin: the JDK, generated at run time, the runtime client's jars, the
   * functions' own code, the function's library jars (also each on its own).
   */
  static Map<String, Object> classOrigins(
      ClassLoadLog.Count count, Path functions, String libraries) throws IOException {
    Map<String, Object> origins = new LinkedHashMap<>();
    origins.put("total", count.total());
    origins.put("jdk", count.jdk());
    origins.put("generated", count.generated());
    origins.put(
        "runtimeClient",
        fromFolder(count, functions.resolve("ric")).values().stream()
            .mapToInt(Integer::intValue)
            .sum());
    origins.put(
        "functionCode",
        fromFolder(count, functions.resolve("code")).values().stream()
            .mapToInt(Integer::intValue)
            .sum());
    Map<String, Integer> libraryJars = fromFolder(count, functions.resolve(libraries));
    origins.put("libraries", libraryJars.values().stream().mapToInt(Integer::intValue).sum());
    origins.put("libraryJars", libraryJars);
    int attributed = 0;
    for (String key :
        new String[] {"jdk", "generated", "runtimeClient", "functionCode", "libraries"}) {
      attributed += (Integer) origins.get(key);
    }
    if (attributed != count.total()) {
      throw new IllegalStateException(
          "classes from jars outside the function's folders: " + count.byJar());
    }
    return origins;
  }

  private static Map<String, Integer> fromFolder(ClassLoadLog.Count count, Path folder)
      throws IOException {
    Map<String, Integer> classes = new LinkedHashMap<>();
    try (var jars = Files.list(folder)) {
      for (Path jar : (Iterable<Path>) jars.sorted()::iterator) {
        int loaded = count.fromJar(jar.getFileName().toString());
        if (loaded > 0) {
          classes.put(jar.getFileName().toString(), loaded);
        }
      }
    }
    return classes;
  }

  /**
   * Runs one cold start.
   *
   * @param classLog where the JVM logs every class it loads, or null for a timing sample
   */
  static Sample run(String[] variant, Path functions, Path work, Path classLog) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "runtime-api");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    AtomicInteger nexts = new AtomicInteger();
    AtomicLong initAt = new AtomicLong();
    AtomicLong responseAt = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    AtomicLong pid = new AtomicLong();
    AtomicReference<ProcessCpu> cpu = new AtomicReference<>(ProcessCpu.UNKNOWN);
    CountDownLatch answered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch askedAgain = new CountDownLatch(1);
    String requestId = "00000000-0000-0000-0000-00000000cafe";
    server.createContext(
        "/2018-06-01/runtime/invocation/next",
        exchange -> {
          if (nexts.getAndIncrement() > 0) {
            // The client asks for the next event right after answering: hold it until the sample
            // ends.
            askedAgain.countDown();
            await(release);
            exchange.close();
            return;
          }
          initAt.set(System.nanoTime());
          exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", requestId);
          exchange
              .getResponseHeaders()
              .add(
                  "Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
          exchange
              .getResponseHeaders()
              .add(
                  "Lambda-Runtime-Invoked-Function-Arn",
                  "arn:aws:lambda:us-east-1:123456789012:function:bench-function");
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          send(exchange, 200, "{\"orderId\":\"o-1001\"}");
        });
    server.createContext(
        "/2018-06-01/runtime/invocation/",
        exchange -> {
          long now = System.nanoTime();
          String path = exchange.getRequestURI().getPath();
          String body = read(exchange.getRequestBody());
          if (path.endsWith("/response")) {
            responseAt.set(now);
            cpu.set(ProcessCpu.read(Path.of("/proc", Long.toString(pid.get()), "task")));
          } else {
            failure.set("function error: " + body);
          }
          send(exchange, 202, "{}");
          answered.countDown();
        });
    server.createContext(
        "/2018-06-01/runtime/init/error",
        exchange -> {
          failure.set("init error: " + read(exchange.getRequestBody()));
          send(exchange, 202, "{}");
          answered.countDown();
        });
    server.start();

    Path log = work.resolve(variant[0] + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    // For diagnosis only, e.g. -Dcoldstart.jvmOptions="-Xlog:class+load:file=classes-%p.txt".
    String extra = System.getProperty("coldstart.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(Arrays.asList(extra.split("\\s+")));
    }
    if (classLog != null) {
      command.add(ClassLoadLog.JVM_OPTION_PREFIX + classLog + ClassLoadLog.JVM_OPTION_DECORATIONS);
    }
    command.add(
        "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
            + work.resolve("libaws-lambda-jni.so"));
    FunctionLayout layout =
        LAYOUTS.computeIfAbsent(
            functions.toAbsolutePath() + File.pathSeparator + variant[2],
            key -> FunctionLayout.of(functions, work, variant[2]));
    command.add("-cp");
    command.add(layout.classPath());
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(variant[1]);
    ProcessBuilder builder = new ProcessBuilder(command).directory(layout.taskRoot().toFile());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().retainAll(Arrays.asList("PATH", "HOME", "LANG", "TZ"));
    environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
    environment.put("AWS_LAMBDA_FUNCTION_NAME", "bench-function");
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench-function");
    environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/25/[$LATEST]cold");
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    environment.put("LAMBDA_TASK_ROOT", layout.taskRoot().toString());
    environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
    // aws-embedded-metrics would otherwise probe ECS and EC2 metadata endpoints in parallel; on
    // Lambda its Lambda probe wins, here the override picks that environment with no network.
    environment.put("AWS_EMF_ENVIRONMENT", "Lambda");
    environment.put("POWERTOOLS_METRICS_NAMESPACE", "TrackerBench");

    long start = System.nanoTime();
    Process process = builder.start();
    pid.set(process.pid());
    try {
      long deadline = start + TimeUnit.SECONDS.toNanos(60);
      while (!answered.await(20, TimeUnit.MILLISECONDS)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              variant[0]
                  + ": no answer ("
                  + (process.isAlive() ? "timed out" : "exited")
                  + "): "
                  + Files.readString(log, StandardCharsets.UTF_8));
        }
      }
      if (classLog != null) {
        // Every class of the first invocation is logged once the client waits for the next one.
        askedAgain.await(10, TimeUnit.SECONDS);
      }
    } finally {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      release.countDown();
      server.stop(0);
      executor.shutdownNow();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(variant[0] + ": " + failure.get() + "; see " + log);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!output.contains(variant[3])) {
      throw new IllegalStateException(
          variant[0] + ": its line is missing from the output: " + output);
    }
    Sample sample = new Sample();
    sample.initMs = (initAt.get() - start) / 1e6;
    sample.responseMs = (responseAt.get() - start) / 1e6;
    sample.responseAtNanos = responseAt.get();
    sample.cpu = cpu.get();
    return sample;
  }

  /**
   * Unpacks the runtime client's JNI library once, to a path of our own: the client otherwise
   * unpacks it to the shared {@code /tmp/.libaws-lambda-jni.so} in every JVM (the property makes it
   * load ours instead, as Lambda's managed runtime loads an installed one).
   */
  static void unpackNativeClient(Path ricFolder, Path target) throws IOException {
    String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
    String entry = "jni/libaws-lambda-jni.linux-" + arch + ".so";
    try (var jars = Files.list(ricFolder)) {
      for (Path jar : (Iterable<Path>) jars::iterator) {
        if (!jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client")) {
          continue;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
          var zipEntry = zip.getEntry(entry);
          try (InputStream in = zip.getInputStream(zipEntry)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
          return;
        }
      }
    }
    throw new IllegalStateException("no runtime interface client jar in " + ricFolder);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
