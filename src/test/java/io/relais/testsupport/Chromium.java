package io.relais.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests. Required when {@code RELAIS_REQUIRE_BROWSER} is set (CI installs
 * it); otherwise a machine without it skips the test.
 */
public final class Chromium {

    private static final String CHROMIUM = System.getenv().getOrDefault("RELAIS_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("RELAIS_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Chromium() {
    }

    public static WebDriver start() {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (System.getenv("RELAIS_REQUIRE_BROWSER") == null) {
            Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        }
        assertThat(installed).as("chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER).isTrue();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        return new ChromeDriver(service, options);
    }

    /** A screenshot and the page's HTML under target/, named after the test, for a failure. */
    public static void keepEvidence(WebDriver browser, String name) throws IOException {
        Files.write(Path.of("target", name + "-failure.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        Files.writeString(Path.of("target", name + "-failure.html"), browser.getPageSource());
        try {
            Files.write(Path.of("target", name + "-failure-console.txt"), browser.manage().logs().get("browser").getAll().stream()
                    .map(String::valueOf).toList());
        } catch (RuntimeException noLogs) {
            // a driver without the log endpoint: the screenshot and the page are enough
        }
    }
}
