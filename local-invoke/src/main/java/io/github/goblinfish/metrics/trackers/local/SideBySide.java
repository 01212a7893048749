package io.github.goblinfish.metrics.trackers.local;

import com.google.gson.JsonObject;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code ./invoke ab}: one function run as two builds side by side under the same load, then their
 * comparison, printed as {@code ./invoke report --compare} prints it. Each side warm runs in
 * runtime processes of its own ({@link AbSpec#DEFAULT_RUNTIMES} or {@code runtimes} of them, one
 * pair after the other), each pair started together, their invocations alternated in ABBA order
 * ({@link Turns}) with one in flight at a time; or, with {@code coldStarts}, in pairs of fresh cold
 * starts, alternating which side starts first. Each invocation's REPORT line follows in the order
 * they ran ({@code before 3/20: REPORT ...}), unless the comparison is JSON.
 *
 * <pre>{@code
 * int exit = SideBySide.run(spec, null, System.out, System.err);
 * }</pre>
 *
 * Exit code 0; 1 when an invocation failed, a runtime's log stream broke, or a side wrote no
 * tracker line (or one that cannot be summarised); 2 for usage and input errors, before anything
 * runs; 3 when {@code failIfSlower} finds a figure slower by more than it, significantly.
 *
 * <p>Stateless and thread-safe: each run starts its own runtimes and Runtime APIs.
 */
final class SideBySide {
  private SideBySide() {}

  /**
   * @param spec what to run
   * @param stdin the event source for {@code -e -}, or when no event is named; null for none
   * @param out where the sides, REPORT lines and comparison go
   * @param err where warnings and errors go
   * @return the exit code
   */
  static int run(AbSpec spec, InputStream stdin, PrintStream out, PrintStream err) {
    AbSide[] sides;
    String event;
    try {
      spec.check();
      Consumer<String> warnings = w -> err.println(TerminalText.message(w));
      Path first =
          spec.before() != null && AbSide.isTemplate(spec.before())
              ? spec.before()
              : spec.template();
      String id = FunctionOptions.idIn(Template.load(first), spec.function());
      sides =
          new AbSide[] {
            AbSide.of("before", spec.before(), spec, id, warnings),
            AbSide.of("after", spec.after(), spec, id, warnings)
          };
      event = LocalInvoke.readEvent(spec.event(), stdin);
    } catch (LocalInvokeException e) {
      err.println("error: " + TerminalText.message(e.getMessage()));
      return e.exitCode();
    } catch (RuntimeException e) {
      // Whatever else a template or the event can make fail is still bad input: one line.
      err.println("error: cannot use the sides of ab: " + TerminalText.message(String.valueOf(e)));
      return LocalInvokeException.USAGE;
    }
    try {
      return compare(spec, sides, event, out, err);
    } catch (LocalInvokeException e) {
      err.println("error: " + TerminalText.message(e.getMessage()));
      return e.exitCode();
    }
  }

  private static int compare(
      AbSpec spec, AbSide[] sides, String event, PrintStream out, PrintStream err)
      throws LocalInvokeException {
    boolean cold = spec.coldStarts() > 0;
    int n = cold ? spec.coldStarts() : spec.timesPerSide();
    int[] perRuntime = spec.perRuntime();
    // The sides in the order their invocations run: ABBA over the cold starts, or in each runtime.
    List<Integer> order = new ArrayList<>();
    for (int size : cold ? new int[] {n} : perRuntime) {
      for (int turn = 0; turn < 2 * size; turn++) {
        order.add(Turns.sideOf(turn));
      }
    }
    if (!spec.json()) {
      out.println(
          "A/B of "
              + TerminalText.oneLine(sides[0].fn().name())
              + ": "
              + (cold
                  ? SummaryText.plural(n, "pair")
                      + " of fresh cold starts, alternating which side starts first"
                  : SummaryText.plural(n, "invocation")
                      + " per side, each side in "
                      + (perRuntime.length == 1
                          ? "one runtime"
                          : perRuntime.length + " runtimes in turn")
                      + ", alternating (ABBA), one at a time"));
      for (AbSide side : sides) {
        out.println(side.announcement(spec.template()));
      }
    }
    byte[] payload = event.getBytes(StandardCharsets.UTF_8);
    List<List<RunResult>> results =
        cold ? coldStarts(sides, payload, n) : alternate(sides, payload, perRuntime, err);
    boolean failed = printInTurn(spec, sides, results, order, n, out, err);
    List<RunObservations> read = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      List<Observation> observations = new ArrayList<>();
      List<TrackerLog.Problem> unreadable = new ArrayList<>();
      for (RunResult result : results.get(s)) {
        RunObservations one = RunObservations.of(result);
        observations.addAll(one.observations());
        unreadable.addAll(one.unreadable());
        for (String problem : result.problems()) {
          err.println("error: " + sides[s].role() + ": " + TerminalText.message(problem));
          failed = true;
        }
      }
      read.add(new RunObservations(observations, unreadable));
    }
    Comparison comparison =
        Comparison.of(
            Summary.of(read.get(0).observations(), spec.by()),
            Summary.of(read.get(1).observations(), spec.by()),
            spec.alpha());
    List<String> notes =
        List.of(note(sides[0], n, cold, read.get(0)), note(sides[1], n, cold, read.get(1)));
    if (spec.json()) {
      JsonObject described = new JsonObject();
      described.add("before", sides[0].json());
      described.add("after", sides[1].json());
      out.print(
          ComparisonJson.render(
              comparison,
              read.get(0).unreadable(),
              read.get(1).unreadable(),
              spec.failIfSlower(),
              described));
    } else {
      out.println();
      out.print(ComparisonText.render(comparison, sides[0].label(), sides[1].label()));
      out.println();
      notes.forEach(out::println);
    }
    if (spec.html() != null) {
      HtmlReport.write(
          spec.html(), HtmlReportData.of(comparison, sides[0].label(), sides[1].label(), notes));
    }
    for (int s = 0; s < 2; s++) {
      if (read.get(s).observations().isEmpty()) {
        err.println("error: no tracker line from " + TerminalText.oneLine(sides[s].label()));
        failed = true;
      } else if (!read.get(s).unreadable().isEmpty()) {
        err.println(
            "error: "
                + TerminalText.oneLine(sides[s].label())
                + " wrote tracker lines that cannot be summarised: "
                + TerminalText.message(read.get(s).unreadable().get(0).reason()));
        failed = true;
      }
    }
    if (failed) {
      return 1;
    }
    if (!Double.isNaN(spec.failIfSlower()) && comparison.slowerThan(spec.failIfSlower())) {
      err.println(CompareCommand.slowerNote(comparison, spec.failIfSlower()));
      return ReportCommand.SLOWER;
    }
    return 0;
  }

  /**
   * Each invocation's REPORT line in the order they ran (the turns' order); the failed ones on
   * {@code err}.
   *
   * @return true when one failed
   */
  private static boolean printInTurn(
      AbSpec spec,
      AbSide[] sides,
      List<List<RunResult>> results,
      List<Integer> order,
      int n,
      PrintStream out,
      PrintStream err) {
    List<List<Invocation>> ran = new ArrayList<>();
    for (List<RunResult> side : results) {
      ran.add(side.stream().flatMap(r -> r.invocations().stream()).toList());
    }
    boolean failed = false;
    int[] counts = new int[2];
    for (int s : order) {
      if (counts[s] >= ran.get(s).size()) {
        continue;
      }
      Invocation inv = ran.get(s).get(counts[s]++);
      String which = sides[s].role() + " " + counts[s] + "/" + n;
      if (!spec.json()) {
        out.println(which + ": " + Report.reportLine(inv, sides[s].fn()));
      }
      if (!inv.succeeded()) {
        failed = true;
        err.println(
            "error: "
                + which
                + ": request "
                + inv.requestId()
                + " failed: "
                + Report.errorSummary(inv));
      }
    }
    return failed || ran.get(0).size() < n || ran.get(1).size() < n;
  }

  /**
   * Both sides warm, one pair of runtimes after the other, each pair serving {@code perRuntime[i]}
   * invocations per side.
   *
   * @return per side, its runs (none for a run that broke, named on {@code err})
   */
  private static List<List<RunResult>> alternate(
      AbSide[] sides, byte[] payload, int[] perRuntime, PrintStream err)
      throws LocalInvokeException {
    List<List<RunResult>> results = List.of(new ArrayList<>(), new ArrayList<>());
    for (int n : perRuntime) {
      List<List<RunResult>> pair = alternate(sides, payload, n, err);
      for (int s = 0; s < 2; s++) {
        results.get(s).addAll(pair.get(s));
      }
    }
    return results;
  }

  /**
   * Both sides warm: each in one runtime of its own, on a thread of its own, taking turns. A side
   * whose run breaks leaves, and the other goes on alone.
   *
   * @return per side, its run (none for a side whose run broke, named on {@code err})
   */
  private static List<List<RunResult>> alternate(
      AbSide[] sides, byte[] payload, int n, PrintStream err) throws LocalInvokeException {
    Turns turns = Turns.abba();
    List<Engine> engines = new ArrayList<>();
    ExecutorService threads =
        Executors.newFixedThreadPool(2, r -> new Thread(r, "local-invoke-ab-side"));
    try {
      for (AbSide side : sides) {
        engines.add(Engine.create(side.fn(), 0));
      }
      List<Future<RunResult>> runs = new ArrayList<>();
      for (int s = 0; s < 2; s++) {
        Engine engine = engines.get(s);
        int side = s;
        runs.add(
            threads.submit(
                () -> {
                  try {
                    return engine.run(List.of(payload), n, turns, side);
                  } finally {
                    turns.leave(side);
                  }
                }));
      }
      List<List<RunResult>> results = new ArrayList<>();
      for (int s = 0; s < 2; s++) {
        results.add(sideResult(runs.get(s), sides[s], err));
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalInvokeException("interrupted", 1, e);
    } finally {
      engines.forEach(Engine::close);
      threads.shutdownNow();
    }
  }

  private static List<RunResult> sideResult(Future<RunResult> run, AbSide side, PrintStream err)
      throws InterruptedException {
    try {
      return List.of(run.get());
    } catch (ExecutionException e) {
      err.println(
          "error: "
              + TerminalText.oneLine(side.label())
              + " could not run: "
              + TerminalText.message(String.valueOf(e.getCause().getMessage())));
      return List.of();
    }
  }

  /** Pairs of fresh cold starts, the side that starts first alternating as the turns do. */
  private static List<List<RunResult>> coldStarts(AbSide[] sides, byte[] payload, int n)
      throws LocalInvokeException {
    List<List<RunResult>> results = List.of(new ArrayList<>(), new ArrayList<>());
    String event = new String(payload, StandardCharsets.UTF_8);
    for (int turn = 0; turn < 2 * n; turn++) {
      int s = Turns.sideOf(turn);
      results.get(s).add(LocalInvoke.invoke(sides[s].fn(), List.of(event), 1, 0));
    }
    return results;
  }

  /** What the HTML report and the text say was run on a side. */
  private static String note(AbSide side, int n, boolean cold, RunObservations read) {
    return "Ran "
        + side.label()
        + ": "
        + SummaryText.plural(n, cold ? "fresh cold start" : "invocation")
        + ", "
        + SummaryText.plural(read.observations().size(), "tracker line")
        + (read.unreadable().isEmpty()
            ? ""
            : ", " + read.unreadable().size() + " that could not be summarised");
  }
}
