package io.github.goblinfish.metrics.trackers.maven;

import io.github.goblinfish.metrics.trackers.local.LocalInvoke;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.util.cli.CommandLineUtils;

/**
 * Calls the runner's command line with the arguments a goal's parameters make, so every option of
 * the command line is reachable from the plugin; its exit code becomes the build's outcome.
 *
 * <p>Not thread-safe: build one call's arguments at a time (each goal execution makes its own).
 */
final class RunnerCall {
  private final List<String> args = new ArrayList<>();

  /** Adds arguments as they are. */
  RunnerCall add(String... arguments) {
    args.addAll(List.of(arguments));
    return this;
  }

  /** Adds {@code option value} when the value is set. */
  RunnerCall option(String option, Object value) {
    if (value != null && !value.toString().isBlank()) {
      args.add(option);
      args.add(value.toString());
    }
    return this;
  }

  /** Adds {@code option} when the flag is set. */
  RunnerCall flag(String option, boolean set) {
    if (set) {
      args.add(option);
    }
    return this;
  }

  /**
   * Adds the pass-through arguments: the command line's own, split as a shell splits them, so a
   * value holding spaces can be quoted ({@code --html "my report.html"}), as {@code exec.args} is.
   *
   * @throws MojoFailureException when a quote is left open
   */
  RunnerCall passThrough(String arguments) throws MojoFailureException {
    if (arguments != null && !arguments.isBlank()) {
      try {
        // It splits at spaces only; a pom's <args> may run over several lines.
        String spaced = arguments.replaceAll("[\\t\\n\\r\\f]", " ");
        args.addAll(List.of(CommandLineUtils.translateCommandline(spaced)));
      } catch (Exception e) {
        throw new MojoFailureException(
            "tracker.args cannot be split into arguments: " + e.getMessage(), e);
      }
    }
    return this;
  }

  List<String> arguments() {
    return List.copyOf(args);
  }

  /**
   * Runs the command line, its output on the console as the command line prints it.
   *
   * @throws MojoFailureException when it exits with anything but 0: the function failed or timed
   *     out (1), or a usage or input error (2), its message the runner's last error line
   */
  void run(String goal) throws MojoFailureException {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    PrintStream err =
        new PrintStream(new TeeOutputStream(System.err, errors), true, StandardCharsets.UTF_8);
    int exit = LocalInvoke.run(arguments(), null, out, err);
    out.flush();
    err.flush();
    if (exit != 0) {
      String lastError =
          errors
              .toString(StandardCharsets.UTF_8)
              .lines()
              .filter(line -> line.startsWith("error: "))
              .reduce((first, second) -> second)
              .orElse("see the output above");
      throw new MojoFailureException(goal + " exited with " + exit + ": " + lastError);
    }
  }

  /** Writes to the console and keeps a copy. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream console;
    private final OutputStream copy;

    TeeOutputStream(OutputStream console, OutputStream copy) {
      this.console = console;
      this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
      console.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      console.write(bytes, offset, length);
      copy.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      console.flush();
    }
  }
}
