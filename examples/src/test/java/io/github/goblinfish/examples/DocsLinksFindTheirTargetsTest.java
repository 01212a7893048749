package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md, ARCHITECTURE.md, BENCHMARKS.md, CHANGELOG.md and docs/*.md
 * ({@code ](#anchor)}, {@code ](docs/page.md#anchor)}, {@code ](../README.md)}) finds its file, and
 * its anchor is a heading of that file, as GitHub names headings.
 */
class DocsLinksFindTheirTargetsTest {
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyRelativeLinkAndAnchorOfTheDocsExists() throws IOException {
    Path root = Repository.root();
    List<Path> pages = new ArrayList<>(DocsSnippetsAreCompiledTest.pages());
    for (String page : List.of("ARCHITECTURE.md", "BENCHMARKS.md", "CHANGELOG.md")) {
      pages.add(root.resolve(page));
    }
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path page : pages) {
      for (String target : links(Files.readString(page))) {
        links++;
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(root.relativize(page) + ": " + target + " (" + problem + ")");
        }
      }
    }
    assertEquals(List.of(), broken);
    assertEquals(true, links > 20, "found only " + links + " relative links");
  }

  @Test
  void headingsAreNamedAsGitHubNamesThem() {
    assertEquals(
        Set.of(
            "why-lambdaloggerlogbyte", "from-saved-lines-invoke-report", "one-tracker-many-runs"),
        anchors(
            "## Why `LambdaLogger.log(byte[])`\n### From saved lines: `./invoke report`\n"
                + "```\n# not a heading\n```\n## One tracker, many runs\n"));
  }

  @Test
  void aLinkToAMissingAnchorOrFileIsAProblem() throws IOException {
    Path readme = Repository.root().resolve("README.md");

    assertEquals(
        "no heading #no-such-heading", problem(readme, "docs/guarantees.md#no-such-heading"));
    assertEquals("no such file", problem(readme, "docs/no-such-page.md"));
    assertEquals(null, problem(readme, "docs/guarantees.md#bad-input-and-faults"));
  }

  static List<String> links(String page) {
    List<String> targets = new ArrayList<>();
    Matcher link = LINK.matcher(FENCE.matcher(page).replaceAll(""));
    while (link.find()) {
      String target = link.group(1);
      if (!target.matches("^[a-z]+:.*")) {
        targets.add(target);
      }
    }
    return targets;
  }

  static String problem(Path page, String target) throws IOException {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (hash < 0) {
      return null;
    }
    String anchor = target.substring(hash + 1);
    return anchors(Files.readString(resolved)).contains(anchor) ? null : "no heading #" + anchor;
  }

  /** GitHub's names of a page's headings: lower case, punctuation dropped, spaces as dashes. */
  static Set<String> anchors(String page) {
    Set<String> anchors = new HashSet<>();
    for (String line : FENCE.matcher(page).replaceAll("").lines().toList()) {
      if (line.matches("^#+ .*")) {
        String heading = line.substring(line.indexOf(' ') + 1).strip().toLowerCase(Locale.ROOT);
        anchors.add(heading.replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
