package io.github.goblinfish.metrics.trackers.local;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How a summary or a comparison is shown: {@code --summary text|json}, {@code --by IDENTIFIER} and
 * {@code --html FILE}.
 *
 * <pre>{@code
 * @Mixin OutputOptions output;
 * ...
 * Summary summary = Summary.of(observations, output.by());
 * if (output.json()) { ... }
 * }</pre>
 *
 * <p>Not thread-safe: picocli fills one instance per command line, used by one run.
 */
final class OutputOptions {
  @Option(
      names = "--summary",
      paramLabel = "text|json",
      converter = TextOrJson.class,
      description =
          "The summary (or comparison) as text, the default, or as json: one JSON document,"
              + " then the only output. Invoke prints the text one for more than one invocation"
              + " unless -q.")
  private String summary;

  @Option(
      names = "--by",
      paramLabel = "IDENTIFIER",
      converter = IdentifierName.class,
      description =
          "Groups by the value of an identifier as well (function_name, cold_start,"
              + " init_type, ...).")
  private String by;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      converter = HtmlFile.class,
      description =
          "Also writes the summary (or comparison) as one HTML page with charts, which"
              + " needs no network to open.")
  private Path html;

  /**
   * @return {@code text}, {@code json}, or null when not given
   */
  String summary() {
    return summary;
  }

  /**
   * @return whether the summary is the JSON document
   */
  boolean json() {
    return "json".equals(summary);
  }

  /**
   * @return the identifier to group by, or null
   */
  String by() {
    return by;
  }

  /**
   * @return the HTML page to write, or null
   */
  Path html() {
    return html;
  }

  /** {@code --summary}: text or json. */
  static final class TextOrJson implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.equals("text") && !value.equals("json")) {
        throw new TypeConversionException("must be text or json, not '" + value + "'");
      }
      return value;
    }
  }

  /** {@code --by}: an identifier's name, not blank. */
  static final class IdentifierName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("needs an identifier name");
      }
      return value;
    }
  }

  /**
   * {@code --html}: a file that can be written, checked before anything runs. Not {@code -}: the
   * page is a file to open, never written to standard output, and a file named {@code -} is {@code
   * ./-}.
   */
  static final class HtmlFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      if (value.equals("-")) {
        throw new TypeConversionException(
            "--html writes a file, not standard output: name one (./- for a file named -)");
      }
      try {
        return HtmlReport.target(value);
      } catch (LocalInvokeException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
