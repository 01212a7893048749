package io.github.goblinfish.metrics.trackers.local;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that name a function and its event, shared by every command that runs one: the
 * function's logical id, {@code -e}, {@code -t}, {@code --code-uri}, {@code --log-format} and
 * {@code --init-type}; then the function itself, checked as Lambda would check it.
 *
 * <pre>{@code
 * @Mixin FunctionOptions function;
 * ...
 * FunctionSpec fn = function.spec(err); // the template read, the code found, the limits checked
 * String event = function.event(stdin);
 * }</pre>
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run.
 */
final class FunctionOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Parameters(
      paramLabel = "[FUNCTION]",
      hideParamSyntax = true,
      arity = "0..*",
      description =
          "The function's logical id in the template; may be left out when the template"
              + " has one function.")
  private List<String> functions = new ArrayList<>();

  @Option(
      names = {"-e", "--event"},
      paramLabel = "FILE",
      description =
          "The event JSON file; '-' reads standard input, as does a piped standard input"
              + " when -e is absent (otherwise the event is {}).")
  private String event;

  @Option(
      names = {"-t", "--template"},
      paramLabel = "FILE",
      defaultValue = "template.yaml",
      converter = PathName.class,
      description = "The SAM template (default: ${DEFAULT-VALUE} in the current folder).")
  private Path template;

  @Option(
      names = "--code-uri",
      paramLabel = "PATH",
      converter = PathName.class,
      description =
          "The function's code instead of its CodeUri: a folder (classes and lib/), a"
              + " .jar or a .zip.")
  private Path codeUri;

  @Option(
      names = "--log-format",
      paramLabel = "Text|JSON",
      converter = LogFormat.class,
      description = "Overrides the template's LoggingConfig.LogFormat.")
  private String logFormat;

  @Option(
      names = "--init-type",
      paramLabel = "TYPE",
      converter = InitType.class,
      description =
          "AWS_LAMBDA_INITIALIZATION_TYPE: on-demand (the default),"
              + " provisioned-concurrency, snap-start or lambda-managed-instances.")
  private String initType;

  /** The template, as named or by default. */
  Path template() {
    return template;
  }

  /** {@code --code-uri}, or null. */
  Path codeUri() {
    return codeUri;
  }

  /** {@code -e}, or null. */
  String eventFile() {
    return event;
  }

  /** {@code --log-format}, or null for the template's. */
  String logFormat() {
    return logFormat;
  }

  /** {@code --init-type}, or null for on-demand. */
  String initType() {
    return initType;
  }

  /**
   * @return the function's logical id, or null when none was named
   * @throws ParameterException (a usage error) when more than one was
   */
  String functionId() {
    if (functions.size() > 1) {
      throw new ParameterException(
          command.commandLine(),
          "only one function per run (got " + String.join(" and ", functions) + ")");
    }
    return functions.isEmpty() ? null : functions.get(0);
  }

  /**
   * The function these options name: read from the template with its code found, its log format and
   * init type as asked, checked against Lambda's limits and its handler class looked up.
   *
   * @param err where the template's warnings go
   * @return the function, ready to run
   * @throws LocalInvokeException when the template, the function or its code is unusable
   */
  FunctionSpec spec(PrintStream err) throws LocalInvokeException {
    Template loaded = Template.load(template);
    String id = idIn(loaded, functionId());
    Consumer<String> warnings = w -> err.println(TerminalText.message(w));
    return ready(loaded.function(id, warnings, codeUri), logFormat, initType, warnings);
  }

  /**
   * @param loaded a template
   * @param named the function's logical id, or null
   * @return {@code named}, or the template's only function
   * @throws LocalInvokeException when none was named and the template has more than one, or none
   */
  static String idIn(Template loaded, String named) throws LocalInvokeException {
    if (named != null) {
      return named;
    }
    List<String> ids = loaded.functionIds();
    if (ids.size() != 1) {
      throw new LocalInvokeException(
          "name the function to invoke; known functions: "
              + (ids.isEmpty() ? "(none)" : String.join(", ", ids)));
    }
    return ids.get(0);
  }

  /**
   * A function with the log format and init type asked (each null for the template's), checked
   * against Lambda's limits and its handler class looked up.
   *
   * @throws LocalInvokeException when it could not run on Lambda, or not start
   */
  static FunctionSpec ready(
      FunctionSpec fn, String logFormat, String initType, Consumer<String> warnings)
      throws LocalInvokeException {
    if (logFormat != null) {
      fn = fn.withLogFormat(logFormat);
    }
    if (initType != null) {
      fn = fn.withInitType(initType);
    }
    LambdaLimits.check(fn);
    if (fn.zip() == null) {
      // A zip's classes are looked up once it is unpacked.
      FunctionCode.checkHandlerClass(fn);
    } else {
      FunctionCode.checkZip(fn, warnings);
    }
    return fn;
  }

  /**
   * @param stdin standard input when it is piped, else null
   * @return the event, checked as Lambda checks a payload
   * @throws LocalInvokeException when it cannot be read, or is not one JSON value within the limit
   */
  String event(InputStream stdin) throws LocalInvokeException {
    return LocalInvoke.readEvent(event, stdin);
  }

  /** {@code -t} and {@code --code-uri}: a path the file system can name (no NUL, for one). */
  static final class PathName implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("needs a valid path, not '" + value + "'");
      }
    }
  }

  /** {@code --log-format}: Text or JSON in any case, written as Lambda writes it. */
  static final class LogFormat implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return FunctionSpec.normalizeLogFormat(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("must be Text or JSON, not '" + value + "'");
      }
    }
  }

  /** {@code --init-type}: one of the initialization types Lambda sets. */
  static final class InitType implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!FunctionSpec.INIT_TYPES.contains(value)) {
        throw new TypeConversionException(
            "must be one of "
                + String.join(", ", FunctionSpec.INIT_TYPES)
                + ", not '"
                + value
                + "'");
      }
      return value;
    }
  }
}
