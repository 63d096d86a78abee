package io.relais.retail.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.relais.retail.etl.EtlPipeline;
import io.relais.retail.etl.RetailDataGenerator;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.Chromium;
import io.relais.testsupport.ConsolePage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The console's retail page: the ETL runs are listed with their status; a French question gets its answer, SQL and chart. */
class RetailConsoleBrowserTest extends AppTest {

    @Autowired
    EtlPipeline etl;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_runs_are_listed_and_the_agent_answers_in_french_with_its_sql() throws Exception {
        if (jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class) < 1_000) {
            Path file = Files.createTempDirectory("console").resolve("retail.csv");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                RetailDataGenerator.write(out, 5_000, 3, "ii");
            }
            etl.run(file, "console test", true, "test", n -> { });
        }
        WebDriver browser = Chromium.start();
        browser.manage().window().setSize(new Dimension(1366, 768));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // tables redraw while they are read
        try {
            browser.get("http://localhost:" + port + "/console/#/retail");
            ConsolePage.signIn(browser, wait, "admin", ADMIN_PASSWORD);
            wait.until(d -> d.findElements(By.cssSelector("#etl-runs tbody tr")).size() > 0);
            assertThat(browser.findElement(By.id("etl-runs")).getText()).containsAnyOf("SUCCEEDED", "WARNED");
            // the dashboard: top products, customers and countries, each drawn
            wait.until(d -> d.findElements(By.cssSelector(".grid3 .chart canvas")).size() == 3);

            var question = wait.until(presenceOfElementLocated(By.id("agent-question")));
            question.clear();
            question.sendKeys("Quels sont les 3 meilleurs produits par CA ?");
            browser.findElement(By.cssSelector("#agent-question + button")).click();
            wait.until(textToBePresentInElementLocated(By.id("agent-answer"), "Les 3 meilleurs produits par chiffre d'affaires"));
            assertThat(browser.findElement(By.cssSelector("#agent-answer pre.sql")).getText()).contains("limit 3");
            assertThat(browser.findElements(By.cssSelector("#agent-answer tbody tr"))).hasSize(3);
            wait.until(presenceOfElementLocated(By.cssSelector("#agent-answer .chart canvas")));
            ConsolePage.screenshot(browser, "retail");
        } catch (Exception | AssertionError e) {
            Chromium.keepEvidence(browser, "console-retail");
            throw e;
        } finally {
            browser.quit();
        }
    }
}
