package io.github.goblinfish.metrics.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's section on the jars each cold-start function ships. */
final class DependencySets {
  private static final String[][] FUNCTIONS = {
    {"bare", "bare handler"},
    {"tracker", "**tracker-lambda**"},
    {"emf", "aws-embedded-metrics 4.2.0"},
    {"powertools", "powertools-metrics 2.9.0"}
  };

  private DependencySets() {}

  /**
   * Appends the section.
   *
   * @param md the report
   * @param functions the folder of the functions' jar folders
   * @return tracker-lambda's set (what the size target is judged on), or null when it is missing
   * @throws IOException if a folder cannot be listed
   */
  static DependencySet append(StringBuilder md, Path functions) throws IOException {
    md.append("## Runtime dependency sets\n\n");
    md.append(
            "The jars each cold-start function ships besides its own code (the runtime client is ")
        .append(
            "provided by Lambda): every jar in its folder, and the total is their sum, the same ")
        .append(
            "sum the size target reads. tracker-lambda's set is its runtime dependencies as Maven ")
        .append("resolves them for a user: our jar, Gson and `aws-lambda-java-core` (Gson's ")
        .append(
            "`error_prone_annotations` is excluded by the library's pom: compile-time annotations ")
        .append("only, which the JVM does not need). The peers' sets are resolved on their own ")
        .append(
            "(`benchmarks/functions/*/pom.xml`), exactly as a function using only that library ")
        .append("gets them. 1 KB = 1,000 bytes.\n\n");
    md.append("| function | jars | total |\n| --- | --- | ---: |\n");
    DependencySet tracker = null;
    for (String[] function : FUNCTIONS) {
      Path folder = functions.resolve(function[0]);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      DependencySet set = DependencySet.of(folder);
      if (function[0].equals("tracker")) {
        tracker = set;
      }
      List<String> jars = new ArrayList<>();
      for (Map.Entry<String, Long> jar : set.jars().entrySet()) {
        jars.add(jar.getKey() + " (" + Report.kb(jar.getValue()) + ")");
      }
      md.append("| ")
          .append(function[1])
          .append(" | ")
          .append(String.join(", ", jars))
          .append(" | ")
          .append(Report.kb(set.totalBytes()))
          .append(" |\n");
    }
    md.append('\n');
    return tracker;
  }
}
