package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import java.time.Duration;

import io.relais.testsupport.AppTest;
import io.relais.testsupport.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI's "Try it out" works against the served document: a public GET (product search) and, after
 * "Authorize" with an access token, a signed-in POST (mark all notifications read) both answer 200 in the page.
 */
class SwaggerUiBrowserTest extends AppTest {

    @Test
    void try_it_out_executes_a_public_get_and_a_signed_in_post() throws Exception {
        String user = unique("swagger");
        api.signup(user, "rosebush-42-long");
        String token = api.signin(user, "rosebush-42-long");
        WebDriver browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            browser.get("http://localhost:" + port + "/swagger-ui.html");
            assertThat(execute(browser, wait, "operations-shop-shop-products-search-rest")).as("public GET").isEqualTo("200");

            wait.until(elementToBeClickable(By.cssSelector("button.btn.authorize"))).click();
            wait.until(presenceOfElementLocated(By.cssSelector("input[aria-label='auth-bearer-value'], input#auth-bearer-value"))).sendKeys(token);
            browser.findElement(By.cssSelector(".modal-btn.auth.authorize")).click();
            wait.until(elementToBeClickable(By.cssSelector(".modal-btn.auth.btn-done"))).click();

            assertThat(execute(browser, wait, "operations-resources-resources-notifications-read-all-rest")).as("signed-in POST").isEqualTo("200");
        } catch (Exception | AssertionError e) {
            Chromium.keepEvidence(browser, "swagger-ui");
            throw e;
        } finally {
            browser.quit();
        }
    }

    /** Opens the operation, presses "Try it out" and "Execute", and answers the status code the page shows. */
    private static String execute(WebDriver browser, WebDriverWait wait, String operationElementId) {
        WebElement operation = wait.until(presenceOfElementLocated(By.id(operationElementId)));
        operation.findElement(By.cssSelector(".opblock-summary-control, .opblock-summary")).click();
        wait.until(d -> !operation.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        operation.findElement(By.cssSelector(".try-out__btn")).click();
        wait.until(d -> !operation.findElements(By.cssSelector("button.execute")).isEmpty());
        operation.findElement(By.cssSelector("button.execute")).click();
        By status = By.cssSelector(".live-responses-table tbody .response-col_status");
        wait.until(d -> !operation.findElements(status).isEmpty() && !operation.findElement(status).getText().isBlank());
        return operation.findElement(status).getText().trim().split("\\s+")[0];
    }
}
