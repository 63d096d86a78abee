package io.relais.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.relais.platform.security.Caller;
import io.relais.production.ProductionData;
import io.relais.production.models.Retraining;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.Chromium;
import io.relais.testsupport.ConsolePage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in Chromium, as its users work: "/" leads to it; an admin signs in, searches a product and reads its
 * stock (a low one marked), previews and imports a catalog and reads the report, sees the forecast chart drawn with
 * its points and band, starts a backup and sees it succeed; a farmer sees only their own batches. Screenshots of each
 * page are kept in target/console-screenshots/ (at 1366x768).
 */
class ConsoleBrowserTest extends AppTest {

    @Autowired
    ProductionData production;

    @Autowired
    Retraining models;

    @Test
    void an_admin_does_each_pages_main_task_and_a_farmer_sees_only_their_batches() throws Exception {
        String admin = api.adminToken();
        String p = "CON" + unique("x").substring(2, 6).toUpperCase().replaceAll("[^A-Z0-9]", "0");
        assertThat(api.postRaw("/api/shop/products/import", "text/csv", "reference,name,category,price,stock,stock_alert_threshold\n"
                + p + "-001,Arrosoir galvanisé 10 L,arrosage,24.90,3,5\n" + p + "-002,Sécateur de précision,outils,19.50,40,5\n", admin)
                .status()).isEqualTo(200);
        String orderId = api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", p + "-002", "quantity", 60))), admin)
                .body().path("id").asText();
        production.loadSimulationIfEmpty(730, 2024);
        models.retrainAll(Caller.named("test"));
        String farmer = unique("gaveur");
        assertThat(api.post("/api/admin/users", Map.of("username", farmer, "password", "duck-farm-1", "roles", List.of("farmer")), admin)
                .status()).isEqualTo(201);
        assertThat(api.postRaw("/api/production/farmers/LL-G02/account", "application/json", "{\"username\":\"" + farmer + "\"}", admin)
                .status()).isEqualTo(200);
        Path catalog = Files.createTempFile("catalogue", ".csv");
        Files.writeString(catalog, "SKU;Désignation;Famille;Prix TTC;Qté\n" + p + "-101;Bêche forgée;outils;34,90;12\n"
                + p + "-102;Râteau 14 dents;outils;18,50;7\n" + "sans-ref;;outils;abc;1\n");

        WebDriver browser = Chromium.start();
        browser.manage().window().setSize(new Dimension(1366, 768));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // tables redraw while they are read
        try {
            browser.get("http://localhost:" + port + "/");
            wait.until(d -> d.getCurrentUrl().contains("/console/"));
            ConsolePage.signIn(browser, wait, "admin", ADMIN_PASSWORD);

            // shop: search (with a typo) and read the stock; the product under its threshold is marked
            wait.until(presenceOfElementLocated(By.id("product-search"))).sendKeys("arosoir galvanise");
            browser.findElement(By.cssSelector("form[role=search] button")).click();
            wait.until(textToBePresentInElementLocated(By.id("product-results"), p + "-001"));
            WebElement row = browser.findElement(By.xpath("//div[@id='product-results']//tr[td[text()='" + p + "-001']]"));
            assertThat(row.getText()).contains("3");
            wait.until(d -> !d.findElements(By.cssSelector("#product-results .low")).isEmpty());
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(orderId.substring(0, 8)).contains("PENDING");
            ConsolePage.screenshot(browser, "shop-search");

            // catalog: the preview shows the columns it recognised and the rejected line; the import lands two products
            browser.findElement(By.id("catalog-file")).sendKeys(catalog.toString());
            browser.findElement(By.id("catalog-preview")).click();
            wait.until(textToBePresentInElementLocated(By.id("import-report"), "SKU"));
            assertThat(browser.findElement(By.id("import-report")).getText()).contains("Désignation").contains("Qté");
            browser.findElement(By.id("catalog-import")).click();
            wait.until(d -> d.findElement(By.id("import-report")).getText().contains("inserted: 2"));
            ((JavascriptExecutor) browser).executeScript("document.getElementById('import-report').scrollIntoView()");
            ConsolePage.screenshot(browser, "shop-import");
            assertThat(api.get("/api/shop/products/" + p + "-101", admin).body().path("stock").asInt()).isEqualTo(12);

            // production: the forecast chart is drawn, each site with its points and its band
            browser.get("http://localhost:" + port + "/console/#/production");
            wait.until(presenceOfElementLocated(By.cssSelector("#forecast-chart canvas")));
            @SuppressWarnings("unchecked") List<Map<String, Object>> series = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('forecast-chart')).getOption().series"
                            + ".map(s => ({name: s.name, points: s.data.length, band: s.type === 'custom'}))");
            assertThat(series).filteredOn(s -> List.of("LL", "LS", "MT").contains(s.get("name")))
                    .hasSize(3).allSatisfy(s -> assertThat(((Number) s.get("points")).intValue()).isEqualTo(3));
            assertThat(series).filteredOn(s -> Boolean.TRUE.equals(s.get("band"))).hasSize(3)
                    .allSatisfy(s -> assertThat(((Number) s.get("points")).intValue()).isEqualTo(3));
            Number bandPixels = (Number) ((JavascriptExecutor) browser).executeScript(
                    "const c = document.querySelector('#forecast-chart canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                            + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0 && d[i] < 255) n++; return n;");
            assertThat(bandPixels.intValue()).as("translucent band pixels").isGreaterThan(1000);
            wait.until(presenceOfElementLocated(By.cssSelector("#site-chart canvas")));
            ConsolePage.screenshot(browser, "production");

            // operations: a backup started from the page succeeds and is listed
            browser.get("http://localhost:" + port + "/console/#/ops");
            wait.until(elementToBeClickable(By.id("backup-now"))).click();
            wait.until(textToBePresentInElementLocated(By.id("backups"), "SUCCEEDED"));
            ConsolePage.screenshot(browser, "ops");

            // French by default, English on request
            assertThat(browser.findElement(By.id("lang")).getText()).isEqualTo("English");
            browser.findElement(By.id("lang")).click();
            wait.until(textToBePresentInElementLocated(By.tagName("h1"), "Operations"));

            // a farmer: production shows their batches only, and the shop is not theirs
            browser.findElement(By.id("signout")).click();
            ConsolePage.signIn(browser, wait, farmer, "duck-farm-1");
            wait.until(d -> d.getCurrentUrl().endsWith("#/production"));
            wait.until(d -> d.findElements(By.cssSelector("main table tbody tr")).size() > 0);
            List<String> farmers = browser.findElements(By.cssSelector("main table tbody tr td:nth-child(3)")).stream().map(WebElement::getText).toList();
            assertThat(farmers).isNotEmpty().containsOnly("LL-G02");
            assertThat(browser.findElement(By.id("nav")).getText()).doesNotContain("Shop").doesNotContain("Operations");
            ConsolePage.screenshot(browser, "farmer");
        } catch (Exception | AssertionError e) {
            Chromium.keepEvidence(browser, "console");
            throw e;
        } finally {
            browser.quit();
        }
    }
}
