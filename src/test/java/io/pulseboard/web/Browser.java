package io.pulseboard.web;

import io.pulseboard.ExternalTool;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by the system's chromedriver (never one downloaded at test time),
 * with a fresh profile, its console log and a download folder. Public for the benchmarks.
 */
public final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String CHROMIUM = System.getenv().getOrDefault("PULSEBOARD_TEST_CHROMIUM", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = System.getenv().getOrDefault("PULSEBOARD_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

  public final ChromeDriver driver;
  final Path downloads;
  private final Path profile;
  private final boolean ownProfile;
  private final List<LogEntry> console = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile, boolean ownProfile, Path downloads) {
    this.driver = driver;
    this.profile = profile;
    this.ownProfile = ownProfile;
    this.downloads = downloads;
  }

  public static Browser start() {
    try {
      return start(Files.createTempDirectory("pulseboard-chromium"), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A browser on a profile the caller keeps ({@code --user-data-dir}): closing it and starting
   * another on the same folder is a browser restart, with what the profile stored.
   */
  static Browser startWithProfile(Path profile) {
    return start(profile, false);
  }

  private static Browser start(Path profile, boolean ownProfile) {
    ExternalTool.require(CHROMIUM, "chromium");
    ExternalTool.require(CHROMEDRIVER, "chromium-driver");
    try {
      Path downloads = Files.createTempDirectory("pulseboard-downloads");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--window-size=1440,900",
          "--lang=en-US", "--user-data-dir=" + profile);
      options.setExperimentalOption("prefs", Map.of(
          "download.default_directory", downloads.toString(),
          "download.prompt_for_download", false,
          "intl.accept_languages", "en-US,en"));
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER))
          .usingAnyFreePort()
          .build();
      return new Browser(new ChromeDriver(service, options), profile, ownProfile, downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void open(String url) {
    driver.get(url);
  }

  /**
   * Loads the page anew even when only the fragment differs from the current address (which
   * {@link #open} would take as a move within the page).
   */
  public void load(String url) {
    driver.get("about:blank");
    driver.get(url);
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Waits for a condition, polling often so timing assertions (a value within 2 s) are meaningful.
   * An element the page replaced while the condition read it (a re-render) makes the condition be
   * asked again at the next poll, as an element not found yet does.
   */
  public <T> T await(Duration timeout, String what, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(what)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** Waits until the element's text equals the expected one; returns it. */
  String awaitText(String css, String expected, Duration timeout) {
    return await(timeout, css + " shows " + expected, d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return !found.isEmpty() && expected.equals(found.get(0).getText()) ? expected : null;
    });
  }

  /** Every console entry so far (Chromium hands each out once, so they are kept here). */
  List<LogEntry> console() {
    driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
    return List.copyOf(console);
  }

  /** Console errors (SEVERE: script errors, CSP violations, failed loads). */
  List<String> consoleErrors() {
    return console().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  void clearConsole() {
    console();
    console.clear();
  }

  /** Saves what the browser shows under target/screenshots/ and returns the file. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      if (ownProfile) {
        delete(profile);
      }
      delete(downloads);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
