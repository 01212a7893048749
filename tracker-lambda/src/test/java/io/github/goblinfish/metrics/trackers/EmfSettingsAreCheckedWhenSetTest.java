package io.github.goblinfish.metrics.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EmfSettingsAreCheckedWhenSetTest {
  private static final String NAMESPACE_RULE =
      "' is not accepted: use 1 to 255 characters of A-Z a-z 0-9 . - _ / # : (no spaces),"
          + " not starting with ':' or AWS/";
  private static final String NAME_RULE =
      " is not accepted: use 1 to 250 printable ASCII characters, not blank, without leading or"
          + " trailing spaces, not starting with ':', and none of the line's own keys"
          + " [_aws, init, init_steps, latencies, latency_counts, metrics, tracker_warnings,"
          + " untracked]";
  private static final String SYNTAX =
      "; write sets separated by ';' and names by ',', e.g. \"function_name,service;service\","
          + " or \"\" for one empty set";

  private static void assertMessage(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void defaults() {
    EmfLineFormat format = LineFormat.emf().build();
    assertEquals("tracker-lambda", format.namespace());
    assertEquals(Optional.empty(), format.service());
    assertEquals(List.of(List.of("function_name")), format.dimensions());
    assertEquals(
        "EmfLineFormat[namespace=tracker-lambda, service=null, dimensions=[[function_name]]]",
        format.toString());
  }

  @Test
  void acceptedNamespaces() {
    String longest = "a".repeat(255);
    assertEquals(longest, LineFormat.emf().namespace(longest).build().namespace());
    assertEquals(
        "My.App-1_x/y#z:w", LineFormat.emf().namespace("My.App-1_x/y#z:w").build().namespace());
    assertEquals("aws/lower", LineFormat.emf().namespace("aws/lower").build().namespace());
  }

  @Test
  void aNamespaceStartingWithAColonIsRefusedAsCloudWatchsPatternRefusesIt() {
    for (String bad : new String[] {":orders", ":", "::a"}) {
      assertMessage("namespace '" + bad + NAMESPACE_RULE, () -> LineFormat.emf().namespace(bad));
    }
    assertEquals("a:b:", LineFormat.emf().namespace("a:b:").build().namespace());
    assertEquals(
        "#" + "a".repeat(254),
        LineFormat.emf().namespace("#" + "a".repeat(254)).build().namespace());
  }

  @Test
  void refusedNamespaces() {
    for (String bad :
        new String[] {
          "",
          ":orders",
          " orders",
          "orders ",
          "my orders",
          "caf\u00e9",
          "a".repeat(256),
          "AWS/Lambda",
          "a+b",
          "line\nbreak"
        }) {
      assertMessage("namespace '" + bad + NAMESPACE_RULE, () -> LineFormat.emf().namespace(bad));
    }
    assertThrows(NullPointerException.class, () -> LineFormat.emf().namespace(null));
  }

  @Test
  void services() {
    assertEquals(
        Optional.of("order api/v2"), LineFormat.emf().service("order api/v2").build().service());
    assertEquals(1024, LineFormat.emf().service("s".repeat(1024)).build().service().get().length());
    for (String bad : new String[] {"", "  ", " x", "x ", "caf\u00e9", "a\tb", "s".repeat(1025)}) {
      assertMessage(
          "service '"
              + bad
              + "' is not accepted: use 1 to 1024 printable ASCII characters, not blank, without"
              + " leading or trailing spaces",
          () -> LineFormat.emf().service(bad));
    }
    assertThrows(NullPointerException.class, () -> LineFormat.emf().service(null));
  }

  @Test
  void parseDimensionsReadsSetsAndNames() {
    assertEquals(
        List.of(List.of("function_name", "service"), List.of("service")),
        EmfLineFormat.parseDimensions("function_name,service;service"));
    assertEquals(List.of(List.of()), EmfLineFormat.parseDimensions(""));
    assertEquals(List.of(List.of()), EmfLineFormat.parseDimensions("   "));
    assertEquals(List.of(List.of("a"), List.of()), EmfLineFormat.parseDimensions(" a ;"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> EmfLineFormat.parseDimensions("a").get(0).add("b"));
    assertThrows(NullPointerException.class, () -> EmfLineFormat.parseDimensions(null));
  }

  @Test
  void parseDimensionsRefusesBadText() {
    assertMessage(
        "dimensions \"a,,b\" is not accepted: name '' in set 1" + NAME_RULE + SYNTAX,
        () -> EmfLineFormat.parseDimensions("a,,b"));
    assertMessage(
        "dimensions \"a;b,\" is not accepted: name '' in set 2" + NAME_RULE + SYNTAX,
        () -> EmfLineFormat.parseDimensions("a;b,"));
    assertMessage(
        "dimensions \"a;;\" is not accepted: sets 2 and 3 hold the same names" + SYNTAX,
        () -> EmfLineFormat.parseDimensions("a;;"));
    assertMessage(
        "dimensions \"a,b;b,a\" is not accepted: sets 1 and 2 hold the same names" + SYNTAX,
        () -> EmfLineFormat.parseDimensions("a,b;b,a"));
    assertMessage(
        "dimensions \"a,b,a\" is not accepted: set 1 names 'a' twice" + SYNTAX,
        () -> EmfLineFormat.parseDimensions("a,b,a"));
    assertMessage(
        "dimensions \"x;metrics\" is not accepted: name 'metrics' in set 2" + NAME_RULE + SYNTAX,
        () -> EmfLineFormat.parseDimensions("x;metrics"));
    assertMessage(
        "dimensions \":a\" is not accepted: name ':a' in set 1" + NAME_RULE + SYNTAX,
        () -> EmfLineFormat.parseDimensions(":a"));
  }

  @Test
  void dimensionLimits() {
    List<String> thirty = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      thirty.add("d" + i);
    }
    assertEquals(
        30, LineFormat.emf().dimensions(List.of(thirty)).build().dimensions().get(0).size());
    List<String> thirtyOne = new ArrayList<>(thirty);
    thirtyOne.add("d30");
    assertMessage(
        "dimensions not accepted: set 2 has 31 names, at most 30 accepted",
        () -> LineFormat.emf().dimensions(List.of(List.of(), thirtyOne)).build());

    List<List<String>> sets = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      sets.add(List.of("d" + i));
    }
    assertMessage(
        "dimensions not accepted: 31 dimension sets, at most 30 accepted",
        () -> LineFormat.emf().dimensions(sets));
    assertEquals(30, LineFormat.emf().dimensions(sets.subList(0, 30)).build().dimensions().size());

    assertMessage(
        "dimensions not accepted: no dimension set; give at least one, the empty set [] for"
            + " metrics without dimensions",
        () -> LineFormat.emf().dimensions(List.of()));

    String longest = "n".repeat(250);
    assertEquals(
        longest,
        LineFormat.emf().dimensions(List.of(List.of(longest))).build().dimensions().get(0).get(0));
    assertMessage(
        "dimensions not accepted: name '" + longest + "n' in set 1" + NAME_RULE,
        () -> LineFormat.emf().dimensions(List.of(List.of(longest + "n"))));
    assertMessage(
        "dimensions not accepted: name ' ' in set 1" + NAME_RULE,
        () -> LineFormat.emf().dimensions(List.of(List.of(" "))));

    List<List<String>> wide = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      wide.add(List.of(String.valueOf((char) ('a' + i)).repeat(250)));
    }
    wide.add(List.of("z".repeat(96)));
    assertEquals(17, LineFormat.emf().dimensions(wide).build().dimensions().size(), "4096");
    wide.set(16, List.of("z".repeat(97)));
    assertMessage(
        "dimensions not accepted: the names of all sets add up to 4097 characters, at most 4096"
            + " accepted",
        () -> LineFormat.emf().dimensions(wide));
    assertThrows(
        NullPointerException.class,
        () -> LineFormat.emf().dimensions(List.of(Collections.singletonList(null))));
  }

  @Test
  void dimensionsAreCopied() {
    List<String> set = new ArrayList<>(List.of("a"));
    List<List<String>> sets = new ArrayList<>(List.of(set));
    EmfLineFormat format = LineFormat.emf().dimensions(sets).build();
    set.add("b");
    sets.add(List.of("c"));
    assertEquals(List.of(List.of("a")), format.dimensions());
    assertThrows(UnsupportedOperationException.class, () -> format.dimensions().add(List.of()));
  }

  @Test
  void unitsAndHighResolutionNeedNames() {
    assertMessage("name must not be blank", () -> LineFormat.emf().unit(" ", EmfUnit.COUNT));
    assertMessage("name must not be blank", () -> LineFormat.emf().highResolution(""));
    assertThrows(NullPointerException.class, () -> LineFormat.emf().unit(null, EmfUnit.COUNT));
    assertThrows(NullPointerException.class, () -> LineFormat.emf().unit("x", null));
    assertThrows(NullPointerException.class, () -> LineFormat.emf().highResolution(null));
    assertThrows(NullPointerException.class, () -> LineFormat.emf().clock(null));
  }

  @Test
  void aBuilderLeavesEarlierFormatsAlone() {
    EmfLineFormat.Builder builder = LineFormat.emf().namespace("one");
    EmfLineFormat first = builder.build();
    EmfLineFormat second = builder.namespace("two").build();
    assertEquals("one", first.namespace());
    assertEquals("two", second.namespace());
  }
}
