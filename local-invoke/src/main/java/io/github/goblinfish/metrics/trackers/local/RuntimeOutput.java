package io.github.goblinfish.metrics.trackers.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads what one runtime process writes: telemetry frames on its log descriptor and lines on its
 * merged stdout/stderr, each on its own thread, turning both into log events for a {@link
 * RuntimeProcess.Listener}.
 *
 * <p>Thread-safe: each pipe has one reader thread; {@link #drain()} and {@link #finish()} may be
 * called from any thread.
 */
final class RuntimeOutput {
  private final RuntimeProcess runtime;
  private final RuntimeProcess.Listener listener;
  private final NamedPipe telemetryIn;
  private final NamedPipe stdoutIn;
  private final LineSplitter lines = new LineSplitter();
  private Thread telemetryReader;
  private Thread stdoutReader;

  RuntimeOutput(
      RuntimeProcess runtime, RuntimeProcess.Listener listener, Path telemetry, Path stdout) {
    this.runtime = runtime;
    this.listener = listener;
    this.telemetryIn = new NamedPipe(telemetry);
    this.stdoutIn = new NamedPipe(stdout);
  }

  void start() {
    telemetryReader = RuntimeProcess.daemon("local-invoke-telemetry", this::readTelemetry);
    stdoutReader = RuntimeProcess.daemon("local-invoke-stdout", this::readStdout);
  }

  /** After the process exited: lets both readers reach the end of their pipes, then flushes. */
  void finish() throws InterruptedException {
    telemetryIn.unblock(telemetryReader);
    stdoutIn.unblock(stdoutReader);
    telemetryReader.join(TimeUnit.SECONDS.toMillis(5));
    stdoutReader.join(TimeUnit.SECONDS.toMillis(5));
    flushPartialLine();
  }

  private void readTelemetry() {
    try {
      telemetryIn.open();
      TelemetryFrames frames = new TelemetryFrames(telemetryIn);
      while (frames.next(e -> listener.log(runtime, e))) {
        // each frame went to the listener
      }
    } catch (IOException e) {
      listener.telemetryBroken(runtime, e.getMessage());
      try {
        // Keep the writer from blocking on a full pipe until it is stopped.
        telemetryIn.transferTo(OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // the child is gone
      }
    } finally {
      telemetryIn.close();
    }
  }

  private void readStdout() {
    byte[] buf = new byte[64 * 1024];
    try {
      stdoutIn.open();
      for (int n = stdoutIn.read(buf); n >= 0; n = stdoutIn.read(buf)) {
        List<byte[]> events;
        synchronized (lines) {
          events = lines.append(buf, n);
        }
        events.forEach(this::emitLine);
      }
    } catch (IOException e) {
      // the pipe closes when the child dies
    } finally {
      stdoutIn.close();
    }
  }

  private void emitLine(byte[] line) {
    // CloudWatch has no empty events; Lambda drops empty lines.
    if (line.length > 0) {
      listener.log(runtime, new LogEvent(LogEvent.Source.STDOUT, line, Instant.now(), null, null));
    }
  }

  private void flushPartialLine() {
    byte[] rest;
    synchronized (lines) {
      rest = lines.takeRest();
    }
    if (rest != null) {
      emitLine(rest);
    }
  }

  /**
   * Waits until both readers have consumed and processed everything the child has written so far:
   * each is parked in a read, its pipe is empty, and neither has returned from a read across a few
   * consecutive looks.
   */
  void drain() {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    long lastReads = -1;
    int stable = 0;
    while (System.nanoTime() < giveUp) {
      long reads = telemetryIn.reads() + stdoutIn.reads();
      if (telemetryIn.idle() && stdoutIn.idle() && reads == lastReads) {
        if (++stable >= 2) {
          break;
        }
      } else {
        stable = 0;
      }
      lastReads = reads;
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    flushPartialLine();
  }
}
