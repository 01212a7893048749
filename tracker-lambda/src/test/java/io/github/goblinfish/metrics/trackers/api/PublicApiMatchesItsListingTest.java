package io.github.goblinfish.metrics.trackers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.test.TrackerLinesExtension;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what the committed listings say, and nothing else: a change to a public or
 * protected type or member of an exported package fails the build until its listing is updated on
 * purpose. {@code ./mvnw -B -pl tracker-lambda -am verify -Dtest=PublicApiMatchesItsListingTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true} rewrites the listings from the
 * compiled classes; review the diff before committing it. The {@code internal} package is not API
 * and is left out.
 */
class PublicApiMatchesItsListingTest {
  private static final String CORE = "io.github.goblinfish.metrics.trackers";
  private static final String LAMBDA = CORE + ".lambda";
  private static final String TEST_KIT = CORE + ".test";

  @Test
  void theLibrarysPublicApiIsItsListing() throws Exception {
    List<String> listing = new ArrayList<>();
    listing.addAll(listing(classesOf(ProcessTracker.class), CORE));
    listing.addAll(listing(classesOf(ProcessTracker.class), LAMBDA));
    assertMatches(Path.of("api", "tracker-lambda.api"), listing);
  }

  @Test
  void theTestKitsPublicApiIsItsListing() throws Exception {
    // The test kit's sources are compiled with these tests (see the POM): its classes are here.
    assertMatches(
        Path.of("..", "tracker-lambda-test", "api", "tracker-lambda-test.api"),
        listing(classesOf(TrackerLinesExtension.class), TEST_KIT));
  }

  @Test
  void theListingHoldsNoInternalTypeButEveryPublicOne() throws Exception {
    List<String> listing = listing(classesOf(ProcessTracker.class), CORE);
    assertTrue(listing.stream().noneMatch(line -> line.contains(".internal.")), "internal");
    assertTrue(
        listing.contains("public final class " + CORE + ".ProcessTracker"),
        String.join("\n", listing));
  }

  private static Path classesOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Every public type of the package, with its public and protected members, sorted. */
  static List<String> listing(Path classes, String packageName) throws Exception {
    TreeSet<String> lines = new TreeSet<>();
    Path directory = classes.resolve(packageName.replace('.', '/'));
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class")) {
          continue;
        }
        Class<?> type =
            Class.forName(
                packageName + "." + name.substring(0, name.length() - ".class".length()),
                false,
                PublicApiMatchesItsListingTest.class.getClassLoader());
        if (visible(type)) {
          list(type, lines);
        }
      }
    }
    return new ArrayList<>(lines);
  }

  /** Public, or protected in a visible type, all the way out. */
  private static boolean visible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      boolean outward =
          Modifier.isPublic(modifiers)
              || (Modifier.isProtected(modifiers) && t.getDeclaringClass() != null);
      if (!outward || t.isAnonymousClass() || t.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static void list(Class<?> type, TreeSet<String> lines) {
    String name = type.getName();
    StringBuilder header = new StringBuilder(type.toGenericString());
    Class<?> superclass = type.getSuperclass();
    List<Type> interfaces = new ArrayList<>(List.of(type.getGenericInterfaces()));
    // A non-public superclass is not API: name the first public one, and the interfaces it brings.
    while (superclass != null && !Modifier.isPublic(superclass.getModifiers())) {
      interfaces.addAll(List.of(superclass.getGenericInterfaces()));
      superclass = superclass.getSuperclass();
    }
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      header.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    if (!interfaces.isEmpty()) {
      header.append(type.isInterface() ? " extends " : " implements ");
      for (int i = 0; i < interfaces.size(); i++) {
        header.append(i == 0 ? "" : ", ").append(interfaces.get(i).getTypeName());
      }
    }
    lines.add(header.toString());
    for (Field field : type.getDeclaredFields()) {
      add(name, field, field.toGenericString(), lines);
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      add(name, constructor, constructor.toGenericString(), lines);
    }
    for (Method method : type.getDeclaredMethods()) {
      if (!method.isBridge()) {
        add(name, method, method.toGenericString(), lines);
      }
    }
    // Public methods a non-public superclass declares are API of this type too.
    for (Method method : type.getMethods()) {
      if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
        add(name, method, method.toGenericString(), lines);
      }
    }
  }

  private static void add(String owner, Member member, String signature, TreeSet<String> lines) {
    int modifiers = member.getModifiers();
    if (member.isSynthetic()
        || !(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))) {
      return;
    }
    lines.add(owner + " :: " + signature);
  }

  private static void assertMatches(Path file, List<String> listing) throws IOException {
    String computed = String.join("\n", listing) + "\n";
    if (Boolean.getBoolean("api.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, computed, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail(file + " is missing; " + HOW_TO_UPDATE);
    }
    String committed = Files.readString(file, StandardCharsets.UTF_8);
    if (!committed.equals(computed)) {
      fail(
          "the public API differs from "
              + file
              + " (- listed, + compiled):\n"
              + diff(committed.lines().toList(), listing)
              + "\nIf the change is meant: "
              + HOW_TO_UPDATE);
    }
    assertEquals(committed, computed);
  }

  private static final String HOW_TO_UPDATE =
      "./mvnw -B -pl tracker-lambda -am verify -Dtest=PublicApiMatchesItsListingTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true rewrites the listings;"
          + " commit them with the change, and say so in CHANGELOG.md.";

  /** The lines only one side has, each marked with its side; both sides are sorted. */
  private static String diff(List<String> listed, List<String> compiled) {
    StringBuilder diff = new StringBuilder();
    TreeSet<String> all = new TreeSet<>(listed);
    all.addAll(compiled);
    for (String line : all) {
      boolean inListed = listed.contains(line);
      boolean inCompiled = compiled.contains(line);
      if (inListed != inCompiled) {
        diff.append(inListed ? "- " : "+ ").append(line).append('\n');
      }
    }
    return diff.toString();
  }
}
