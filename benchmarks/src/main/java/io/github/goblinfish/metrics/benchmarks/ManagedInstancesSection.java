package io.github.goblinfish.metrics.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The report's section on one handler instance invoked from many threads at once. */
final class ManagedInstancesSection {
  private ManagedInstancesSection() {}

  /**
   * Appends the section, when {@link ManagedInstancesBenchmark} ran.
   *
   * @param md the report
   * @param results the benchmark's results by method, then by thread count
   * @param cores the machine's processors
   */
  static void append(
      StringBuilder md, Map<String, Map<Integer, Report.Result>> results, int cores) {
    if (results.isEmpty()) {
      return;
    }
    TreeSet<Integer> threadCounts = new TreeSet<>();
    results.values().forEach(byThreads -> threadCounts.addAll(byThreads.keySet()));
    md.append(
        "## Lambda Managed Instances: one handler instance, many threads (typical invocation)\n\n");
    md.append(
            "On Managed Instances one execution environment runs several invocations of ONE handler ")
        .append(
            "instance on parallel threads. `ManagedInstancesBenchmark` shares one instance of each ")
        .append(
            "implementation among JMH's threads (`-t N`, one JMH run per N); every thread's lines ")
        .append(
            "go to its own blackhole, and each thread carries its own X-Ray trace id in the AWS ")
        .append("SDK's thread-local as the runtime client sets it (powertools-metrics keys its ")
        .append("per-request logger by it). The machine has **")
        .append(cores)
        .append(" cores**: above ")
        .append(cores)
        .append(" threads they are oversubscribed, so a thread's time per invocation ")
        .append("grows by at least N / ")
        .append(cores)
        .append(" from sharing the cores alone; only the growth beyond that is contention.\n\n");

    md.append(
        "Time per invocation as one thread sees it (JMH's mean ± error over the threads):\n\n");
    header(md, threadCounts, "");
    for (String implementation : Report.IMPLEMENTATIONS) {
      Map<Integer, Report.Result> byThreads = results.get(implementation);
      if (byThreads == null) {
        continue;
      }
      md.append("| ").append(Report.LABELS.get(implementation));
      for (int threads : threadCounts) {
        Report.Result result = byThreads.get(threads);
        md.append(" | ")
            .append(
                result == null ? "" : Report.time(result.ns) + " ± " + Report.time(result.nsError));
      }
      md.append(" |\n");
    }
    md.append('\n');

    md.append(
            "All threads together: wall time per completed invocation (time per invocation / N), ")
        .append("then in brackets its ratio to the ideal (the 1-thread time / min(N, ")
        .append(cores)
        .append(")): 1.0x is perfect scaling, above it is contention or noise; ")
        .append("and the bytes allocated per invocation.\n\n");
    header(md, threadCounts, " | bytes at 1 thread | bytes at " + threadCounts.last() + " threads");
    for (String implementation : Report.IMPLEMENTATIONS) {
      Map<Integer, Report.Result> byThreads = results.get(implementation);
      if (byThreads == null || implementation.equals("bare")) {
        continue;
      }
      Report.Result single = byThreads.get(1);
      md.append("| ").append(Report.LABELS.get(implementation));
      for (int threads : threadCounts) {
        Report.Result result = byThreads.get(threads);
        md.append(" | ");
        if (result != null) {
          double wall = result.ns / threads;
          md.append(Report.time(wall));
          if (single != null) {
            double ideal = single.ns / Math.min(threads, cores);
            md.append(String.format(Locale.ROOT, " (%.1fx)", wall / ideal));
          }
        }
      }
      Report.Result most = byThreads.get(threadCounts.last());
      md.append(" | ")
          .append(single == null ? "" : Report.bytes(single.bytes))
          .append(" | ")
          .append(most == null ? "" : Report.bytes(most.bytes))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void header(StringBuilder md, TreeSet<Integer> threadCounts, String extra) {
    md.append("| implementation");
    StringBuilder rule = new StringBuilder("| ---");
    for (int threads : threadCounts) {
      md.append(" | ").append(threads).append(threads == 1 ? " thread" : " threads");
      rule.append(" | ---:");
    }
    md.append(extra).append(" |\n");
    if (!extra.isEmpty()) {
      rule.append(" | ---: | ---:");
    }
    md.append(rule).append(" |\n");
  }
}
