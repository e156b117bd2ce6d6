package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The page in headless Chromium (the Debian packages chromium and chromium-driver, never a
 * downloaded browser or driver), against the embedded simulator slowed down so that each status
 * lasts long enough to be seen: a task generated and shown, a task canceled, a bad field.
 * Screenshots go to target/browser/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "demo.simulator.queue-time=1500ms", "demo.simulator.run-time=3000ms"})
@Import(TestIsolation.class)
class BrowserTest {

  private static final String CHROMIUM = setting("chromium.binary", "CHROMIUM_BINARY", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = setting("webdriver.chrome.driver", "CHROMEDRIVER", "/usr/bin/chromedriver");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final Path SCREENSHOTS = Path.of("target", "browser");
  private static final Duration TASK = Duration.ofSeconds(30);

  private static ChromeDriverService service;
  private static WebDriver driver;

  @LocalServerPort
  int port;

  private static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Why the browser test cannot run here, or {@code null}. */
  private static String missing;

  @BeforeAll
  static void browser() throws IOException {
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      missing = "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium chromium-driver): browser test skipped";
      return;
    }
    if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
      missing = "chromedriver is not installed at " + CHROMEDRIVER + " (apt-get install chromium-driver): browser test skipped";
      return;
    }
    // both binaries are given, so Selenium's DriverFinder never runs Selenium Manager (which would
    // download a browser and a driver)
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=900,1500",
            "--no-first-run", "--disable-extensions");
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void quit() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  @BeforeEach
  void page() {
    // per test, so that each is reported skipped with the reason (a class-level one shows as no test at all)
    assumeTrue(missing == null, missing);
    driver.get("http://127.0.0.1:" + port + "/");
    waiting(Duration.ofSeconds(10)).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  @Test
  void generatesAnImageWatchingItsStatus() throws Exception {
    assertThat(driver.findElement(By.id("banner")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("banner")).getText()).contains("Simulated");
    assertThat(driver.findElement(By.id("lora")).getDomProperty("value")).isEqualTo("gecko");
    fill("prompt", "A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime");
    fill("width", "512");
    fill("height", "640");
    driver.findElement(By.id("submit")).click();

    List<String> seen = new ArrayList<>();
    for (String status : List.of("WAITING", "RUNNING", "FINISHED")) {
      waiting(TASK).until(ExpectedConditions.textToBe(By.id("status"), status));
      seen.add(status);
    }
    assertThat(seen).containsExactly("WAITING", "RUNNING", "FINISHED");
    assertThat(statusLog()).containsSubsequence("WAITING", "RUNNING", "FINISHED").endsWith("FINISHED");
    assertThat(statusLog().stream().distinct()).containsExactly("WAITING", "RUNNING", "FINISHED");

    WebElement image = waiting(TASK).until(ExpectedConditions.presenceOfElementLocated(By.id("image-0")));
    waiting(TASK).until(d -> Boolean.TRUE.equals(js("const i = arguments[0]; return i.complete && i.naturalWidth > 0;", image)));
    assertThat(((Number) js("return arguments[0].naturalWidth;", image)).intValue()).isEqualTo(512);
    assertThat(((Number) js("return arguments[0].naturalHeight;", image)).intValue()).isEqualTo(640);
    assertThat(driver.findElement(By.id("cancel")).isDisplayed()).isFalse();

    HttpResponse<byte[]> png = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(image.getDomProperty("src"))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(Arrays.copyOf(png.body(), 8)).isEqualTo(PNG_SIGNATURE);

    screenshot("finished.png");
  }

  @Test
  void cancelingATaskShowsCanceled() throws IOException {
    fill("prompt", "a gecko that will not be drawn");
    driver.findElement(By.id("submit")).click();
    waiting(TASK).until(d -> List.of("WAITING", "RUNNING").contains(d.findElement(By.id("status")).getText()));

    driver.findElement(By.id("cancel")).click();

    waiting(TASK).until(ExpectedConditions.textToBe(By.id("status"), "CANCELED"));
    waiting(TASK).until(ExpectedConditions.visibilityOfElementLocated(By.id("task-error")));
    assertThat(driver.findElement(By.id("task-error")).getText()).startsWith("The task was canceled");
    assertThat(statusLog()).endsWith("CANCELED").doesNotContain("FINISHED");
    assertThat(driver.findElements(By.cssSelector("#images img"))).isEmpty();
    screenshot("canceled.png");
  }

  @Test
  void aBadFieldIsNamedOnThePage() throws IOException {
    fill("prompt", "a very wide gecko");
    fill("width", "5000");
    driver.findElement(By.id("submit")).click();

    WebElement error = waiting(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("form-error")));
    assertThat(error.getText()).contains("width must be between 64 and 2048, was 5000");
    assertThat(driver.findElement(By.id("width")).getDomAttribute("class")).contains("invalid");
    assertThat(driver.findElement(By.id("task")).isDisplayed()).isFalse();
    screenshot("bad-field.png");
  }

  private static void fill(String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  @SuppressWarnings("unchecked")
  private static List<String> statusLog() {
    return (List<String>) js("return window.statusLog.slice();");
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static WebDriverWait waiting(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.pollingEvery(Duration.ofMillis(50));
    return wait;
  }

  private static void screenshot(String name) throws IOException {
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
