package io.github.goblinfish.metrics.trackers.local;

import static io.github.goblinfish.metrics.trackers.local.Fixtures.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.goblinfish.metrics.trackers.lines.LineReader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Nothing the runner started outlives it: not the function's own processes, not the runtime. */
class ProcessCleanupTest {

  /** Waits (at most {@code seconds}) for a process to be gone; true when it is. */
  private static boolean gone(ProcessHandle process, int seconds) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (process.isAlive() && System.nanoTime() < giveUp) {
      Thread.sleep(50);
    }
    return !process.isAlive();
  }

  @Test
  void aProcessTheHandlerStartedDiesWithItsTimedOutRuntime() throws Exception {
    RunResult run = LocalInvoke.invoke(function("SpawnSleep"), List.of("{}"), 1, 0);
    Invocation inv = run.invocations().get(0);
    assertTrue(inv.timedOut(), () -> inv.error().orElse(""));
    String spawned = inv.logs().get(0).text();
    assertTrue(spawned.matches("spawned \\d+"), spawned);
    long pid = Long.parseLong(spawned.substring("spawned ".length()));
    Optional<ProcessHandle> sleeper = ProcessHandle.of(pid);
    assertTrue(sleeper.isEmpty() || gone(sleeper.get(), 5), "sleep 1000 survived as " + pid);
  }

  @Test
  void aRuntimeDiesWithItsKilledRunnerAndTheNextRunnerRemovesItsFolder() throws Exception {
    Path target = Fixtures.testClasses().getParent();
    Path tmp = Files.createTempDirectory(target, "tmp-");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-Dlocal-invoke.runtime=" + target.resolve("runtime"),
                "-cp",
                // The reader of the line is copied into lib at package, after the unit tests.
                target.resolve("classes")
                    + File.pathSeparator
                    + target.resolve("lib")
                    + "/*"
                    + File.pathSeparator
                    + Path.of(
                        LineReader.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI()),
                LocalInvoke.class.getName(),
                "SleepLong",
                "--template",
                Fixtures.template().toString(),
                "-e",
                "-"));
    Process runner =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    runner.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
    runner.getOutputStream().close();
    ProcessHandle runtime = null;
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (runtime == null && System.nanoTime() < giveUp) {
      runtime =
          runner
              .descendants()
              .filter(p -> p.info().command().orElse("").endsWith("/java"))
              .filter(p -> p.info().commandLine().orElse("").contains(RuntimeLaunch.MAIN_CLASS))
              .findFirst()
              .orElse(null);
      Thread.sleep(50);
    }
    assertTrue(runtime != null, "the runner never started its runtime");
    List<Path> folders = runFolders(tmp);
    assertEquals(1, folders.size(), folders::toString);

    runner.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertTrue(runner.waitFor(60, TimeUnit.SECONDS), "the runner outlived its SIGKILL");
    assertTrue(gone(runtime, 10), "the runtime outlived its runner");
    assertTrue(Files.isDirectory(folders.get(0)), "only the next runner can remove it");

    TempFolder.removeStale(tmp);
    assertEquals(List.of(), runFolders(tmp));
  }

  @Test
  void foldersOfLiveRunnersAndUnmarkedFoldersAreLeftAlone() throws Exception {
    Path tmp = Files.createTempDirectory(Fixtures.testClasses().getParent(), "tmp-");
    Path live = Files.createDirectory(tmp.resolve(TempFolder.PREFIX + "live"));
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(
        live.resolve(TempFolder.OWNER_FILE),
        self.pid() + " " + self.info().startInstant().orElseThrow());
    Path unmarked = Files.createDirectory(tmp.resolve(TempFolder.PREFIX + "unmarked"));
    Path reused = Files.createDirectory(tmp.resolve(TempFolder.PREFIX + "reused"));
    Files.writeString(reused.resolve(TempFolder.OWNER_FILE), self.pid() + " 2001-01-01T00:00:00Z");
    TempFolder.removeStale(tmp);
    assertTrue(Files.isDirectory(live));
    assertTrue(Files.isDirectory(unmarked));
    assertFalse(Files.exists(reused), "same pid, other start time: its owner is gone");
  }

  private static List<Path> runFolders(Path tmp) throws Exception {
    List<Path> folders = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, TempFolder.PREFIX + "*")) {
      dirs.forEach(folders::add);
    }
    return folders;
  }
}
