package ai.perspective.support;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser ITs: a fresh headless Chromium per test against the deployed hub, a
 * screenshot of each test's last page in target/screenshots, and the steps every journey shares.
 */
public abstract class BrowserHub extends DeployedHub {

    protected WebDriver browser;
    protected WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        if (browser != null) {
            Browser.screenshot(browser, getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
            browser.quit();
        }
    }

    /** Logs in through the login page's form; does not wait for the result (a wrong password stays there). */
    protected void submitLogin(String email, String password) {
        browser.get(base + "login");
        type(visible(By.cssSelector("vaadin-login-form input[name='username']")), email);
        type(visible(By.cssSelector("vaadin-login-form input[name='password']")), password);
        visible(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
    }

    /** Logs in and waits for the home page. */
    protected void logIn(String email, String password) {
        submitLogin(email, password);
        visible(By.id("welcome"));
    }

    protected WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    protected static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
