package io.github.goblinfish.metrics.benchmarks.handlers;

import java.util.Locale;

/**
 * The work one invocation records, the same for every implementation: timed steps (each opened and
 * closed in turn), numeric metrics and identifiers. The entry (the whole invocation) is always
 * timed too. All names are built once, so no implementation pays for building them per invocation.
 */
public final class Scenario {
  /** The entry timer only. */
  public static final Scenario MINIMAL = new Scenario("minimal", new String[0], 1, false);

  /** 5 timers, 3 numeric metrics, 2 identifiers. */
  public static final Scenario TYPICAL =
      new Scenario(
          "typical",
          new String[] {"validate", "load_order", "price_order", "save_order", "render_response"},
          1,
          true);

  /** 100 distinct timer names. */
  public static final Scenario DISTINCT_100 = distinct(100);

  /** One timer name closed 10,000 times. */
  public static final Scenario REPEATED_10000 = repeated(10_000);

  static final String[] METRIC_NAMES = {"order_lines", "order_total_cents", "items_shipped"};
  static final long[] METRIC_VALUES = {3, 4599, 2};
  static final String[] IDENTIFIER_NAMES = {"correlation_id", "order_id"};
  static final String[] IDENTIFIER_VALUES = {"c-42", "o-1001"};

  /** The entry's latency name (the tracked handler's simple class name, for every peer too). */
  public static final String ENTRY = "TrackerHandler";

  private final String name;
  private final String[] timers;
  private final int repeats;
  private final boolean values;

  private Scenario(String name, String[] timers, int repeats, boolean values) {
    this.name = name;
    this.timers = timers;
    this.repeats = repeats;
    this.values = values;
  }

  /**
   * A scenario of {@code count} distinct timer names, {@code step_0000} and so on.
   *
   * @param count how many names
   * @return the scenario
   */
  public static Scenario distinct(int count) {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = String.format(Locale.ROOT, "step_%04d", i);
    }
    return new Scenario("distinct_" + count, names, 1, false);
  }

  /**
   * A scenario of one timer name, {@code step}, closed {@code count} times.
   *
   * @param count how many times
   * @return the scenario
   */
  public static Scenario repeated(int count) {
    return new Scenario("repeated_" + count, new String[] {"step"}, count, false);
  }

  /**
   * Finds a scenario by its name: minimal, typical, distinct_N or repeated_N.
   *
   * @param name the scenario's name
   * @return the scenario
   */
  public static Scenario named(String name) {
    switch (name) {
      case "minimal":
        return MINIMAL;
      case "typical":
        return TYPICAL;
      case "distinct_100":
        return DISTINCT_100;
      case "repeated_10000":
        return REPEATED_10000;
      default:
        if (name.startsWith("distinct_")) {
          return distinct(Integer.parseInt(name.substring("distinct_".length())));
        }
        if (name.startsWith("repeated_")) {
          return repeated(Integer.parseInt(name.substring("repeated_".length())));
        }
        throw new IllegalArgumentException("unknown scenario " + name);
    }
  }

  /**
   * @return the scenario's name
   */
  public String name() {
    return name;
  }

  /**
   * @return the timer names, in the order they are timed
   */
  public String[] timers() {
    return timers;
  }

  /**
   * @return how many times each timer name is timed in a row
   */
  public int repeats() {
    return repeats;
  }

  /**
   * @return the numeric metrics' names (empty unless the scenario sets values)
   */
  public String[] metricNames() {
    return values ? METRIC_NAMES : new String[0];
  }

  /**
   * @return the numeric metrics' values, by index of {@link #metricNames()}
   */
  public long[] metricValues() {
    return values ? METRIC_VALUES : new long[0];
  }

  /**
   * @return the identifiers' names (empty unless the scenario sets values)
   */
  public String[] identifierNames() {
    return values ? IDENTIFIER_NAMES : new String[0];
  }

  /**
   * @return the identifiers' values, by index of {@link #identifierNames()}
   */
  public String[] identifierValues() {
    return values ? IDENTIFIER_VALUES : new String[0];
  }

  /**
   * The business work of one step: nothing, so that what is measured is the instrumentation.
   *
   * @param step the step's index
   * @return a value the caller folds into its response
   */
  public static int work(int step) {
    return step;
  }

  @Override
  public String toString() {
    return name;
  }
}
