package io.github.goblinfish.metrics.trackers.internal;

import io.github.goblinfish.metrics.trackers.ProcessTracker;
import java.util.Set;

/**
 * The rules every latency, metric and identifier name follows, with their one set of messages: the
 * tracker checks names at the call site, the Lambda handlers' configuration checks the names it is
 * given the same way.
 *
 * <pre>{@code
 * String key = Names.identifier(name); // throws what ProcessTracker.setIdentifier would throw
 * }</pre>
 *
 * <p>Not API: see the {@linkplain io.github.goblinfish.metrics.trackers.internal package}.
 * Stateless and thread-safe.
 */
public final class Names {
  /**
   * Names an identifier may not take, because the line's own keys use them: {@link
   * ProcessTracker#RESERVED_NAMES} is this set. Kept here, below the tracker, so that the rules and
   * the formats read it without depending on the tracker.
   */
  public static final Set<String> RESERVED_NAMES =
      Set.of(
          "latencies",
          "latency_counts",
          "untracked",
          "metrics",
          "init",
          "init_steps",
          "tracker_warnings",
          "_aws");

  private Names() {}

  /**
   * The name as the line will carry it: validated, and with lone surrogates already replaced so
   * that names which only differ there are one entry, not two equal keys.
   *
   * @param name a latency, metric or identifier name
   * @return the name as the line carries it
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static String checked(String name) {
    require(name);
    return withoutLoneSurrogates(name);
  }

  /**
   * A checked name that is also free for an identifier: none of the line's own keys.
   *
   * @param name an identifier name
   * @return the name as the line carries it
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank or one of {@link
   *     ProcessTracker#RESERVED_NAMES}
   */
  public static String identifier(String name) {
    name = checked(name);
    if (RESERVED_NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "identifier name '" + name + "' is reserved for the line's own keys " + RESERVED_NAMES);
    }
    return name;
  }

  /**
   * Checks a name without changing it.
   *
   * @param name a latency, metric or identifier name
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static void require(String name) {
    if (name == null) {
      throw new NullPointerException("name must not be null");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  /**
   * Replaces each unpaired surrogate with U+FFFD, so the line encodes to UTF-8 losslessly.
   *
   * @param text a name or a text value
   * @return {@code text} itself when it has no lone surrogate, else a cleaned copy
   */
  public static String withoutLoneSurrogates(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        return replaceLoneSurrogates(text, i);
      }
    }
    return text;
  }

  private static String replaceLoneSurrogates(String text, int from) {
    StringBuilder clean = new StringBuilder(text.length()).append(text, 0, from);
    int length = text.length();
    for (int i = from; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        clean.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        clean.append('\uFFFD');
      } else {
        clean.append(c);
      }
    }
    return clean.toString();
  }
}
