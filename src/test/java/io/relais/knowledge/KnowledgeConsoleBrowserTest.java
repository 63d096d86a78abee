package io.relais.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.time.Duration;

import io.relais.testsupport.AppTest;
import io.relais.testsupport.Chromium;
import io.relais.testsupport.ConsolePage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
            // the page redraws the ingestion every second: an element read between two draws is stale, not missing
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            try {
                browser.get("http://localhost:" + port + "/console/#/knowledge");
                ConsolePage.signIn(browser, wait, user, "rosebush-42-long"); // a link followed before signing in leads there after

                wait.until(presenceOfElementLocated(By.id("ingest-url"))).sendKeys(site.url("/"));
                browser.findElement(By.id("ingest-domain")).sendKeys("localhost");
                browser.findElement(By.id("ingest-start")).click();
                wait.until(d -> "SUCCEEDED".equals(d.findElement(By.id("ingestion-status")).getAttribute("data-status")));
                // finished: the page stops redrawing it
                wait.until(d -> "100".equals(d.findElement(By.cssSelector("#ingestion [role=progressbar]")).getAttribute("aria-valuenow")));
                wait.until(d -> d.findElement(By.id("ingestion")).getText().contains("/private/secret"));

                browser.findElement(By.id("knowledge-question")).sendKeys("Can I return a product?");
                browser.findElement(By.id("knowledge-ask")).click();
                wait.until(textToBePresentInElementLocated(By.id("knowledge-answer"), "30 days"));
                assertThat(browser.findElement(By.cssSelector("#knowledge-answer ol.sources a")).getAttribute("href")).endsWith("/faq");
                ConsolePage.screenshot(browser, "knowledge-phone");
            } catch (Exception | AssertionError e) {
                Chromium.keepEvidence(browser, "console-knowledge");
                throw e;
            } finally {
                browser.quit();
            }
        }
    }
}
