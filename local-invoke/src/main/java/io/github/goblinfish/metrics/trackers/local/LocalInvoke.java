package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a function of a SAM template locally without Docker, the way {@code sam local invoke} does:
 * it serves the Lambda Runtime API on 127.0.0.1 and starts the real {@code
 * aws-lambda-java-runtime-interface-client} in a child JVM against the function's Maven build
 * output, with Lambda's environment variables and its framed telemetry log descriptor.
 *
 * <p>From the command line (the repository's {@code ./invoke} script):
 *
 * <pre>
 *   ./invoke OrderFunction -e events/order.json
 *   ./invoke OrderFunction -e events/order.json --times 3            # one cold, two warm
 *   echo '{}' | ./invoke OrderFunction --log-format JSON
 *   ./invoke OrderFunction -e events/order.json --concurrency 4      # AWS_LAMBDA_MAX_CONCURRENCY=4
 *   ./invoke OrderFunction -e events/order.json --times 20 --summary json   # p50/p90/p99 per step
 *   ./invoke report exported-lines.csv --by function_name            # the same from saved lines
 *   ./invoke compare before.log after.log                            # each step's change
 *   ./invoke ab OrderFunction -e events/order.json --before old-build # two builds side by side
 *   ./invoke invoke OrderFunction -e events/order.json               # the invoke command, named
 *   ./invoke help report                                             # a command's help
 * </pre>
 *
 * The command line is picocli's: {@code invoke} at the top ({@code InvokeCommand}, run when no
 * command is named), and the commands {@code invoke}, {@code report} ({@code ReportCommand}),
 * {@code compare} ({@code CompareCommand}), {@code ab} ({@code AbCommand}) and {@code help}. A
 * command's name comes first: a function whose logical id is a command's name is named after the
 * {@code invoke} command.
 *
 * <p>Exit code 0 when every invocation succeeded, 1 when one returned an error or timed out (or the
 * runtime's log stream broke), 2 for usage and input errors (reported as one line on stderr, a
 * usage error followed by its command's generated usage), 3 when {@code compare --fail-if-slower}
 * (or {@code ab --fail-if-slower}) finds a step slower.
 *
 * <p>As a library, for example from an integration test:
 *
 * <pre>{@code
 * FunctionSpec fn = LocalInvoke.function(Path.of("template.yaml"), "OrderFunction");
 * RunResult run =
 *     LocalInvoke.invoke(fn.withLogFormat("JSON"), List.of("{\"orderId\":\"o-1\"}"), 2, 0);
 * Invocation cold = run.invocations().get(0);
 * assertTrue(cold.succeeded(), () -> cold.error().orElse(""));
 * TrackerLine line = cold.trackerLines().get(0);
 * assertTrue(line.latenciesMs().containsKey("load_order"));
 *
 * // or exactly what the command line does:
 * int exit = LocalInvoke.run(
 *     List.of("OrderFunction", "-e", "events/order.json"), System.out, System.err);
 * }</pre>
 *
 * The runner finds the runtime client's jars in {@code target/runtime} next to its own classes or
 * jar (override with {@code -Dlocal-invoke.runtime=<dir>}).
 *
 * <p>Thread-safe: it holds no state, and each {@code invoke} or {@code run} call starts its own
 * Runtime API server, runtime process and temporary folder, so calls may run in parallel.
 */
public final class LocalInvoke {
  /** The help's width in columns, whatever the terminal's. */
  static final int USAGE_WIDTH = 100;

  private static final Gson PRETTY =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private LocalInvoke() {}

  /**
   * Command-line entry point; exits with the code {@link #run(List, PrintStream, PrintStream)}
   * returns.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.exit(run(List.of(args), stdinIfPiped(), out, System.err));
  }

  /**
   * Runs the command line with the process's stdin (read only when it is not a terminal).
   *
   * @param args command-line arguments, e.g. {@code ["OrderFunction", "-e", "events/order.json"]}
   * @param out where the human-readable report goes
   * @param err where warnings and one-line errors go
   * @return 0 success, 1 function error or timeout, 2 usage or input error, 3 a comparison slower
   *     than {@code --fail-if-slower} allows
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, stdinIfPiped(), out, err);
  }

  /**
   * Runs the command line with the given stdin.
   *
   * @param args command-line arguments
   * @param stdin the event source for {@code -e -}, and when {@code -e} is absent; {@code null} for
   *     none
   * @param out where the human-readable report goes
   * @param err where warnings and one-line errors go
   * @return 0 success, 1 function error or timeout, 2 usage or input error, 3 a comparison slower
   *     than {@code --fail-if-slower} allows
   */
  public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
    CommandLine commandLine = commandLine(stdin, out, err);
    int exit = commandLine.execute(args.toArray(String[]::new));
    commandLine.getOut().flush();
    out.flush();
    err.flush();
    return exit;
  }

  /**
   * The command line: {@code invoke} at the top, running a function when no command is named, and
   * its commands. Help is generated from the annotations, 100 columns wide and without colours
   * whatever the terminal, so it reads the same everywhere (the docs show it).
   */
  static CommandLine commandLine(InputStream stdin, PrintStream out, PrintStream err) {
    CommandLine top =
        new CommandLine(new InvokeCommand(stdin, out, err))
            .addSubcommand(new InvokeCommand(stdin, out, err))
            .addSubcommand(new ReportCommand(stdin, out, err))
            .addSubcommand(new CompareCommand(stdin, out, err))
            .addSubcommand(new AbCommand(stdin, out, err))
            .addSubcommand(new CommandLine.HelpCommand());
    UsageErrors errors = new UsageErrors(err);
    return top.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
        .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
        .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
        .setUsageHelpWidth(USAGE_WIDTH)
        // An argument starting with @ is a file name (report @saved.log), never a file of
        // arguments.
        .setExpandAtFiles(false)
        // A value is a value, even the name of a command: --by report, -e compare.
        .setAllowSubcommandsAsOptionParameters(true)
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors)
        .setExecutionStrategy(LocalInvoke::commandsFirst);
  }

  /**
   * Runs the command named last, as picocli does by default, once sure that a command came first:
   * {@code ./invoke OrderFunction report} is a usage error, not a report that drops the function.
   */
  private static int commandsFirst(ParseResult parsed) {
    if (parsed.hasSubcommand() && !parsed.matchedArgs().isEmpty()) {
      String name = parsed.subcommand().commandSpec().name();
      throw new ParameterException(
          parsed.commandSpec().commandLine(),
          "the command "
              + name
              + " goes first; to run a function called "
              + name
              + ", name it after the invoke command: invoke invoke "
              + name
              + " ...");
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * Reads one function from a SAM template, warnings going to stderr.
   *
   * @param template path of the SAM template
   * @param logicalId the function's logical id
   * @return the function, its classpath resolved from its CodeUri
   * @throws LocalInvokeException if the template or function is unusable or the build output
   *     missing
   */
  public static FunctionSpec function(Path template, String logicalId) throws LocalInvokeException {
    return function(template, logicalId, System.err::println);
  }

  /**
   * Reads one function from a SAM template.
   *
   * @param template path of the SAM template
   * @param logicalId the function's logical id
   * @param warnings receives one line per property that could not be resolved locally
   * @return the function, its classpath resolved from its CodeUri
   * @throws LocalInvokeException if the template or function is unusable or the build output
   *     missing
   */
  public static FunctionSpec function(Path template, String logicalId, Consumer<String> warnings)
      throws LocalInvokeException {
    return Template.load(template).function(logicalId, warnings);
  }

  /**
   * Invokes a function {@code total} times in one runtime process (a new process only after a
   * timeout or a crash, as Lambda replaces the execution environment).
   *
   * @param fn the function
   * @param events event JSON documents, used in turn
   * @param total number of invocations
   * @param concurrency 0 for Lambda's one-at-a-time; N to set {@code AWS_LAMBDA_MAX_CONCURRENCY=N}
   *     and keep up to N invocations in flight
   * @return the invocations and their log events
   * @throws LocalInvokeException if the function breaks one of Lambda's limits, an event is not
   *     JSON or is over 6,291,456 bytes, the handler class does not exist, or the runtime cannot be
   *     started
   */
  public static RunResult invoke(FunctionSpec fn, List<String> events, int total, int concurrency)
      throws LocalInvokeException {
    if (events.isEmpty() || total < 1 || concurrency < 0) {
      throw new LocalInvokeException("need at least one event and one invocation");
    }
    LambdaLimits.check(fn);
    List<byte[]> payloads = new ArrayList<>();
    for (String event : events) {
      byte[] bytes = utf8(event, "event");
      checkSize(bytes.length, "event");
      checkJson(event, "event");
      payloads.add(bytes);
    }
    try (Engine engine = Engine.create(fn, concurrency)) {
      return engine.run(payloads, total);
    }
  }

  /**
   * The event from a file or stdin, under one rule for both: at most Lambda's 6,291,456 bytes of
   * UTF-8 holding one JSON value.
   */
  static String readEvent(String event, InputStream stdin) throws LocalInvokeException {
    byte[] bytes;
    String source;
    if (event == null && stdin == null) {
      return "{}";
    }
    if (event == null || event.equals("-")) {
      if (stdin == null) {
        throw new LocalInvokeException("-e - needs an event on stdin");
      }
      source = "stdin";
      try {
        bytes = stdin.readNBytes(LambdaLimits.MAX_REQUEST_BYTES + 1);
        if (bytes.length > LambdaLimits.MAX_REQUEST_BYTES) {
          long more = stdin.transferTo(java.io.OutputStream.nullOutputStream());
          checkSize(bytes.length + more, "event " + source);
        }
      } catch (IOException e) {
        throw new LocalInvokeException("cannot read the event from stdin: " + e.getMessage(), e);
      }
      if (event == null && isBlank(bytes)) {
        return "{}";
      }
    } else {
      Path path = Path.of(event);
      source = event;
      try {
        checkSize(Files.size(path), "event " + source);
        bytes = Files.readAllBytes(path);
      } catch (NoSuchFileException e) {
        throw new LocalInvokeException("event file " + event + " not found");
      } catch (IOException e) {
        throw new LocalInvokeException(
            "cannot read event file " + event + ": " + e.getMessage(), e);
      }
    }
    checkSize(bytes.length, "event " + source);
    String text = decodeUtf8(bytes, "event " + source);
    checkJson(text, "event " + source);
    return text;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static void checkSize(long bytes, String what) throws LocalInvokeException {
    if (bytes > LambdaLimits.MAX_REQUEST_BYTES) {
      throw new LocalInvokeException(
          what
              + " is "
              + bytes
              + " bytes; Lambda accepts at most "
              + LambdaLimits.MAX_REQUEST_BYTES
              + " bytes for a synchronous invocation");
    }
  }

  /** Strict UTF-8, as Lambda rejects a payload that is not: no replacement characters. */
  static String decodeUtf8(byte[] bytes, String what) throws LocalInvokeException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new LocalInvokeException(what + " is not valid UTF-8 (at byte " + in.position() + ")");
    }
    return out.flip().toString();
  }

  private static byte[] utf8(String text, String what) throws LocalInvokeException {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new LocalInvokeException(
          what + " is not valid Unicode text (an unpaired surrogate)", e);
    }
  }

  static void checkJson(String text, String what) throws LocalInvokeException {
    if (text.isBlank()) {
      throw new LocalInvokeException(what + " is not valid JSON: it is empty");
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonParser.parseReader(reader);
      boolean more;
      try {
        more = reader.peek() != JsonToken.END_DOCUMENT;
      } catch (IOException e) {
        more = true;
      }
      if (more) {
        throw new LocalInvokeException(what + " is not valid JSON: text after the first value");
      }
    } catch (JsonParseException | IOException | IllegalStateException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String message =
          root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      int see = message.indexOf("\nSee ");
      message =
          (see < 0 ? message : message.substring(0, see))
              .replaceAll("\\s*\\n\\s*", " ")
              .replace(
                  "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                  "malformed JSON");
      throw new LocalInvokeException(what + " is not valid JSON: " + message, e);
    }
  }

  static String pretty(String body) {
    try {
      JsonElement element = JsonParser.parseString(body);
      return PRETTY.toJson(element);
    } catch (JsonParseException e) {
      return body;
    }
  }

  static String seconds(long millis) {
    return millis % 1000 == 0
        ? Long.toString(millis / 1000)
        : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /**
   * Stdin when it is piped: the ./invoke script tells whether it is a terminal, as Java 17 cannot.
   */
  private static InputStream stdinIfPiped() {
    String tty = System.getenv("LOCAL_INVOKE_STDIN_TTY");
    boolean terminal = tty != null ? tty.equals("1") : System.console() != null;
    return terminal ? null : System.in;
  }
}
