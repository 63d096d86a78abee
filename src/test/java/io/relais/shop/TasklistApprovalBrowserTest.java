package io.relais.shop;

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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A manager approves an order in Camunda Tasklist with a real browser (Debian's chromium, headless): sign in with the
 * Relais account, open the task (its form shows the lines as a table with the stock per line), claim it, tick
 * "Approve this order", complete; the order becomes CONFIRMED.
 * Skipped only when chromium is absent and RELAIS_REQUIRE_BROWSER is not set (.ci/run installs it and sets it).
 */
class TasklistApprovalBrowserTest extends AppTest {


    @Test
    void a_manager_approves_a_pending_order_in_tasklist_and_it_is_confirmed() throws Exception {
        String admin = api.adminToken();
        String manager = unique("tasklist-manager");
        assertThat(api.post("/api/admin/users", Map.of("username", manager, "password", "approve-all-1",
                "roles", List.of("manager")), admin).status()).isEqualTo(201);
        String p = ShopFixture.prefix();
        ShopFixture.importCsv(api, admin, p + "-SPA,Spa de jardin,abris,2400,3,0");
        String customerName = unique("spa");
        String customer = api.signup(customerName, "rosebush-42").text("access_token");
        JsonNode order = api.post("/api/shop/orders", Map.of("lines", List.of(Map.of("reference", p + "-SPA", "quantity", 1))),
                customer).body();
        assertThat(order.path("status").asText()).isEqualTo("PENDING");
        String orderId = order.path("id").asText();

        WebDriver browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
            wait.until(visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']")))
                    .sendKeys(manager);
            browser.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys("approve-all-1");
            browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();

            wait.until(elementToBeClickable(By.xpath(
                    "//div[contains(@class,'task-filter')]/h4/a[starts-with(normalize-space(),'All tasks')]"))).click();
            // a task's name says whose order it is (other tests leave tasks of their own)
            wait.until(elementToBeClickable(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]"
                    + "/a[starts-with(normalize-space(),'Approve order') and contains(., '" + customerName + "')]"))).click();
            // the embedded form (processes/forms/order-approval.html): the lines as a table with the stock per line
            WebElement line = wait.until(visibilityOfElementLocated(
                    By.cssSelector("form[name='orderApproval'] tr.line[data-reference='" + p + "-SPA']")));
            assertThat(line.findElement(By.cssSelector("td.stock")).getText()).as("stock on hand").isEqualTo("3");
            assertThat(line.getText()).contains("Spa de jardin").contains("2,400.00");
            assertThat(browser.findElement(By.cssSelector("form[name='orderApproval'] .total")).getText()).contains("2400");
            assertThat(browser.findElement(By.cssSelector("form[name='orderApproval'] .customer")).getText()).startsWith(customerName);
            By complete = By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']");
            assertThat(browser.findElement(complete).isEnabled()).as("Complete before claiming").isFalse();

            browser.findElement(By.cssSelector("button.claim")).click();
            wait.until(elementToBeClickable(complete));
            WebElement approved = browser.findElement(By.cssSelector("form[name='orderApproval'] input[name='approved'][type='checkbox']"));
            if (!approved.isSelected()) approved.click();
            WebElement comment = browser.findElement(By.cssSelector("form[name='orderApproval'] input[name='comment']"));
            comment.clear();
            comment.sendKeys("approved in Tasklist");
            browser.findElement(complete).click();

            JsonNode confirmed = await().atMost(Duration.ofSeconds(30)).until(
                    () -> api.get("/api/shop/orders/" + orderId, admin).body(), o -> "CONFIRMED".equals(o.path("status").asText()));
            assertThat(confirmed.at("/process/decidedBy").asText()).isEqualTo(manager);
            assertThat(confirmed.at("/process/comment").asText()).isEqualTo("approved in Tasklist");
        } catch (Exception | AssertionError e) {
            Chromium.keepEvidence(browser, "tasklist");
            throw e;
        } finally {
            browser.quit();
        }
    }
}
