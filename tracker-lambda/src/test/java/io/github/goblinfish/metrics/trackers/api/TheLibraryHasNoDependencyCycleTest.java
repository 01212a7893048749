package io.github.goblinfish.metrics.trackers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The core's types depend on each other in floors, with no cycle through them: jdeps reads the
 * compiled classes, nested classes count as their top-level type, and no group of mutually
 * dependent types, in any of the library's packages, has more than {@value #LARGEST_GROUP} types.
 * ARCHITECTURE.md shows the same dependencies, floor by floor; {@code ./mvnw -B -pl tracker-lambda
 * -am verify -Dtest=TheLibraryHasNoDependencyCycleTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddeps.update=true} rewrites that listing.
 */
class TheLibraryHasNoDependencyCycleTest {
  private static final String CORE = "io.github.goblinfish.metrics.trackers.";
  private static final int LARGEST_GROUP = 3;
  private static final Path ARCHITECTURE = Path.of("..", "ARCHITECTURE.md");
  private static final String START = "<!-- library dependencies: generated -->";
  private static final String END = "<!-- /library dependencies -->";
  private static final Pattern TYPE =
      Pattern.compile(
          "^(?:[a-z]+ )*(?:class|interface|enum|record) (" + Pattern.quote(CORE) + "\\S+?)[ <{]");
  private static final Pattern FIELD_WRITE =
      Pattern.compile("put(?:field|static)\\s+#\\d+\\s+// Field ([\\w/$]+)\\.(\\w+):");
  private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)");

  @Test
  void noGroupOfMutuallyDependentTypesInTheLibraryIsLargerThanThree() throws Exception {
    List<String> tooLarge = new ArrayList<>();
    for (Set<String> group : groups(dependencies(classes()))) {
      if (group.size() > LARGEST_GROUP) {
        tooLarge.add(group.size() + " types: " + group);
      }
    }
    if (!tooLarge.isEmpty()) {
      fail("mutually dependent types, more than " + LARGEST_GROUP + " in a group: " + tooLarge);
    }
  }

  @Test
  void architectureShowsTheCoreDependenciesAsCompiled() throws Exception {
    String computed = listing(dependencies(classes()));
    String document = Files.readString(ARCHITECTURE, StandardCharsets.UTF_8);
    int start = document.indexOf(START);
    int end = document.indexOf(END);
    if (start < 0 || end < start) {
      fail(ARCHITECTURE + " has no section between " + START + " and " + END);
    }
    String section = document.substring(start + START.length(), end);
    if (Boolean.getBoolean("deps.update")) {
      Files.writeString(
          ARCHITECTURE,
          document.substring(0, start + START.length()) + computed + document.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        computed,
        section,
        "ARCHITECTURE.md's dependency listing differs from the compiled classes; run this test with"
            + " -Ddeps.update=true to rewrite it");
  }

  @Test
  void noCoreTypeWritesAnotherTypesFields() throws Exception {
    Path classes = classes();
    List<String> files = new ArrayList<>(List.of("-c", "-p"));
    for (String folder : List.of("", "internal/")) {
      Path directory = classes.resolve(CORE.replace('.', '/') + folder);
      try (var listed = Files.list(directory)) {
        listed
            .map(Path::toString)
            .filter(name -> name.endsWith(".class"))
            .sorted()
            .forEach(files::add);
      }
    }
    ToolProvider javap =
        ToolProvider.findFirst("javap").orElseThrow(() -> new AssertionError("no javap"));
    StringWriter out = new StringWriter();
    assertEquals(
        0,
        javap.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            files.toArray(new String[0])),
        "javap failed");
    List<String> writes = new ArrayList<>();
    String writer = null;
    for (String line : out.toString().lines().toList()) {
      Matcher type = TYPE.matcher(line);
      if (type.find()) {
        writer = topLevel(type.group(1));
        continue;
      }
      Matcher write = FIELD_WRITE.matcher(line);
      if (write.find()) {
        String owner = topLevel(write.group(1).replace('/', '.'));
        if (!owner.equals(writer)) {
          writes.add(writer + " writes " + owner + "." + write.group(2));
        }
      }
    }
    assertEquals(List.of(), writes, "a type writes another type's fields");
  }

  /** The folder of the library's compiled classes. */
  private static Path classes() throws Exception {
    return Path.of(
        ProcessTracker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * What each type of the library depends on among the library's types, as jdeps reads the classes:
   * names relative to the core package, nested classes folded into their top-level type.
   */
  static Map<String, Set<String>> dependencies(Path classes) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:class",
            "-filter:none",
            classes.toString());
    assertEquals(0, status, "jdeps failed: " + err);
    Map<String, Set<String>> dependencies = new TreeMap<>();
    for (String line : out.toString().lines().toList()) {
      Matcher matcher = DEPENDENCY.matcher(line);
      if (!matcher.find()
          || !matcher.group(1).startsWith(CORE)
          || !matcher.group(2).startsWith(CORE)) {
        continue;
      }
      String from = topLevel(matcher.group(1));
      String to = topLevel(matcher.group(2));
      dependencies.computeIfAbsent(from, type -> new TreeSet<>());
      dependencies.computeIfAbsent(to, type -> new TreeSet<>());
      if (!from.equals(to)) {
        dependencies.get(from).add(to);
      }
    }
    return dependencies;
  }

  private static String topLevel(String className) {
    int nested = className.indexOf('$');
    return (nested < 0 ? className : className.substring(0, nested)).substring(CORE.length());
  }

  /** The strongly connected groups of the graph (Tarjan's algorithm), each sorted by name. */
  static List<Set<String>> groups(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> groups = new ArrayList<>();
    for (String type : graph.keySet()) {
      if (!index.containsKey(type)) {
        connect(type, graph, index, low, stack, onStack, groups);
      }
    }
    return groups;
  }

  private static void connect(
      String type,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> groups) {
    index.put(type, index.size());
    low.put(type, index.get(type));
    stack.push(type);
    onStack.add(type);
    for (String next : graph.get(type)) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, onStack, groups);
        low.put(type, Math.min(low.get(type), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(type, Math.min(low.get(type), index.get(next)));
      }
    }
    if (low.get(type).equals(index.get(type))) {
      Set<String> group = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        group.add(member);
      } while (!member.equals(type));
      groups.add(group);
    }
  }

  /**
   * The library's types (core, {@code internal} and {@code lambda}) floor by floor, bottom first: a
   * type's floor is one above the highest floor it depends on, and mutually dependent types share
   * one floor.
   */
  static String listing(Map<String, Set<String>> all) {
    Map<String, Set<String>> graph = new TreeMap<>(all);
    Map<String, Set<String>> groupOf = new HashMap<>();
    for (Set<String> group : groups(graph)) {
      group.forEach(type -> groupOf.put(type, group));
    }
    Map<String, Integer> floors = new HashMap<>();
    graph.keySet().forEach(type -> floor(type, graph, groupOf, floors));
    TreeMap<Integer, Set<String>> byFloor = new TreeMap<>();
    floors.forEach((type, floor) -> byFloor.computeIfAbsent(floor, f -> new TreeSet<>()).add(type));
    StringBuilder text = new StringBuilder("\n```text\n");
    byFloor.forEach(
        (floor, types) -> {
          text.append("floor ").append(floor).append('\n');
          for (String type : types) {
            text.append("  ").append(type);
            Set<String> uses = graph.get(type);
            if (!uses.isEmpty()) {
              text.append(" -> ").append(String.join(", ", uses));
            }
            text.append('\n');
          }
        });
    List<String> cycles = new ArrayList<>();
    for (Set<String> group : new LinkedHashSet<>(groupOf.values())) {
      if (group.size() > 1) {
        cycles.add(String.join(" <-> ", group));
      }
    }
    cycles.sort(null);
    text.append("mutually dependent: ").append(String.join("; ", cycles)).append('\n');
    return text.append("```\n").toString();
  }

  private static int floor(
      String type,
      Map<String, Set<String>> graph,
      Map<String, Set<String>> groupOf,
      Map<String, Integer> floors) {
    Integer known = floors.get(type);
    if (known != null) {
      return known;
    }
    Set<String> group = groupOf.get(type);
    // Mark the group while its floor is computed: dependencies inside it do not raise it.
    group.forEach(member -> floors.put(member, 0));
    int floor = 0;
    for (String member : group) {
      for (String used : graph.get(member)) {
        if (!group.contains(used)) {
          floor = Math.max(floor, floor(used, graph, groupOf, floors) + 1);
        }
      }
    }
    for (String member : group) {
      floors.put(member, floor);
    }
    return floor;
  }
}
