package io.relais.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.Chromium;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A manager reviews an abattoir plan in Tasklist's embedded form (processes/forms/abattoir-review.html): the
 * assignment table and totals are there, one batch is pinned to another abattoir, the plan is made again, and the new
 * plan, with that batch where the manager put it, is approved and published.
 */
class AbattoirReviewBrowserTest extends AppTest {

    private static final String WINDOW = "2025-06-16 to 2025-06-22";

    @Autowired
    ProductionData data;

    @BeforeEach
    void simulated() {
        data.loadSimulationIfEmpty(730, 2024);
    }

    @Test
    void a_manager_pins_a_batch_re_plans_and_approves_in_the_review_form() throws Exception {
        String admin = api.adminToken();
        String manager = unique("planner");
        assertThat(api.post("/api/admin/users", Map.of("username", manager, "password", "plan-the-week-1",
                "roles", List.of("manager")), admin).status()).isEqualTo(201);
        JsonNode plan = api.postRaw("/api/production/abattoir-plans", "application/json",
                "{\"from\":\"2025-06-16\",\"to\":\"2025-06-22\"}", admin).body();
        JsonNode first = plan.path("assignments").get(0);
        String batch = first.path("batch").asText();
        String other = first.path("abattoir_code").asText().equals("A-BRE") ? "A-GER" : "A-BRE";

        WebDriver browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
            wait.until(visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']"))).sendKeys(manager);
            browser.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys("plan-the-week-1");
            browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
            wait.until(elementToBeClickable(By.xpath(
                    "//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(),'All tasks')]"))).click();

            openReview(browser, wait);
            List<WebElement> rows = wait.until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector("form[name='abattoirReview'] tr.assignment"));
                return found.size() == plan.path("assignments").size() ? found : null;
            });
            assertThat(rows.get(0).getText()).as("batch, farmer, site, abattoir, day...").contains(batch);
            assertThat(browser.findElement(By.cssSelector("form[name='abattoirReview'] .total-batches")).getText())
                    .isEqualTo(String.valueOf(plan.path("assignments").size()));
            browser.findElement(By.cssSelector("button.claim")).click();
            By complete = By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']");
            wait.until(elementToBeClickable(complete));
            By pinTo = By.cssSelector("form[name='abattoirReview'] tr.assignment[data-batch='" + batch + "'] input.pin-to");
            By preview = By.cssSelector("form[name='abattoirReview'] .pins-preview");
            String pin = batch + "=" + other + "@" + first.path("slaughter_date").asText();
            // claiming renders the form again, sometimes after Complete is enabled: type until the form shows the pin
            WebDriverWait shortly = new WebDriverWait(browser, Duration.ofSeconds(5));
            for (int attempt = 0; attempt < 4 && !pin.equals(browser.findElement(preview).getText()); attempt++) {
                WebElement input = wait.until(visibilityOfElementLocated(pinTo));
                input.clear();
                input.sendKeys(other + "@" + first.path("slaughter_date").asText());
                try {
                    shortly.until(d -> pin.equals(d.findElement(preview).getText()));
                } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.StaleElementReferenceException again) {
                    // the form was rendered again under the typing: once more
                }
            }
            assertThat(browser.findElement(preview).getText()).isEqualTo(pin);
            new Select(browser.findElement(By.cssSelector("form[name='abattoirReview'] select[name='decision']"))).selectByValue("replan");
            press(browser, wait.until(elementToBeClickable(complete)));

            String process = plan.path("processInstanceId").asText();
            JsonNode replanned = await().atMost(Duration.ofSeconds(30)).until(() -> latestPlan(admin, process),
                    p -> p != null && "REPLANNED".equals(p.path("status").asText()));
            JsonNode moved = null;
            for (JsonNode a : replanned.path("assignments")) if (a.path("batch").asText().equals(batch)) moved = a;
            assertThat(moved.path("abattoir_code").asText()).isEqualTo(other);
            assertThat(moved.path("pinned").asBoolean()).isTrue();

            browser.navigate().refresh();
            openReview(browser, wait);
            WebElement pinnedRow = wait.until(visibilityOfElementLocated(
                    By.cssSelector("form[name='abattoirReview'] tr.assignment[data-batch='" + batch + "']")));
            assertThat(pinnedRow.getText()).contains(other);
            assertThat(pinnedRow.findElement(By.cssSelector("input.pin-keep")).isSelected()).as("shown pinned").isTrue();
            wait.until(elementToBeClickable(By.cssSelector("button.claim"))).click();
            new Select(browser.findElement(By.cssSelector("form[name='abattoirReview'] select[name='decision']"))).selectByValue("approve");
            press(browser, wait.until(elementToBeClickable(complete)));

            String replannedId = replanned.path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> "PUBLISHED".equals(
                    api.get("/api/production/abattoir-plans/" + replannedId, admin).body().path("status").asText()));
        } catch (Exception | AssertionError e) {
            Chromium.keepEvidence(browser, "abattoir-review");
            throw e;
        } finally {
            browser.quit();
        }
    }

    /** The form is taller than the window: the button is scrolled into view first (the footer covered it). */
    private static void press(WebDriver browser, WebElement button) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button);
    }

    private static void openReview(WebDriver browser, WebDriverWait wait) {
        wait.until(elementToBeClickable(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]"
                + "/a[starts-with(normalize-space(),'Review abattoir plan') and contains(., '" + WINDOW + "')]"))).click();
    }

    private JsonNode latestPlan(String admin, String process) {
        List<Map<String, Object>> ids = jdbcPlans(process);
        return ids.isEmpty() ? null : api.get("/api/production/abattoir-plans/" + ids.get(0).get("id"), admin).body();
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private List<Map<String, Object>> jdbcPlans(String process) {
        return jdbc.queryForList("select id from production.plans where process_instance_id = ? order by created_at desc limit 1", process);
    }
}
