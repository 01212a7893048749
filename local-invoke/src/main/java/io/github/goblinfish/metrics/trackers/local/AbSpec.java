package io.github.goblinfish.metrics.trackers.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code ./invoke ab} is asked to run: one function of a template, once as each of two builds
 * ({@code before} and {@code after}), either warm in {@value #DEFAULT_RUNTIMES} runtimes per side
 * (or {@code runtimes}) or as pairs of fresh cold starts, and how to report the comparison.
 *
 * <pre>{@code
 * AbSpec spec = new AbSpec("ApiGatewayFunction", "events/api-gateway-get-order.json",
 *     Path.of("template.yaml"), Path.of("old/classes"), null, null, null, 20, 0, 1,
 *     null, false, 0.05, Double.NaN, null);
 * int exit = SideBySide.run(spec, null, System.out, System.err);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param function the function's logical id; null for the template's only function
 * @param event the event file, {@code -} for standard input, or null (standard input when piped,
 *     else {@code {}})
 * @param template the template whose function a side runs when it is not a template itself
 * @param before the build before: a template ({@code .yaml}, {@code .yml}, {@code .json}), or the
 *     function's code ({@code --code-uri}'s folder, jar or zip); null for the function as {@code
 *     template} has it
 * @param after the build after, as {@code before}
 * @param logFormat the log format of both sides, or null for each template's
 * @param initType the init type of both sides, or null for on-demand
 * @param times invocations per side, spread over the side's runtimes; 0 for {@value #DEFAULT_TIMES}
 *     unless {@code coldStarts} is given
 * @param coldStarts pairs of fresh cold starts instead; 0 for none
 * @param runtimes over how many runtimes, one after the other, each side's warm invocations are
 *     spread (a fresh pair for each, started together); 0 for {@value #DEFAULT_RUNTIMES}
 * @param by an identifier to group by as well, or null
 * @param json the comparison as one JSON document, and nothing else on standard output
 * @param alpha the significance level, above 0 and below 1
 * @param failIfSlower exit 3 when a figure's median slowed by more than this percentage,
 *     significantly; NaN for no such gate
 * @param html where to write the comparison as an HTML page too, or null
 */
record AbSpec(
    String function,
    String event,
    Path template,
    Path before,
    Path after,
    String logFormat,
    String initType,
    int times,
    int coldStarts,
    int runtimes,
    String by,
    boolean json,
    double alpha,
    double failIfSlower,
    Path html) {
  /** Invocations per side when neither {@code times} nor {@code coldStarts} is given. */
  static final int DEFAULT_TIMES = 20;

  /**
   * Runtimes per side when {@code runtimes} is not given: each runtime has its own speed, and one
   * runtime per side flagged unchanged code in 8 of 10 runs; four, in 2 of 10.
   */
  static final int DEFAULT_RUNTIMES = 4;

  /**
   * @throws LocalInvokeException (a usage error) for a request that cannot be run
   */
  void check() throws LocalInvokeException {
    if (before == null && after == null) {
      throw new LocalInvokeException("ab needs --before or --after (or both)");
    }
    if (times > 0 && coldStarts > 0) {
      throw new LocalInvokeException(
          "--cold-starts runs each invocation in a new runtime process: not with --times");
    }
    if (times < 0 || coldStarts < 0 || runtimes < 0) {
      throw new LocalInvokeException(
          "--times, --cold-starts and --runtimes need a positive whole number");
    }
    if (runtimes > 1 && coldStarts > 0) {
      throw new LocalInvokeException(
          "--runtimes spreads --times over several runtimes: not with --cold-starts");
    }
    if (coldStarts == 0 && runtimesPerSide() > timesPerSide()) {
      throw new LocalInvokeException(
          runtimes > 0
              ? "--runtimes "
                  + runtimes
                  + " is more than the "
                  + timesPerSide()
                  + " invocations per side: each runtime needs one at least"
              : "--times "
                  + times
                  + " is fewer than the "
                  + DEFAULT_RUNTIMES
                  + " runtimes per side that ab starts by default: each runtime needs one"
                  + " invocation at least (give --runtimes "
                  + times
                  + " or fewer)");
    }
    sideTemplateExists("before", before);
    sideTemplateExists("after", after);
    if (!(alpha > 0 && alpha < 1)) {
      throw new LocalInvokeException("--alpha must be a number above 0 and below 1");
    }
    if (failIfSlower < 0 || Double.isInfinite(failIfSlower)) {
      throw new LocalInvokeException("--fail-if-slower must be a number at least 0");
    }
  }

  /**
   * A side's template is the side's own option, not {@code --template}: its message names it, and
   * it comes before whatever the other side's code has to say.
   */
  private static void sideTemplateExists(String role, Path side) throws LocalInvokeException {
    if (side != null && AbSide.isTemplate(side) && !Files.exists(side)) {
      throw new LocalInvokeException("--" + role + " template " + side + " not found");
    }
  }

  /** Invocations per side in the warm run. */
  int timesPerSide() {
    return times > 0 ? times : DEFAULT_TIMES;
  }

  /** Runtimes per side in the warm run. */
  int runtimesPerSide() {
    return runtimes > 0 ? runtimes : DEFAULT_RUNTIMES;
  }

  /**
   * @return how many invocations per side each runtime of the warm run serves, in the order they
   *     run: as even as can be, the first ones taking one more
   */
  int[] perRuntime() {
    int n = timesPerSide();
    int r = runtimesPerSide();
    int[] sizes = new int[r];
    for (int i = 0; i < r; i++) {
      sizes[i] = n / r + (i < n % r ? 1 : 0);
    }
    return sizes;
  }
}
