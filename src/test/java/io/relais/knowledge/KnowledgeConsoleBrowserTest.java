package io.relais.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.relais.testsupport.AppTest;
import io.relais.testsupport.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's knowledge page, at a phone's width: a customer indexes a site served by the test, follows the
 * ingestion to its end (with the pages it skipped and why), then asks and reads the answer with its sources.
 */
class KnowledgeConsoleBrowserTest extends AppTest {

    @Test
    void an_ingestion_runs_to_its_end_and_the_answer_cites_its_source() throws Exception {
        String user = unique("lecteur");
        api.signup(user, "rosebush-42-long");
        try (TestSite site = new TestSite()) {
            WebDriver browser = Chromium.start();
            browser.manage().window().setSize(new Dimension(390, 844));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            try {
                browser.get("http://localhost:" + port + "/console/#/knowledge");
                wait.until(presenceOfElementLocated(By.id("username"))).sendKeys(user);
                browser.findElement(By.id("password")).sendKeys("rosebush-42-long");
                browser.findElement(By.id("submit")).click(); // a link followed before signing in leads there after

                wait.until(presenceOfElementLocated(By.id("ingest-url"))).sendKeys(site.url("/"));
                browser.findElement(By.id("ingest-domain")).sendKeys("localhost");
                browser.findElement(By.id("ingest-start")).click();
                wait.until(d -> "SUCCEEDED".equals(d.findElement(By.id("ingestion-status")).getAttribute("data-status")));
                assertThat(browser.findElement(By.cssSelector("#ingestion [role=progressbar]")).getAttribute("aria-valuenow")).isEqualTo("100");
                assertThat(browser.findElement(By.id("ingestion")).getText()).contains("/private/secret");

                browser.findElement(By.id("knowledge-question")).sendKeys("Can I return a product?");
                browser.findElement(By.id("knowledge-ask")).click();
                wait.until(textToBePresentInElementLocated(By.id("knowledge-answer"), "30 days"));
                assertThat(browser.findElement(By.cssSelector("#knowledge-answer ol.sources a")).getAttribute("href")).endsWith("/faq");
                Path shots = Files.createDirectories(Path.of("target", "console-screenshots"));
                Files.write(shots.resolve("knowledge-phone.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } catch (Exception | AssertionError e) {
                Chromium.keepEvidence(browser, "console-knowledge");
                throw e;
            } finally {
                browser.quit();
            }
        }
    }
}
