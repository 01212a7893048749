package io.github.goblinfish.metrics.trackers.internal;

/**
 * Reaches the {@code lambda} package's process-wide cold-start flag, for the test kit: a test that
 * runs several invocations in one JVM resets it, so that its first invocation is the cold start it
 * would be in a new Lambda process.
 *
 * <pre>{@code
 * ColdStartAccess.reset(); // before each test
 * handler.handleRequest(event, context); // cold_start: true
 * }</pre>
 *
 * <p>Not API: see the {@linkplain io.github.goblinfish.metrics.trackers.internal package}.
 * Thread-safe.
 */
public abstract class ColdStartAccess {
  private static final String IMPLEMENTATION =
      "io.github.goblinfish.metrics.trackers.lambda.ColdStart$InternalAccess";

  private static volatile ColdStartAccess installed;

  /** For the {@code lambda} package's own implementation only. */
  protected ColdStartAccess() {}

  /**
   * Installs the {@code lambda} package's implementation; its initialisation calls this, once.
   *
   * @param access the implementation
   * @throws IllegalStateException if one is installed already
   */
  public static synchronized void install(ColdStartAccess access) {
    if (installed != null) {
      throw new IllegalStateException("installed already");
    }
    installed = access;
  }

  /**
   * Makes the process look as if it had served no invocation yet: the next tracked invocation is
   * the cold start again.
   */
  public static void reset() {
    ColdStartAccess access = installed;
    if (access == null) {
      initialise(IMPLEMENTATION);
      access = installed;
    }
    access.resetColdStart();
  }

  /** {@link #reset()}, implemented. */
  protected abstract void resetColdStart();

  /** Initialises the implementation, a nested class of the type it reaches: it installs itself. */
  private static void initialise(String implementation) {
    try {
      Class.forName(implementation, true, ColdStartAccess.class.getClassLoader());
    } catch (ClassNotFoundException broken) {
      throw new IllegalStateException("the library lacks " + implementation, broken);
    }
  }
}
