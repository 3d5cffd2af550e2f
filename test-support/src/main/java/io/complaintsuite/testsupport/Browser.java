package io.complaintsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own ChromeDriver, for page tests. {@code ./suite
 * test} installs both ({@code ./suite browser}); SUITE_CHROMIUM and SUITE_CHROMEDRIVER point
 * elsewhere. The flags keep Chromium off the network (this machine's is closed) and let it run as
 * root. Modules using it declare selenium-chrome-driver and selenium-support as test dependencies.
 */
public final class Browser implements AutoCloseable {
  private final ChromeDriver driver;
  private final Path userData;

  private Browser(ChromeDriver driver, Path userData) {
    this.driver = driver;
    this.userData = userData;
  }

  /** A new headless browser with an empty profile and a phone-sized window (390×844). */
  public static Browser phone() {
    return open(390, 844);
  }

  public static Browser open(int width, int height) {
    String chromium = env("SUITE_CHROMIUM", "/usr/bin/chromium");
    String chromedriver = env("SUITE_CHROMEDRIVER", "/usr/bin/chromedriver");
    if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
      throw new IllegalStateException(
          "no Chromium at "
              + chromium
              + " or no ChromeDriver at "
              + chromedriver
              + ": run ./suite browser (./suite test does)");
    }
    try {
      Path userData = Files.createTempDirectory("suite-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium);
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--lang=zh-CN",
          "--window-size=" + width + "," + height,
          "--user-data-dir=" + userData);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(Path.of(chromedriver).toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, userData);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * Clicks what {@code submit} finds and waits up to 10 s for the next page, known by its title.
   * The click returns before the browser has replaced the page, so reading the page right after it
   * reads the old one (seen on CI in three tests before this existed).
   */
  public void submitAndAwaitTitle(By submit, String title) {
    driver.findElement(submit).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.titleIs(title));
  }

  /**
   * Saves what the page shows now as {@code target/screenshots/NAME.png} of the running module,
   * kept as a test artefact; returns the file.
   */
  public Path screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
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
      try (var files = Files.walk(userData)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temporary profile is harmless
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
