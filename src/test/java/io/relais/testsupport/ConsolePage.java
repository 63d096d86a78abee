package io.relais.testsupport;

import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console as its tests drive it: the sign-in form, and the screenshots kept for the notes. */
public final class ConsolePage {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private ConsolePage() {
    }

    /** Fills the sign-in form on the page the browser is at and waits until the user is signed in. */
    public static void signIn(WebDriver browser, WebDriverWait wait, String user, String password) {
        wait.until(presenceOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        wait.until(d -> d.findElement(By.id("signout")).isDisplayed());
    }

    public static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
