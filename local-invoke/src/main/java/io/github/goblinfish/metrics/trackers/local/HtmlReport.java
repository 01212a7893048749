package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;

/**
 * The HTML report ({@code --html FILE}): one self-contained page that opens with no network,
 * holding Apache ECharts (copied out of its webjar on the classpath), the page's own script, and
 * the report's data ({@link HtmlReportData}) as JSON in a {@code <script type="application/json">}
 * element, written by Gson with its HTML-safe escaping ({@code <}, {@code >}, {@code &}, {@code =}
 * and {@code '} as {@code \u003c} ...), so that no name can close the element. No name is ever
 * written into the HTML itself. A Content-Security-Policy allows the two inline scripts by their
 * SHA-256 and no other script: even markup that got into the page could not run one.
 *
 * <pre>{@code
 * Path file = HtmlReport.target("report.html"); // checked before anything runs
 * HtmlReport.write(file, HtmlReportData.of(summary, notes));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class HtmlReport {
  private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
  private static final String OWN_SCRIPT = "html-report.js";

  private HtmlReport() {}

  /**
   * @param value the {@code --html} option's value
   * @return the file to write the report to
   * @throws LocalInvokeException (a usage error) when it cannot be: an empty or invalid path, a
   *     folder, or a file in a folder that does not exist or cannot be written
   */
  static Path target(String value) throws LocalInvokeException {
    if (value.isBlank()) {
      throw new LocalInvokeException("--html needs a file name");
    }
    Path file;
    try {
      file = Path.of(value);
    } catch (InvalidPathException e) {
      throw new LocalInvokeException("--html: '" + value + "' is not a valid path");
    }
    if (Files.isDirectory(file)) {
      throw new LocalInvokeException("--html: " + value + " is a folder: name a file to write");
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new LocalInvokeException(
          "--html: cannot write " + value + ": " + folder + " is not a folder (create it first)");
    }
    if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
      throw new LocalInvokeException("--html: cannot write " + value + ": permission denied");
    }
    return file;
  }

  /**
   * @param file where to write the page (from {@link #target})
   * @param data what it shows
   * @throws LocalInvokeException (a usage error) when the file cannot be written
   */
  static void write(Path file, JsonObject data) throws LocalInvokeException {
    try {
      Files.writeString(file, page(data), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LocalInvokeException("--html: cannot write " + file + ": " + e);
    }
  }

  /**
   * @param data what the page shows
   * @return the whole page
   */
  static String page(JsonObject data) {
    String version = echartsVersion();
    String echarts =
        resource(
            HtmlReport.class.getClassLoader(),
            "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js");
    String own = resource(HtmlReport.class, OWN_SCRIPT);
    JsonObject shown = data.deepCopy();
    shown.addProperty("echarts", version);
    // Gson escapes <, >, &, = and ' by default: the JSON cannot end its element or open a comment.
    String json = new Gson().toJson(shown);
    return "<!DOCTYPE html>\n"
        + "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src"
        + " 'sha256-"
        + sha256(echarts)
        + "' 'sha256-"
        + sha256(own)
        + "'; style-src 'unsafe-inline'; img-src data:\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>tracker-lambda report</title>\n"
        + "<style>\n"
        + "body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 1000px;"
        + " padding: 0 1em; color: #222; }\n"
        + "h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.6em; }\n"
        + ".chart { width: 100%; }\n"
        + "table { border-collapse: collapse; font-variant-numeric: tabular-nums; }\n"
        + "th, td { padding: 2px 10px; text-align: right; border-bottom: 1px solid #ddd; }\n"
        + "tr > th:first-child { text-align: left; font-weight: normal; }\n"
        + ".note { color: #555; }\n"
        + "</style>\n</head>\n<body>\n<main id=\"report\"></main>\n"
        + "<script type=\"application/json\" id=\"report-data\">"
        + json
        + "</script>\n"
        + inline(echarts)
        + inline(own)
        + "</body>\n</html>\n";
  }

  /** An inline script; a text that could end its element early is a broken build, not input. */
  private static String inline(String script) {
    String lower = script.toLowerCase(Locale.ROOT);
    if (lower.contains("</script") || lower.contains("<!--")) {
      throw new IllegalStateException("a script of the HTML report cannot be inlined as it is");
    }
    return "<script>" + script + "</script>\n";
  }

  private static String echartsVersion() {
    Properties pom = new Properties();
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS_POM)) {
      if (in == null) {
        throw new IllegalStateException("ECharts is not on the classpath (" + ECHARTS_POM + ")");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static String resource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      return read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(Class<?> near, String name) {
    try (InputStream in = near.getResourceAsStream(name)) {
      return read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(InputStream in, String name) throws IOException {
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath");
    }
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String sha256(String script) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
