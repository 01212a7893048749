package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long the timeout watch needs to write a line: from the moment it is due (the
 * deadline less the margin) until the line's bytes were handed to standard output, as the runtime
 * client's logger hands them. What the default margin is chosen from; not a test.
 *
 * <pre>
 * ./mvnw -B -q -o -pl tracker-lambda -am test-compile
 * java -cp tracker-lambda/target/test-classes:tracker-lambda/target/classes:$DEPS \
 *   io.github.goblinfish.metrics.trackers.lambda.TimeoutWatchWriteTime warm cut 4 200 | cat >/dev/null
 * </pre>
 *
 * Arguments: {@code cold} (one line in this JVM) or {@code warm} (the lines after 200 unmeasured
 * ones), {@code small} or {@code cut} (a record of about 600 KB, cut to 256,000 bytes), how many
 * threads spin on the CPU meanwhile, and how many lines to measure. The figures go to standard
 * error, the lines to standard output. {@code -DinitMillis=0} measures the first line while the
 * init warm-up still runs (default: 500 ms after it started).
 */
final class TimeoutWatchWriteTime {
  private static final int FIRES_AFTER_MS = 20;

  private TimeoutWatchWriteTime() {}

  public static void main(String[] args) throws Exception {
    boolean cold = args[0].equals("cold");
    boolean cut = args[1].equals("cut");
    int spinners = Integer.parseInt(args[2]);
    int samples = cold ? 1 : Integer.parseInt(args[3]);
    PrintStream report = System.err;

    // As a tracked handler does while the runtime initialises: the watch thread starts and loads
    // the classes of the logger path.
    new InvocationTracking(
        HandlerConfig.builder().environment(name -> null).build(), TimeoutWatchWriteTime.class);
    Thread.sleep(Long.getLong("initMillis", 500));
    if (System.getProperty("concat") != null) {
      System.err.println("bootstrapped " + samples + " concat " + args.length);
    }

    for (int i = 0; i < spinners; i++) {
      Thread spinner =
          new Thread(
              () -> {
                long sink = 0;
                while (true) {
                  sink += System.nanoTime();
                  if (sink == 42) {
                    System.out.print("");
                  }
                }
              });
      spinner.setDaemon(true);
      spinner.start();
    }

    FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    ProcessTracker tracker =
        ProcessTracker.builder()
            .utf8Output(
                line -> {
                  try {
                    stdout.write(line);
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                  written.set(System.nanoTime());
                })
            .build();
    int unmeasured = cold ? 0 : 200;
    double[] millis = new double[samples];
    for (int i = 0; i < unmeasured + samples; i++) {
      written.set(0);
      TimeoutWatch.Watch watch = new TimeoutWatch.Watch();
      tracker.trackProcess(
          "handler",
          () -> {
            ProcessTracker run = ProcessTracker.current();
            run.setIdentifier("request_id", "8f5c1f3e-2b7a-4d8e-9a61-0c2f4b6d7e81");
            run.setIdentifier("function_name", "orders");
            run.setMetric("records", 17);
            if (cut) {
              char[] text = new char[1000];
              Arrays.fill(text, 'x');
              String value = new String(text);
              for (int m = 0; m < 600; m++) {
                run.setMetric("metric_" + m, value);
              }
            }
            run.timer("downstream");
            TimeoutWatch.arm(watch, FIRES_AFTER_MS + 200, 200);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (written.get() == 0 && System.nanoTime() - giveUp < 0) {
              try {
                Thread.sleep(1);
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
            }
          });
      if (i >= unmeasured) {
        millis[i - unmeasured] = (written.get() - watch.deadlineNanos) / 1e6;
      }
    }
    Arrays.sort(millis);
    report.printf(
        Locale.ROOT,
        "%s %s spinners=%d n=%d median=%.3f p99=%.3f max=%.3f ms%n",
        args[0],
        args[1],
        spinners,
        samples,
        millis[samples / 2],
        millis[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)],
        millis[samples - 1]);
    System.exit(0);
  }
}
