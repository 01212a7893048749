package io.github.goblinfish.metrics.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a JFR recording of one benchmark (JMH {@code -prof jfr}): where the CPU samples and
 * the sampled allocations fall, by the top frames of their stacks. Only stacks that pass through
 * {@code filter} count. Allocation samples are weighted by the bytes they stand for, so the shares
 * are estimates, good for ranking sites, not for exact bytes.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.goblinfish.metrics.benchmarks.ProfileReport profile.jfr InvocationBenchmark.tracker 5
 * </pre>
 */
public final class ProfileReport {
  private ProfileReport() {}

  /**
   * Prints the summary.
   *
   * @param args the recording, a text a counted stack must contain, how many frames to show
   * @throws IOException when the recording cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path recording = Path.of(args[0]);
    String filter = args[1];
    int depth = Integer.parseInt(args[2]);
    Map<String, Long> cpu = new HashMap<>();
    Map<String, Long> allocation = new HashMap<>();
    long cpuTotal = 0;
    long allocationTotal = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      String type = event.getEventType().getName();
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || !passesThrough(stack, filter)) {
        continue;
      }
      if (type.equals("jdk.ExecutionSample")) {
        cpu.merge(frames(stack, depth), 1L, Long::sum);
        cpuTotal++;
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        long weight = event.getLong("weight");
        String key = event.getClass("objectClass").getName() + "  at  " + frames(stack, depth);
        allocation.merge(key, weight, Long::sum);
        allocationTotal += weight;
      }
    }
    print("CPU samples (" + cpuTotal + ")", cpu, cpuTotal);
    print("Allocation samples (weighted by bytes)", allocation, allocationTotal);
  }

  private static boolean passesThrough(RecordedStackTrace stack, String filter) {
    for (RecordedFrame frame : stack.getFrames()) {
      if ((frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
          .contains(filter)) {
        return true;
      }
    }
    return false;
  }

  private static String frames(RecordedStackTrace stack, int depth) {
    StringBuilder text = new StringBuilder();
    List<RecordedFrame> frames = stack.getFrames();
    for (int i = 0; i < Math.min(depth, frames.size()); i++) {
      RecordedFrame frame = frames.get(i);
      String type = frame.getMethod().getType().getName();
      if (i > 0) {
        text.append(" < ");
      }
      text.append(type.substring(type.lastIndexOf('.') + 1))
          .append('.')
          .append(frame.getMethod().getName())
          .append(':')
          .append(frame.getLineNumber());
    }
    return text.toString();
  }

  private static void print(String title, Map<String, Long> counts, long total) {
    System.out.println("== " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(20)
        .forEach(
            entry ->
                System.out.printf(
                    Locale.ROOT,
                    "%5.1f%%  %s%n",
                    100.0 * entry.getValue() / Math.max(1, total),
                    entry.getKey()));
    System.out.println();
  }
}
