package io.github.goblinfish.metrics.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.goblinfish.metrics.benchmarks.handlers.BenchContext;
import io.github.goblinfish.metrics.benchmarks.handlers.Scenario;
import io.github.goblinfish.metrics.benchmarks.handlers.TrackerHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes BENCHMARKS.md from JMH's JSON result ({@code -rf json}), the cold-start samples and the
 * functions' jar folders. Everything is parsed with Gson.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.goblinfish.metrics.benchmarks.Report \
 *     jmh.json coldstart.json target/functions BENCHMARKS.md "load before" "git state" "command"
 * </pre>
 */
public final class Report {
  static final String[] IMPLEMENTATIONS = {"bare", "tracker", "trackerEmf", "awsEmf", "powertools"};
  static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("bare", "bare handler (floor)");
    LABELS.put("tracker", "**tracker-lambda** (default line)");
    LABELS.put("trackerEmf", "tracker-lambda, EMF line");
    LABELS.put("awsEmf", "aws-embedded-metrics 4.2.0");
    LABELS.put("powertools", "powertools-metrics 2.9.0");
  }

  /**
   * One JMH result: time per operation in ns with its error, the best iteration, bytes allocated
   * per operation, and how many threads ran it.
   */
  static final class Result {
    double ns;
    double nsError;
    double nsBest;
    double bytes;
    int threads = 1;
  }

  private Report() {}

  /**
   * Writes the report.
   *
   * @param args JMH JSON files (joined by the path separator), cold-start JSON, functions folder,
   *     output file, load average before the run, git state, the command that was run, wall-clock
   *     seconds of the run
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    JsonArray jmh = new JsonArray();
    for (String file : args[0].split(java.io.File.pathSeparator)) {
      jmh.addAll(JsonParser.parseString(Files.readString(Path.of(file))).getAsJsonArray());
    }
    JsonObject cold = JsonParser.parseString(Files.readString(Path.of(args[1]))).getAsJsonObject();
    Path functions = Path.of(args[2]);
    Path out = Path.of(args[3]);
    String loadBefore = args[4];
    String git = args[5];
    String command = args[6];
    String seconds = args.length > 7 ? args[7] : "?";

    Map<String, Map<String, Result>> invocation = new LinkedHashMap<>();
    Map<String, Result> scaling = new LinkedHashMap<>();
    Map<String, Result> loggerPath = new LinkedHashMap<>();
    Map<String, Map<Integer, Result>> managedInstances = new LinkedHashMap<>();
    JsonObject first = jmh.get(0).getAsJsonObject();
    for (JsonElement element : jmh) {
      if (element
          .getAsJsonObject()
          .get("benchmark")
          .getAsString()
          .contains("InvocationBenchmark")) {
        first = element.getAsJsonObject();
        break;
      }
    }
    for (JsonElement element : jmh) {
      JsonObject run = element.getAsJsonObject();
      String benchmark = run.get("benchmark").getAsString();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String scenario = run.getAsJsonObject("params").get("scenario").getAsString();
      Result result = new Result();
      result.threads = run.has("threads") ? run.get("threads").getAsInt() : 1;
      JsonObject primary = run.getAsJsonObject("primaryMetric");
      result.ns =
          toNanos(primary.get("score").getAsDouble(), primary.get("scoreUnit").getAsString());
      result.nsError =
          toNanos(number(primary.get("scoreError")), primary.get("scoreUnit").getAsString());
      result.nsBest = Double.NaN;
      for (JsonElement fork : primary.getAsJsonArray("rawData")) {
        for (JsonElement iteration : fork.getAsJsonArray()) {
          double ns = toNanos(iteration.getAsDouble(), primary.get("scoreUnit").getAsString());
          result.nsBest = Double.isNaN(result.nsBest) ? ns : Math.min(result.nsBest, ns);
        }
      }
      result.bytes = Double.NaN;
      JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
      if (secondary != null) {
        for (Map.Entry<String, JsonElement> metric : secondary.entrySet()) {
          if (metric.getKey().replace("·", "").equals("gc.alloc.rate.norm")) {
            result.bytes = metric.getValue().getAsJsonObject().get("score").getAsDouble();
          }
        }
      }
      if (benchmark.contains("ScalingBenchmark")) {
        scaling.put(scenario, result);
      } else if (benchmark.contains("LoggerPathBenchmark")) {
        loggerPath.put(method, result);
      } else if (benchmark.contains("ManagedInstancesBenchmark")) {
        managedInstances
            .computeIfAbsent(method, key -> new java.util.TreeMap<>())
            .put(result.threads, result);
      } else {
        invocation.computeIfAbsent(scenario, key -> new LinkedHashMap<>()).put(method, result);
      }
    }

    StringBuilder md = new StringBuilder();
    List<String[]> targets = new ArrayList<>();
    md.append("# Benchmarks\n\n");
    md.append("Generated by `")
        .append(command)
        .append("` on ")
        .append(
            ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(" (the whole run took ")
        .append(seconds)
        .append(" s). Do not edit by hand: rerun the command.\n\n");
    md.append(
            "> Numbers were taken on a **shared 2-core machine** (other builds may run at the same time), ")
        .append(
            "so expect noise of some percent, more on the cold starts. Compare rows of one run, not runs.\n\n");
    String loadAfter = loadAverage();
    double busiest = Math.max(firstLoad(loadBefore), firstLoad(loadAfter));
    int cores = Runtime.getRuntime().availableProcessors();
    if (busiest > cores) {
      md.append("> **This run's times are blurred**: the 1-minute load average reached ")
          .append(String.format(Locale.ROOT, "%.1f", busiest))
          .append(" on ")
          .append(cores)
          .append(" cores (before / after: ")
          .append(loadBefore)
          .append(" / ")
          .append(loadAfter)
          .append("), so every JMH thread and cold-start JVM shared the cores with other work. ")
          .append(
              "Bytes allocated, class counts, line lengths and dependency sizes do not depend on ")
          .append("the load and hold; read times only as ratios within a table, if at all.\n\n");
    }

    md.append("## Machine and settings\n\n");
    md.append("| | |\n| --- | --- |\n");
    md.append("| CPU | ").append(cpuModel()).append(" |\n");
    md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
    md.append("| memory | ").append(memory()).append(" |\n");
    md.append("| load average before / after the run | ")
        .append(loadBefore)
        .append(" / ")
        .append(loadAfter)
        .append(" |\n");
    md.append("| JDK | ")
        .append(first.get("vmName").getAsString())
        .append(' ')
        .append(first.get("vmVersion").getAsString())
        .append(" (`java -version`: ")
        .append(System.getProperty("java.runtime.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(") |\n");
    md.append("| code | ").append(git).append(" |\n");
    md.append("| JMH | ")
        .append(first.get("jmhVersion").getAsString())
        .append(", mode ")
        .append(first.get("mode").getAsString())
        .append(", ")
        .append(first.get("forks").getAsInt())
        .append(" fork, ")
        .append(first.get("warmupIterations").getAsInt())
        .append(" warmup iterations of ")
        .append(first.get("warmupTime").getAsString())
        .append(", ")
        .append(first.get("measurementIterations").getAsInt())
        .append(" measurement iterations of ")
        .append(first.get("measurementTime").getAsString())
        .append(", 1 thread, `-prof gc`")
        .append(jvmArgs(first))
        .append(" |\n\n");

    md.append("## What is measured\n\n");
    md.append(
            "One operation is one whole Lambda invocation (`handleRequest` with a fixed `Context`): ")
        .append(
            "the scenario's steps, each timed, its metrics and identifiers, and the line(s) written. ")
        .append(
            "Every line is handed to JMH's `Blackhole`, so nothing is dead code and nothing is printed. ")
        .append("The steps themselves do no work, so what remains is the instrumentation.\n\n");
    md.append("- **bare handler**: the same steps, no instrumentation (the floor).\n");
    md.append(
            "- **tracker-lambda**: a `TrackedRequestHandler` with a `Consumer<String>` output; it adds the entry ")
        .append(
            "timer and the automatic identifiers (`request_id`, `function_name`, `function_version`, `cold_start`); ")
        .append(
            "try-with-resources timers, `setMetric`, `setIdentifier`. The EMF row uses `LineFormat.emf()`.\n");
    md.append(
            "- **aws-embedded-metrics**: a new `MetricsLogger` per invocation (built on an `EnvironmentProvider` ")
        .append(
            "as `new MetricsLogger()` does, already resolved to its `LambdaEnvironment` as on Lambda); ")
        .append(
            "latencies are `Milliseconds` metrics measured with `System.nanoTime()`, metrics `Count`, the same ")
        .append(
            "identifiers as properties, then `flush()`. Its sink serializes exactly as its `ConsoleSink` does.\n");
    md.append(
            "- **powertools-metrics**: `MetricsFactory.getMetricsInstance()` (plain Java API, no AspectJ), ")
        .append(
            "`addMetric` for the same latencies and metrics, `addMetadata` for the identifiers, `flush()`. ")
        .append(
            "Its provider builds the same per-request `EmfMetricsLogger` as the default one, on the sink above. ")
        .append(
            "In the JMH jar it runs on aws-embedded-metrics 4.2.0 and Jackson 2.20 (it asks for 4.1.2).\n\n");
    md.append(
            "Scenarios: **minimal** (entry timer only), **typical** (5 timers, 3 numeric metrics, 2 identifiers), ")
        .append(
            "**distinct_100** (100 distinct timer names), **repeated_10000** (one timer name closed 10,000 times).\n\n");

    md.append("## Time and allocation per invocation\n\n");
    md.append(
            "Time is JMH's mean ± its 99.9% error over the measurement iterations; *best iteration* is the fastest ")
        .append(
            "single iteration, which other load on the machine disturbs least. Ratios are each row's mean over ")
        .append("tracker-lambda's (default line): 12.0x means 12 times the time or bytes.\n\n");
    for (Map.Entry<String, Map<String, Result>> scenario : invocation.entrySet()) {
      Map<String, Result> rows = scenario.getValue();
      Result ours = rows.get("tracker");
      md.append("### ").append(scenario.getKey()).append("\n\n");
      md.append(
          "| implementation | time / invocation | best iteration | bytes allocated / invocation | time vs tracker-lambda | bytes vs tracker-lambda |\n");
      md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
      for (String implementation : IMPLEMENTATIONS) {
        Result row = rows.get(implementation);
        if (row == null) {
          continue;
        }
        md.append("| ")
            .append(LABELS.get(implementation))
            .append(" | ")
            .append(time(row.ns))
            .append(" ± ")
            .append(time(row.nsError))
            .append(" | ")
            .append(time(row.nsBest))
            .append(" | ")
            .append(bytes(row.bytes))
            .append(" | ")
            .append(implementation.equals("bare") ? "" : ratio(row.ns, ours.ns))
            .append(" | ")
            .append(implementation.equals("bare") ? "" : ratio(row.bytes, ours.bytes))
            .append(" |\n");
      }
      md.append('\n');
    }

    Map<String, Double> breakdown = Breakdown.typical();
    if (!breakdown.isEmpty()) {
      String line = Breakdown.typicalLine();
      md.append("## Where tracker-lambda's bytes go (typical invocation)\n\n");
      md.append(
              "The typical invocation built up piece by piece through the public API; each row is measured on its own ")
          .append(
              "with the thread's allocation counter after a JIT warm-up (measured while this report was written).\n\n");
      md.append("| what runs per invocation | bytes allocated |\n| --- | ---: |\n");
      for (Map.Entry<String, Double> entry : breakdown.entrySet()) {
        md.append("| ")
            .append(entry.getKey())
            .append(" | ")
            .append(bytes(entry.getValue()))
            .append(" |\n");
      }
      md.append("\nThe typical line itself is ")
          .append(line.length())
          .append(" characters, so the `String` handed to ")
          .append("the output costs about ")
          .append(bytes(40 + line.length()))
          .append(" on its own, and the ")
          .append("`StringBuilder` it is copied from as much again.\n\n");
    }

    LoggerPathSection.append(md, loggerPath, Breakdown.typicalLine().length());
    ManagedInstancesSection.append(
        md, managedInstances, Runtime.getRuntime().availableProcessors());

    if (!scaling.isEmpty()) {
      md.append("## tracker-lambda at scale\n\n");
      double floor =
          invocation.containsKey("minimal") ? invocation.get("minimal").get("tracker").ns : 0;
      md.append(
          "Per-name cost is (time − time of the minimal scenario) / N; per-close cost likewise for one repeated name.\n\n");
      md.append(
          "| scenario | time / invocation | bytes / invocation | time per name or close | bytes per name or close |\n");
      md.append("| --- | ---: | ---: | ---: | ---: |\n");
      double floorBytes =
          invocation.containsKey("minimal") ? invocation.get("minimal").get("tracker").bytes : 0;
      for (Map.Entry<String, Result> entry : scaling.entrySet()) {
        int n = Integer.parseInt(entry.getKey().replaceAll("\\D+", ""));
        Result row = entry.getValue();
        md.append("| ")
            .append(entry.getKey())
            .append(" | ")
            .append(time(row.ns))
            .append(" ± ")
            .append(time(row.nsError))
            .append(" | ")
            .append(bytes(row.bytes))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.1f ns", (row.ns - floor) / n))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.1f B", (row.bytes - floorBytes) / n))
            .append(" |\n");
      }
      int shortLine = trackerLine(Scenario.repeated(100)).length();
      int longLine = trackerLine(Scenario.repeated(10_000)).length();
      md.append("\nLine length for one name closed 100 times: ")
          .append(shortLine)
          .append(" characters; 10,000 times: ")
          .append(longLine)
          .append(" characters.\n\n");
      // Targets on scaling.
      Result d100 = scaling.get("distinct_100");
      Result d1000 = scaling.get("distinct_1000");
      if (d100 != null && d1000 != null) {
        double per100 = (d100.ns - floor) / 100;
        double per1000 = (d1000.ns - floor) / 1000;
        double growth = per1000 / per100;
        targets.add(
            new String[] {
              "heavy: cost linear in distinct names (per-name cost at 1,000 names within 1.5x of that at 100)",
              String.format(
                  Locale.ROOT,
                  "%.1f ns/name at 100, %.1f ns/name at 1,000 (x%.2f)",
                  per100,
                  per1000,
                  growth),
              growth <= 1.5 ? "met" : "not met"
            });
      }
      Result r100 = scaling.get("repeated_100");
      Result r10000 = scaling.get("repeated_10000");
      if (r100 != null && r10000 != null) {
        boolean sameLine = Math.abs(longLine - shortLine) <= 8; // the count and total gain digits
        double perClose = (r10000.bytes - r100.bytes) / 9_900;
        targets.add(
            new String[] {
              "heavy: constant memory for a repeated name (what the tracker keeps and writes does not grow)",
              String.format(
                  Locale.ROOT,
                  "line %d vs %d characters for 100 vs 10,000 closes; %.0f B of short-lived garbage per close (the `Timer` object)",
                  shortLine,
                  longLine,
                  perClose),
              sameLine ? "met" : "not met"
            });
      }
    }

    md.append("## Cold start\n\n");
    md.append("A fresh JVM per sample runs the real `aws-lambda-java-runtime-interface-client` ")
        .append(
            "(`AWSLambda <handler>`) against a one-event Runtime API served on 127.0.0.1; a sample is the time from ")
        .append(
            "`ProcessBuilder.start()` until the function's response POST arrives. As on Lambda, only the runtime's ")
        .append(
            "jars (the client, its serialization jar and `aws-lambda-java-core`) are on the class path; the function's ")
        .append(
            "jars are in `lib/` of the task root, the working directory, and load through the runtime client's own ")
        .append("class loader. The function runs the typical ")
        .append(
            "scenario once and writes its line where it would on Lambda (LambdaLogger or standard output). JVM options ")
        .append("as Lambda's Java runtimes: `")
        .append(String.join(" ", ColdStart.JVM_OPTIONS))
        .append("`. ")
        .append(
            "Variants are interleaved round by round; a first round is not counted. aws-embedded-metrics is told ")
        .append(
            "`AWS_EMF_ENVIRONMENT=Lambda` so that it does not probe the EC2/ECS metadata endpoints (on Lambda it probes ")
        .append(
            "them in parallel with the Lambda check, so its real cold start is, if anything, longer).\n\n");
    md.append(
            "*Δ vs bare* is the difference of the medians; *paired Δ* is the median of the per-round differences ")
        .append(
            "(this function's sample minus the bare handler's sample of the same round, taken seconds apart), which ")
        .append(
            "cancels most of the drift in the machine's load. Beside it, a 95% bootstrap interval of that median (")
        .append(PairedDelta.RESAMPLES)
        .append(
            " resamples of the rounds, fixed seed): on a shared machine one sample can be tens of ms off, and the ")
        .append(
            "interval says how much the figure itself can move. The target is judged on that interval: met when ")
        .append(
            "the whole interval is within it, not met when the whole interval is beyond it, and undecided when ")
        .append(
            "it spans the target, since the machine's load then blurs more than the target's margin.\n\n");
    md.append(
        "| function | samples | median to first response | min | max | Δ vs bare | paired Δ vs bare | median to first `/next` (init) |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    double bareMedian = PairedDelta.median(series(cold, "bare", "responseMs"));
    Map<String, String> coldLabels =
        Map.of(
            "bare",
            "bare handler",
            "tracker",
            "**tracker-lambda**",
            "awsEmf",
            "aws-embedded-metrics 4.2.0",
            "powertools",
            "powertools-metrics 2.9.0");
    for (Map.Entry<String, JsonElement> variant : cold.entrySet()) {
      List<Double> response = series(cold, variant.getKey(), "responseMs");
      List<Double> init = series(cold, variant.getKey(), "initMs");
      double median = PairedDelta.median(response);
      md.append("| ")
          .append(coldLabels.getOrDefault(variant.getKey(), variant.getKey()))
          .append(" | ")
          .append(response.size())
          .append(" | ")
          .append(ms(median))
          .append(" | ")
          .append(ms(Collections.min(response)))
          .append(" | ")
          .append(ms(Collections.max(response)))
          .append(" | ")
          .append(
              variant.getKey().equals("bare")
                  ? ""
                  : String.format(Locale.ROOT, "%+.1f ms", median - bareMedian))
          .append(" | ")
          .append(
              variant.getKey().equals("bare")
                  ? ""
                  : pairedDelta(cold, variant.getKey(), "responseMs").describe())
          .append(" | ")
          .append(ms(PairedDelta.median(init)))
          .append(" |\n");
    }
    PairedDelta trackerDelta = pairedDelta(cold, "tracker", "responseMs");
    md.append('\n');
    md.append(
            "Where each function's cost sits: the init phase runs until the runtime asks for the first event ")
        .append(
            "(`/next`), with the handler's construction in it; the first invocation runs from there to the ")
        .append("response.\n\n");
    md.append(
            "CPU time (from `/proc`) is what each function adds whether or not a spare core absorbs work done ")
        .append(
            "on other threads: *all threads* up to the response, and the *main thread* alone (the runtime ")
        .append(
            "client's, which constructs the handler and runs the invocation). With one vCPU or less (Lambda ")
        .append(
            "gives a function one vCPU at 1,769 MB, a share of one below), expect the wall-clock cost to approach ")
        .append(
            "the all-threads figure; with two or more and cores to spare, the main-thread one. CPU time barely ")
        .append("depends on the machine's load.\n\n");
    md.append(
        "| function | paired Δ, init | paired Δ, first invocation | CPU, all threads (paired Δ) | CPU, main thread (paired Δ) |\n");
    md.append("| --- | ---: | ---: | ---: | ---: |\n");
    for (String variant : cold.keySet()) {
      if (variant.equals("bare")) {
        continue;
      }
      md.append("| ")
          .append(coldLabels.getOrDefault(variant, variant))
          .append(" | ")
          .append(pairedDelta(cold, variant, "initMs").describe())
          .append(" | ")
          .append(invocationDelta(cold, variant).describe())
          .append(" | ")
          .append(pairedDelta(cold, variant, "cpuMs").describe())
          .append(" | ")
          .append(pairedDelta(cold, variant, "mainCpuMs").describe())
          .append(" |\n");
    }
    md.append('\n');
    ClassLoadSection.append(md, cold);

    DependencySet trackerSet = DependencySets.append(md, functions);

    Map<String, Result> typical = invocation.get("typical");
    if (typical != null) {
      Result ours = typical.get("tracker");
      targets.add(
          0,
          new String[] {
            "typical: ≤ 1.5 µs per invocation",
            time(ours.ns)
                + " ± "
                + time(ours.nsError)
                + " (best iteration "
                + time(ours.nsBest)
                + ")",
            ours.ns <= 1500 ? "met" : "not met"
          });
      targets.add(
          1,
          new String[] {
            "typical: ≤ 1.5 KB (1,500 B) allocated per invocation",
            bytes(ours.bytes),
            ours.bytes <= 1500 ? "met" : "not met"
          });
      for (String peer : new String[] {"awsEmf", "powertools"}) {
        Result other = typical.get(peer);
        if (other != null) {
          double speedup = other.ns / ours.ns;
          targets.add(
              2,
              new String[] {
                "typical: ≥ 10x faster than " + LABELS.get(peer),
                String.format(
                    Locale.ROOT,
                    "%.1fx (best iterations: %.1fx)",
                    speedup,
                    other.nsBest / ours.nsBest),
                speedup >= 10 ? "met" : "not met"
              });
        }
      }
    }
    targets.add(
        new String[] {
          "cold start within 15 ms of the bare handler (paired Δ, with its 95% interval)",
          trackerDelta.describe(),
          trackerDelta.verdict(15)
        });
    if (trackerSet != null) {
      targets.add(
          new String[] {
            "runtime dependencies (tracker-lambda jar + gson + aws-lambda-java-core) under 400 KB",
            kb(trackerSet.totalBytes()) + " (" + String.join(" + ", trackerSet.names()) + ")",
            trackerSet.totalBytes() < 400_000 ? "met" : "not met"
          });
    }

    StringBuilder head = new StringBuilder();
    head.append("## Targets\n\n| target | measured | |\n| --- | --- | --- |\n");
    for (String[] target : targets) {
      head.append("| ")
          .append(target[0])
          .append(" | ")
          .append(target[1])
          .append(" | ")
          .append(
              target[2].equals("met")
                  ? "met"
                  : target[2].equals("undecided")
                      ? "undecided: the interval spans the target"
                      : "**not met**")
          .append(" |\n");
    }
    head.append('\n');
    int at = md.indexOf("## Machine and settings");
    md.insert(at, head);
    Files.writeString(out, md.toString());
  }

  private static String trackerLine(Scenario scenario) {
    List<String> lines = new ArrayList<>();
    new TrackerHandler(lines::add).handleRequest(scenario, BenchContext.INSTANCE);
    return lines.get(0);
  }

  private static String jvmArgs(JsonObject run) {
    JsonArray args = run.getAsJsonArray("jvmArgs");
    if (args == null || args.isEmpty()) {
      return "";
    }
    List<String> list = new ArrayList<>();
    args.forEach(arg -> list.add(arg.getAsString()));
    return ", JVM options `" + String.join(" ", list) + "`";
  }

  private static double number(JsonElement element) {
    try {
      return element.getAsDouble();
    } catch (RuntimeException notANumber) {
      return Double.NaN;
    }
  }

  private static double toNanos(double value, String unit) {
    switch (unit) {
      case "us/op":
        return value * 1e3;
      case "ms/op":
        return value * 1e6;
      case "s/op":
        return value * 1e9;
      default:
        return value;
    }
  }

  private static List<Double> series(JsonObject cold, String variant, String name) {
    List<Double> values = new ArrayList<>();
    JsonObject object = cold.getAsJsonObject(variant);
    if (object != null) {
      object.getAsJsonArray(name).forEach(value -> values.add(value.getAsDouble()));
    }
    return values;
  }

  /** The paired difference between {@code variant} and the bare handler in one series. */
  static PairedDelta pairedDelta(JsonObject cold, String variant, String name) {
    return PairedDelta.of(series(cold, variant, name), series(cold, "bare", name));
  }

  /** The paired difference of the first invocation alone: response minus first {@code /next}. */
  static PairedDelta invocationDelta(JsonObject cold, String variant) {
    return PairedDelta.of(invocationTimes(cold, variant), invocationTimes(cold, "bare"));
  }

  private static List<Double> invocationTimes(JsonObject cold, String variant) {
    List<Double> response = series(cold, variant, "responseMs");
    List<Double> init = series(cold, variant, "initMs");
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < Math.min(response.size(), init.size()); i++) {
      times.add(response.get(i) - init.get(i));
    }
    return times;
  }

  static String time(double ns) {
    if (Double.isNaN(ns)) {
      return "?";
    }
    if (ns >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    if (ns >= 1e3) {
      return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f ns", ns);
  }

  static String bytes(double bytes) {
    if (Double.isNaN(bytes)) {
      return "?";
    }
    if (bytes < 1) {
      return "0 B";
    }
    return String.format(Locale.ROOT, "%,.0f B", bytes);
  }

  static String ratio(double value, double reference) {
    if (Double.isNaN(value) || Double.isNaN(reference) || reference <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.1fx", value / reference);
  }

  static String ms(double value) {
    return String.format(Locale.ROOT, "%.1f ms", value);
  }

  static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1000.0);
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("\\D+", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // not Linux
    }
    return "?";
  }

  /** The 1-minute figure of a load average written as "1.0, 2.0, 3.0", or 0 when unknown. */
  static double firstLoad(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage.split(",")[0].trim());
    } catch (RuntimeException unknown) {
      return 0;
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException | RuntimeException unreadable) {
      return "?";
    }
  }
}
