package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and docs/*.md, and every usage example in the Javadoc of
 * the public types of the libraries (tracker-lambda, its test kit and tracker-lambda-lines; not of
 * the internal package, which is not API), is, line for line (leading spaces aside), in one of the
 * sources of {@code examples/src/test/java/.../examples/docs}, which the build compiles (and whose
 * tests it runs): an example the docs show that no longer compiles fails the build.
 */
class DocsSnippetsAreCompiledTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
  private static final Pattern JAVADOC_BLOCK =
      Pattern.compile("(?ms)<pre>\\{@code\\n(.*?)^\\s*\\*\\s*\\}</pre>");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "(?m)^public (?:final |abstract |sealed )*(?:class|interface|@interface|enum|record) ");
  private static final List<String> PUBLISHED_LIBRARIES =
      List.of("tracker-lambda", "tracker-lambda-test", "tracker-lambda-lines");
  private static final Path SNIPPETS = Path.of("src/test/java/io/github/goblinfish/examples/docs");

  @Test
  void everyJavaBlockOfTheReadmeAndTheDocsIsInACompiledSource() throws IOException {
    List<List<String>> sources = compiledSources();
    List<String> missing = new ArrayList<>();
    int blocks = 0;
    for (Path page : pages()) {
      for (String block : javaBlocks(Files.readString(page))) {
        blocks++;
        if (!inAny(block, sources)) {
          missing.add(
              Repository.root().relativize(page) + ": " + block.lines().findFirst().orElse(""));
        }
      }
    }
    assertFalse(blocks < 10, "found only " + blocks + " java blocks in README.md and docs/");
    assertEquals(
        List.of(), missing, "java blocks of the docs that are in no source of " + SNIPPETS);
  }

  @Test
  void everyUsageExampleInTheJavadocOfAPublicTypeIsInACompiledSource() throws IOException {
    List<List<String>> sources = compiledSources();
    List<String> missing = new ArrayList<>();
    int blocks = 0;
    for (String module : PUBLISHED_LIBRARIES) {
      try (Stream<Path> files = Files.walk(Repository.root().resolve(module).resolve("src/main"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          String source = Files.readString(file);
          boolean internal = file.getParent().endsWith("internal"); // not API: no usage examples
          if (internal
              || !PUBLIC_TYPE.matcher(source).find() && !file.endsWith("package-info.java")) {
            continue;
          }
          for (String block : javadocBlocks(source)) {
            blocks++;
            if (!inAny(block, sources)) {
              missing.add(
                  Repository.root().relativize(file) + ": " + block.lines().findFirst().orElse(""));
            }
          }
        }
      }
    }
    assertFalse(blocks < 50, "found only " + blocks + " Javadoc examples");
    assertEquals(List.of(), missing, "Javadoc examples that are in no source of " + SNIPPETS);
  }

  @Test
  void javadocExamplesAreReadWithoutTheirStarsAndOutputIsLeftOut() {
    String source =
        "/**\n * <pre>{@code\n * if (a) {\n *   b();\n * }\n * }</pre>\n"
            + " * <pre>{@code\n * {\"latencies\":{}}\n * }</pre>\n */\n";

    assertEquals(List.of("if (a) {\n  b();\n}\n"), javadocBlocks(source));
  }

  static List<List<String>> compiledSources() throws IOException {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Repository.root().resolve("examples").resolve(SNIPPETS))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        sources.add(normalised(Files.readString(file)));
      }
    }
    return sources;
  }

  /**
   * The {@code <pre>{@code ...}</pre>} blocks of a source's Javadoc, without the leading stars,
   * leaving out those that show a line the library writes (JSON, not Java).
   */
  static List<String> javadocBlocks(String source) {
    List<String> blocks = new ArrayList<>();
    Matcher block = JAVADOC_BLOCK.matcher(source);
    while (block.find()) {
      String text = block.group(1).replaceAll("(?m)^\\s*\\*(?: |$)", "");
      if (!text.startsWith("{")) {
        blocks.add(text);
      }
    }
    return blocks;
  }

  @Test
  void aBlockIsFoundOnlyWhenAllItsLinesFollowEachOtherInOneSource() {
    List<List<String>> sources =
        List.of(normalised("class A {\n  void a() {\n    x();\n    y();\n  }\n}\n"));

    assertEquals(true, inAny("void a() {\n  x();\n  y();\n}\n", sources));
    assertEquals(false, inAny("void a() {\n  y();\n}\n", sources));
    assertEquals(false, inAny("void a() {\n  x(1);\n", sources));
  }

  @Test
  void javaBlocksAreReadFromTheFencesMarkedJavaOnly() {
    String page = "text\n```java\nint a;\n```\n```shell\nls\n```\n```java\nint b;\n```\n";

    assertEquals(List.of("int a;\n", "int b;\n"), javaBlocks(page));
  }

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Repository.root().resolve("README.md")));
    try (Stream<Path> docs = Files.list(Repository.root().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static List<String> javaBlocks(String page) {
    List<String> blocks = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(page);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  static boolean inAny(String block, List<List<String>> sources) {
    List<String> lines = normalised(block);
    return sources.stream()
        .anyMatch(source -> java.util.Collections.indexOfSubList(source, lines) >= 0);
  }

  /** The lines without their leading spaces, and without blank lines at either end. */
  static List<String> normalised(String text) {
    List<String> lines = new ArrayList<>(text.lines().map(String::stripLeading).toList());
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
