package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium}, headless, driven through its own {@code chromedriver}, both named by
 * path so that nothing is ever downloaded. Where either is missing, the test that asked for it is
 * skipped, saying why; with {@code CI=true} it fails instead, as the checks that need cfn-lint do.
 * Not thread-safe: one per test.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final List<LogEntry> seen = new ArrayList<>();

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * @param check what the calling test proves, for the skip message
   * @param profile an empty folder for the browser's profile
   */
  static HeadlessChromium startOrSkip(String check, Path profile) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      unavailable(
          check,
          CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing (apt-get install chromium chromium-driver; .ci/run installs them)",
          System.getenv("CI"));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,1400",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  /** Fails (with {@code ci} true) or skips the calling test. */
  static void unavailable(String check, String why, String ci) {
    String message = "SKIPPED: " + check + ". Reason: " + why;
    if ("true".equalsIgnoreCase(ci)) {
      fail(message + ". With CI=true a skipped check fails the build.");
    }
    System.err.println(message);
    Assumptions.abort(message);
  }

  /**
   * Opens a file and waits until its page has loaded and its body carries {@code attribute}, which
   * the page's script sets once it has drawn everything, or until a minute has passed (on a busy
   * machine the browser can report the load before the page's scripts have run).
   */
  void open(Path file, String attribute) throws InterruptedException {
    driver.get(file.toUri().toString());
    String ready =
        "return document.readyState === 'complete' && document.body !== null"
            + " && document.body.hasAttribute('"
            + attribute
            + "');";
    for (int i = 0; i < 600 && !Boolean.TRUE.equals(evaluate(ready)); i++) {
      Thread.sleep(100);
    }
  }

  /**
   * Runs a script in the page and returns its result, as Selenium converts it; the script reads
   * {@code args} as {@code arguments[0]} ...
   */
  Object evaluate(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Every message the page logged at error level (a script error, a refused resource, ...). */
  List<String> consoleErrors() {
    return console().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
  }

  /** Every message the page logged so far, whatever its level. */
  List<LogEntry> console() {
    seen.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
    return List.copyOf(seen);
  }

  /** Makes the window as tall as the page, so that a screenshot holds all of it. */
  void fitHeight() {
    long height = ((Number) evaluate("return document.documentElement.scrollHeight;")).longValue();
    driver.manage().window().setSize(new Dimension(1100, (int) Math.min(height + 40, 8000)));
  }

  /** Saves what the window shows as a PNG. */
  void screenshot(Path png) throws java.io.IOException {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
