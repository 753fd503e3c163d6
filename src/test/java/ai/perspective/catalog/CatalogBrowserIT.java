package ai.perspective.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.Browser;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.TestDatabase;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A creator publishes a model in the UI; another user finds it by search and opens its page. */
@ExtendWith(ArquillianExtension.class)
class CatalogBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Hub.war();
    }

    @ArquillianResource
    URL base;

    WebDriver browser;
    WebDriverWait wait;

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

    @Test
    void creatorPublishesAndAUserFindsTheModel() throws Exception {
        String word = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String creatorEmail = account("Browser Creator " + word);
        TestDatabase.grantRole(creatorEmail, "CREATOR");
        logIn(creatorEmail);

        browser.get(base + "my-models");
        visible(By.id("new-model")).click();
        type(visible(By.cssSelector("#model-title-field input")), "Translator " + word);
        visible(By.id("save-model")).click();
        WebElement name = visible(By.id("model-name"));
        wait.until(d -> "true".equals(name.getDomProperty("invalid")));
        assertThat(name.getDomProperty("errorMessage")).contains("name");

        type(visible(By.cssSelector("#model-name input")), "translator");
        type(visible(By.cssSelector("#model-description-field textarea")), "Translates **anything** into French.");
        browser.findElements(By.cssSelector("#model-tasks vaadin-checkbox")).stream()
                .filter(c -> c.getText().strip().equals("chat")).findFirst().orElseThrow().findElement(By.cssSelector("input")).click();
        WebElement licence = visible(By.cssSelector("#model-licence input"));
        type(licence, "MIT");
        licence.sendKeys(Keys.ENTER);
        type(visible(By.cssSelector("#model-base-url input")), "https://api.example.com/v1");
        type(visible(By.cssSelector("#model-upstream input")), "fr-7b");
        type(visible(By.cssSelector("#model-secret input")), "sk-browser-secret");
        visible(By.id("save-model")).click();
        wait.until(d -> d.findElement(By.id("my-models")).getText().contains("Translator " + word));
        visible(By.id("publish-translator")).click();
        wait.until(d -> d.findElement(By.id("my-models")).getText().contains("published"));

        visible(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        logIn(account("Browser User " + word));
        browser.get(base + "models");
        type(visible(By.cssSelector("#model-search input")), "french " + word);
        wait.until(d -> d.findElement(By.id("models")).getText().contains("Translator " + word));
        browser.findElement(By.linkText("Translator " + word)).click();

        assertThat(visible(By.id("model-title")).getText()).isEqualTo("Translator " + word);
        WebElement description = visible(By.cssSelector("#model-description strong"));
        assertThat(description.getText()).isEqualTo("anything");
        assertThat(browser.getPageSource()).doesNotContain("sk-browser-secret");
    }

    private String account(String name) throws Exception {
        String email = Hub.uniqueEmail("browser");
        assertThat(new HubClient(base.toURI()).signUp(email, name, Hub.PASSWORD).status()).isEqualTo(201);
        return email;
    }

    private void logIn(String email) {
        browser.get(base + "login");
        type(visible(By.cssSelector("vaadin-login-form input[name='username']")), email);
        type(visible(By.cssSelector("vaadin-login-form input[name='password']")), Hub.PASSWORD);
        visible(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
    }

    private WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
