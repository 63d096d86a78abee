package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import java.util.Map;

import io.relais.testsupport.AppTest;
import io.relais.testsupport.Chromium;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cockpit draws both processes: their BPMN files carry diagram interchange, so each flow node is a shape on screen,
 * and a running instance shows as a count on the task it waits at.
 */
class CockpitDiagramBrowserTest extends AppTest {

    @Autowired
    RepositoryService repository;

    @Test
    void cockpit_draws_the_order_approval_and_the_abattoir_planning_processes() throws Exception {
        Map<String, String> anElementOf = Map.of("order-approval", "sub_process_obtain_stock",
                "abattoir-planning", "service_task_compute_plan");
        String admin = api.adminToken();
        String reference = unique("COCKPIT").toUpperCase().replaceAll("[^A-Z0-9]", "");
        assertThat(api.postRaw("/api/shop/products/import", "text/csv",
                "reference,name,category,price,stock\n" + reference + ",Serre tunnel,abris,2400,3\n", admin).status()).isEqualTo(200);
        assertThat(api.post("/api/shop/orders", Map.of("lines", java.util.List.of(Map.of("reference", reference, "quantity", 1))), admin)
                .body().path("status").asText()).as("above the threshold: waits for a person").isEqualTo("PENDING");
        WebDriver browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
            wait.until(visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']"))).sendKeys("admin");
            browser.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys(ADMIN_PASSWORD);
            browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
            wait.until(elementToBeClickable(By.cssSelector("a[href*='#/processes']")));
            for (var process : anElementOf.entrySet()) {
                String id = repository.createProcessDefinitionQuery().processDefinitionKey(process.getKey()).latestVersion()
                        .singleResult().getId();
                browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/" + id + "/runtime");
                wait.until(presenceOfElementLocated(By.cssSelector("g.djs-element[data-element-id='" + process.getValue() + "']")));
                assertThat(browser.findElements(By.cssSelector("g.djs-shape")).size()).as(process.getKey()).isGreaterThan(5);
                assertThat(browser.getPageSource()).doesNotContain("Could not render diagram");
                if (process.getKey().equals("order-approval")) {
                    wait.until(presenceOfElementLocated(By.cssSelector(
                            ".djs-overlays[data-container-id='user_task_approve_order'] .instance-count")));
                }
            }
        } catch (Exception | AssertionError e) {
            Chromium.keepEvidence(browser, "cockpit");
            throw e;
        } finally {
            browser.quit();
        }
    }
}
