package io.github.goblinfish.metrics.trackers.lambda;

import io.github.goblinfish.metrics.trackers.EmfLineFormat;
import io.github.goblinfish.metrics.trackers.LineFormat;
import io.github.goblinfish.metrics.trackers.ProcessTracker;
import io.github.goblinfish.metrics.trackers.Ticker;
import io.github.goblinfish.metrics.trackers.internal.Names;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a tracked handler names its entry, which identifiers it adds, and where its line goes.
 *
 * <pre>{@code
 * public final class OrderHandler extends TrackedRequestHandler<Request, Response> {
 *   public OrderHandler() {
 *     super(HandlerConfig.builder()
 *         .entryName("order_handler")
 *         .omitIdentifier(LambdaIdentifier.FUNCTION_VERSION)
 *         .build());
 *   }
 *
 *   protected Response handleTracked(Request request, Context context) {
 *     return Response.of(request);
 *   }
 * }
 * }</pre>
 *
 * <p>Every setting left unset in code is read from its environment variable when {@link
 * Builder#build()} runs (once, when the handler is constructed): {@value #FORMAT_VARIABLE}, {@value
 * #ENTRY_NAME_VARIABLE}, {@value #IDENTIFIERS_VARIABLE}, and for the EMF format {@value
 * #NAMESPACE_VARIABLE}, {@value #SERVICE_VARIABLE}, {@value #DIMENSIONS_VARIABLE}, {@value
 * #UNITS_VARIABLE} and {@value #HIGH_RESOLUTION_VARIABLE}. Code wins; a format set in code ignores
 * all the format variables. A value that is not accepted fails {@code build()} with an {@link
 * IllegalArgumentException} naming the variable and the accepted values.
 *
 * <p>Immutable and thread-safe; one instance serves every invocation of a handler.
 */
public final class HandlerConfig {
  /** The entry's latency name, when the code does not name it. */
  public static final String ENTRY_NAME_VARIABLE = "TRACKER_ENTRY_NAME";

  /**
   * Which automatic identifiers to add, when the code does not say: {@code all} (the default),
   * {@code none}, or a comma-separated list of their default names, such as {@code
   * request_id,cold_start}.
   */
  public static final String IDENTIFIERS_VARIABLE = "TRACKER_IDENTIFIERS";

  /** The line format when the code sets none: {@code json} (the default) or {@code emf}. */
  public static final String FORMAT_VARIABLE = TrackerSettings.FORMAT_VARIABLE;

  /** EMF: the metrics' namespace (default {@code tracker-lambda}). */
  public static final String NAMESPACE_VARIABLE = TrackerSettings.NAMESPACE_VARIABLE;

  /** EMF: a service name, written as the root member {@code service} (default: none). */
  public static final String SERVICE_VARIABLE = TrackerSettings.SERVICE_VARIABLE;

  /**
   * EMF: dimension sets, keys separated by {@code ,} and sets by {@code ;} (default {@code
   * function_name}; empty: metrics with no dimensions).
   */
  public static final String DIMENSIONS_VARIABLE = TrackerSettings.DIMENSIONS_VARIABLE;

  /** EMF: units of numeric metrics, as {@code name=Unit} pairs separated by commas. */
  public static final String UNITS_VARIABLE = TrackerSettings.UNITS_VARIABLE;

  /** EMF: latency or metric names stored at one-second resolution, separated by commas. */
  public static final String HIGH_RESOLUTION_VARIABLE = TrackerSettings.HIGH_RESOLUTION_VARIABLE;

  /**
   * How long before the invocation's timeout its line is written, in milliseconds, when the handler
   * is still running then: a whole number from 0 to 900000 ({@code 0} turns it off; default {@value
   * #DEFAULT_TIMEOUT_MARGIN_MS}); any other value fails the handler's construction.
   */
  public static final String TIMEOUT_MARGIN_VARIABLE = "TRACKER_TIMEOUT_MARGIN_MS";

  /**
   * The default margin before the timeout at which a running invocation's line is written: late
   * enough that an invocation that stops with 100 ms left (the usual "work while time remains"
   * loop) ends before the watch acts, early enough for the measured time the watch needs to write a
   * line of normal size, even on a busy CPU (see "Lambda modes" in docs/handlers.md).
   */
  public static final long DEFAULT_TIMEOUT_MARGIN_MS = 50;

  /**
   * Whether each line tells {@code untracked}, the entry's time that no step covered: {@code true}
   * (the default), {@code false}, or {@code metric} (written, and with {@code TRACKER_FORMAT=emf}
   * declared as the metric {@code latency_ms:untracked}); any other value fails the handler's
   * construction.
   */
  public static final String UNTRACKED_VARIABLE = "TRACKER_UNTRACKED";

  /** The largest margin: Lambda's longest timeout, 900 s; a larger one could never act. */
  static final long MAX_TIMEOUT_MARGIN_MS = 900_000;

  /**
   * Whether the first tracked handler of the process loads the classes of its first invocation on a
   * thread of its own while the runtime initialises: {@code true} (the default) or {@code false};
   * any other value fails the handler's construction. Independent of {@link
   * #TIMEOUT_MARGIN_VARIABLE}.
   */
  static final String WARM_UP_VARIABLE = "TRACKER_WARM_UP";

  /** Every environment variable a handler's configuration reads. */
  public static final java.util.Set<String> ENVIRONMENT_VARIABLES =
      java.util.Set.of(
          ENTRY_NAME_VARIABLE,
          IDENTIFIERS_VARIABLE,
          TIMEOUT_MARGIN_VARIABLE,
          WARM_UP_VARIABLE,
          UNTRACKED_VARIABLE,
          FORMAT_VARIABLE,
          NAMESPACE_VARIABLE,
          SERVICE_VARIABLE,
          DIMENSIONS_VARIABLE,
          UNITS_VARIABLE,
          HIGH_RESOLUTION_VARIABLE);

  private final String entryName;
  private final Consumer<String> output;
  private final Ticker ticker;
  private final LineFormat format;
  // The identifiers kept and their keys, in LambdaIdentifier order: arrays, so that a handler's
  // construction builds no map (an EnumMap finds its constants by reflection, on the cold start's
  // path); the public map view is made only when asked for.
  private final LambdaIdentifier[] identifiers;
  private final String[] identifierKeys;
  private volatile Map<LambdaIdentifier, String> identifierNames;
  private final Function<String, String> environment;
  private final long timeoutMarginMillis;
  private final boolean warmUp;
  private final boolean untracked;

  private HandlerConfig(Builder builder) {
    this.environment = builder.environment;
    this.untracked = builder.untracked != Boolean.FALSE;
    this.timeoutMarginMillis = builder.timeoutMarginMillis;
    this.warmUp = builder.warmUp;
    this.entryName = builder.entryName;
    this.output = builder.output;
    this.ticker = builder.ticker;
    this.format = builder.format;
    int kept = 0;
    for (String name : builder.identifierNames) {
      kept += name == null ? 0 : 1;
    }
    this.identifiers = new LambdaIdentifier[kept];
    this.identifierKeys = new String[kept];
    LambdaIdentifier[] all = LambdaIdentifier.values();
    for (int i = 0, k = 0; i < all.length; i++) {
      if (builder.identifierNames[i] != null) {
        identifiers[k] = all[i];
        identifierKeys[k++] = builder.identifierNames[i];
      }
    }
  }

  /**
   * Returns the configuration a handler has when given none: the defaults, with the {@code
   * TRACKER_*} environment variables applied.
   *
   * @return a configuration read from the environment now
   * @throws IllegalArgumentException if an environment variable has a value that is not accepted
   */
  public static HandlerConfig defaults() {
    return builder().build();
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the entry's latency name, when one was configured.
   *
   * @return the entry name, or empty for the handler's simple class name
   */
  public Optional<String> entryName() {
    return Optional.ofNullable(entryName);
  }

  /**
   * Returns the key each automatic identifier gets; omitted identifiers are absent.
   *
   * @return an unmodifiable map in {@link LambdaIdentifier} order
   */
  public Map<LambdaIdentifier, String> identifierNames() {
    Map<LambdaIdentifier, String> names = identifierNames;
    if (names == null) {
      // Racy but safe: every thread builds an equal, immutable map.
      EnumMap<LambdaIdentifier, String> built = new EnumMap<>(LambdaIdentifier.class);
      for (int i = 0; i < identifiers.length; i++) {
        built.put(identifiers[i], identifierKeys[i]);
      }
      identifierNames = names = Collections.unmodifiableMap(built);
    }
    return names;
  }

  /** The identifiers kept, in {@link LambdaIdentifier} order; callers must not change it. */
  LambdaIdentifier[] identifiers() {
    return identifiers;
  }

  /** The key of each of {@link #identifiers()}, by index; callers must not change it. */
  String[] identifierKeys() {
    return identifierKeys;
  }

  Consumer<String> output() {
    return output;
  }

  /**
   * Returns how long before the timeout a running invocation's line is written.
   *
   * @return the margin in milliseconds; 0 when the line before the timeout is off
   */
  public long timeoutMarginMillis() {
    return timeoutMarginMillis;
  }

  Function<String, String> environment() {
    return environment;
  }

  /** Whether the handler warms up its first invocation's classes ({@link #WARM_UP_VARIABLE}). */
  boolean warmUp() {
    return warmUp;
  }

  /**
   * Returns whether each line tells {@code untracked}, the entry's time that no step covered.
   *
   * @return false when it is turned off
   */
  public boolean untracked() {
    return untracked;
  }

  // The defaults are resolved when first asked for, at the first invocation, and not held from
  // construction: so constructing a handler, on the runtime's init path, does not load the
  // clock's and the format's classes, which the timeout watch's thread loads meanwhile.
  Ticker ticker() {
    return ticker != null ? ticker : Ticker.system();
  }

  LineFormat format() {
    return format != null ? format : LineFormat.json();
  }

  /**
   * Builds a {@link HandlerConfig}.
   *
   * <pre>{@code
   * HandlerConfig config = HandlerConfig.builder().output(System.out::println).build();
   * }</pre>
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private String entryName;
    private Consumer<String> output;
    private Ticker ticker;
    private LineFormat format;
    private boolean identifiersSetInCode;
    private long timeoutMarginMillis = -1;
    private boolean warmUp;
    private Boolean untracked;
    private Function<String, String> environment = SystemEnvironment.INSTANCE;

    /** Each identifier's key by ordinal; null when it is omitted. */
    private final String[] identifierNames;

    private Builder() {
      LambdaIdentifier[] all = LambdaIdentifier.values();
      identifierNames = new String[all.length];
      for (LambdaIdentifier identifier : all) {
        identifierNames[identifier.ordinal()] = identifier.defaultName();
      }
    }

    /**
     * Names the entry's latency (default: the handler's simple class name).
     *
     * @param entryName the latency name of the whole invocation
     * @return this builder
     * @throws NullPointerException if {@code entryName} is null
     * @throws IllegalArgumentException if {@code entryName} is blank
     */
    public Builder entryName(String entryName) {
      Names.require(entryName);
      this.entryName = entryName;
      return this;
    }

    /**
     * Sends the line to {@code output} instead of the invocation's {@code LambdaLogger}. Under
     * Lambda's JSON log format, a line the function prints is wrapped in {@code {"message": ...}}:
     * an EMF line then creates no metric, which {@link #build()} says on standard error.
     *
     * @param output receives each invocation's line
     * @return this builder
     */
    public Builder output(Consumer<String> output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * Sets the monotonic clock (default: {@link Ticker#system()}); tests give a fake one.
     *
     * @param ticker the clock
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the line format (default: {@link LineFormat#json()}).
     *
     * @param format the line format
     * @return this builder
     */
    public Builder format(LineFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Sets how long before the invocation's timeout its line is written if the handler is still
     * running (default {@value #DEFAULT_TIMEOUT_MARGIN_MS} ms): Lambda stops a timed-out invocation
     * at once, so a line written when the handler ends would be lost. {@code Duration.ZERO} turns
     * it off.
     *
     * <pre>{@code
     * HandlerConfig config = HandlerConfig.builder().timeoutMargin(Duration.ofMillis(500)).build();
     * }</pre>
     *
     * <p>A margin is rounded up to whole milliseconds, so that a positive one never turns the watch
     * off.
     *
     * @param margin the margin, from zero to 900 seconds (Lambda's longest timeout)
     * @return this builder
     * @throws IllegalArgumentException if {@code margin} is negative or longer than 900 seconds
     */
    public Builder timeoutMargin(java.time.Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative()
          || margin.compareTo(java.time.Duration.ofMillis(MAX_TIMEOUT_MARGIN_MS)) > 0) {
        throw new IllegalArgumentException(
            "the timeout margin must be from 0 to 900 s (Lambda's longest timeout), not " + margin);
      }
      long millis = margin.toMillis();
      this.timeoutMarginMillis =
          margin.equals(java.time.Duration.ofMillis(millis)) ? millis : millis + 1;
      return this;
    }

    /**
     * Sets whether each line tells {@code untracked}: the entry's time that no step covered
     * (default: true, or {@value #UNTRACKED_VARIABLE}).
     *
     * <pre>{@code
     * HandlerConfig config = HandlerConfig.builder().untracked(false).build();
     * }</pre>
     *
     * @param untracked false to leave {@code untracked} out of every line
     * @return this builder
     */
    public Builder untracked(boolean untracked) {
      this.untracked = untracked;
      return this;
    }

    /**
     * Gives an automatic identifier another key.
     *
     * @param identifier the identifier
     * @param name its key in the line
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank or one of {@link
     *     ProcessTracker#RESERVED_NAMES}
     */
    public Builder identifierName(LambdaIdentifier identifier, String name) {
      Objects.requireNonNull(identifier, "identifier");
      identifierNames[identifier.ordinal()] = Names.identifier(name);
      identifiersSetInCode = true;
      return this;
    }

    /**
     * Leaves an automatic identifier out of the line.
     *
     * @param identifier the identifier to omit
     * @return this builder
     */
    public Builder omitIdentifier(LambdaIdentifier identifier) {
      identifierNames[Objects.requireNonNull(identifier, "identifier").ordinal()] = null;
      identifiersSetInCode = true;
      return this;
    }

    /**
     * Leaves every automatic identifier out of the line.
     *
     * @return this builder
     */
    public Builder omitAllIdentifiers() {
      Arrays.fill(identifierNames, null);
      identifiersSetInCode = true;
      return this;
    }

    /**
     * Sets where the {@code TRACKER_*} settings are read from (default: {@link System#getenv}).
     *
     * <pre>{@code
     * HandlerConfig config = HandlerConfig.builder()
     *     .environment(Map.of("TRACKER_IDENTIFIERS", "request_id")::get)
     *     .build();
     * }</pre>
     *
     * @param environment returns a variable's value, or null when it is not set
     * @return this builder
     */
    public Builder environment(Function<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Creates the configuration: what was set in code, and for each setting not set in code, its
     * {@code TRACKER_*} environment variable (see {@link HandlerConfig}).
     *
     * @return a new, immutable configuration
     * @throws IllegalArgumentException if an environment variable has a value that is not accepted
     *     (the message names the variable and the accepted values), if two identifiers were given
     *     the same name, or if the EMF dimensions name the cold start identifier (never text) or
     *     one that differs on every invocation ({@code request_id}, {@code xray_trace_id})
     */
    public HandlerConfig build() {
      if (entryName == null) {
        String fromEnvironment = TrackerSettings.value(environment, ENTRY_NAME_VARIABLE);
        if (fromEnvironment != null) {
          entryName = fromEnvironment;
        }
      }
      if (!identifiersSetInCode) {
        String fromEnvironment = TrackerSettings.value(environment, IDENTIFIERS_VARIABLE);
        if (fromEnvironment != null) {
          applyIdentifiers(fromEnvironment);
        }
      }
      boolean formatInCode = format != null;
      if (format == null) {
        format = TrackerSettings.formatFromEnvironment(environment);
      }
      if (timeoutMarginMillis < 0) {
        timeoutMarginMillis = timeoutMarginFromEnvironment();
      }
      warmUp = warmUpFromEnvironment();
      if (untracked == null) {
        untracked = untrackedFromEnvironment();
      }
      requireDistinctNames();
      if (format instanceof EmfLineFormat) {
        TrackerSettings.checkEmf(
            (EmfLineFormat) format,
            formatInCode,
            identifierNames[LambdaIdentifier.COLD_START.ordinal()],
            perInvocationKeys(),
            output != null,
            environment);
      }
      return new HandlerConfig(this);
    }

    /** The keys of the identifiers that differ on every invocation. */
    private String[] perInvocationKeys() {
      return new String[] {
        identifierNames[LambdaIdentifier.REQUEST_ID.ordinal()],
        identifierNames[LambdaIdentifier.XRAY_TRACE_ID.ordinal()]
      };
    }

    private boolean untrackedFromEnvironment() {
      String value = TrackerSettings.value(environment, UNTRACKED_VARIABLE);
      if (value == null || value.equals("true") || value.equals("metric")) {
        return true;
      }
      if (value.equals("false")) {
        return false;
      }
      throw new IllegalArgumentException(
          UNTRACKED_VARIABLE + "='" + value + "' is not accepted: use true, false or metric");
    }

    private long timeoutMarginFromEnvironment() {
      String value = TrackerSettings.value(environment, TIMEOUT_MARGIN_VARIABLE);
      if (value == null) {
        return DEFAULT_TIMEOUT_MARGIN_MS;
      }
      try {
        long margin = Long.parseLong(value);
        if (margin >= 0 && margin <= MAX_TIMEOUT_MARGIN_MS) {
          return margin;
        }
      } catch (NumberFormatException notANumber) {
        // Falls through to the message below.
      }
      throw new IllegalArgumentException(
          TIMEOUT_MARGIN_VARIABLE
              + "='"
              + value
              + "' is not accepted: use a whole number of milliseconds from 0 to "
              + MAX_TIMEOUT_MARGIN_MS
              + " (0 turns the line before the timeout off)");
    }

    private boolean warmUpFromEnvironment() {
      String value = TrackerSettings.value(environment, WARM_UP_VARIABLE);
      if (value == null || value.equals("true")) {
        return true;
      }
      if (value.equals("false")) {
        return false;
      }
      throw new IllegalArgumentException(
          WARM_UP_VARIABLE
              + "='"
              + value
              + "' is not accepted: use true or false (false turns the warm-up off)");
    }

    /** Two identifiers under one key would leave one of them out of every line without a word. */
    private void requireDistinctNames() {
      LambdaIdentifier[] all = LambdaIdentifier.values();
      for (int later = 0; later < identifierNames.length; later++) {
        if (identifierNames[later] == null) {
          continue;
        }
        for (int earlier = 0; earlier < later; earlier++) {
          if (identifierNames[later].equals(identifierNames[earlier])) {
            throw new IllegalArgumentException(
                "identifiers "
                    + all[earlier]
                    + " and "
                    + all[later]
                    + " would both be written as '"
                    + identifierNames[later]
                    + "'; give one of them another name or omit it");
          }
        }
      }
    }

    private void applyIdentifiers(String value) {
      if (value.equalsIgnoreCase("all")) {
        return;
      }
      Arrays.fill(identifierNames, null);
      if (value.equalsIgnoreCase("none")) {
        return;
      }
      for (String part : value.split(",", -1)) {
        LambdaIdentifier identifier = byDefaultName(part.trim());
        if (identifier == null) {
          throw new IllegalArgumentException(
              IDENTIFIERS_VARIABLE
                  + "='"
                  + value
                  + "' is not accepted: use all, none, or a comma-separated list of "
                  + acceptedIdentifiers());
        }
        identifierNames[identifier.ordinal()] = identifier.defaultName();
      }
    }

    /** The identifiers' default names, joined for a message (built only when one is needed). */
    private static String acceptedIdentifiers() {
      StringBuilder accepted = new StringBuilder();
      for (LambdaIdentifier identifier : LambdaIdentifier.values()) {
        if (accepted.length() > 0) {
          accepted.append(", ");
        }
        accepted.append(identifier.defaultName());
      }
      return accepted.toString();
    }

    private static LambdaIdentifier byDefaultName(String name) {
      for (LambdaIdentifier identifier : LambdaIdentifier.values()) {
        if (identifier.defaultName().equals(name)) {
          return identifier;
        }
      }
      return null;
    }
  }
}
