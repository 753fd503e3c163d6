package ai.perspective.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.BrowserHub;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A creator publishes a model in the UI; another user finds it by search and opens its page. */
class CatalogBrowserIT extends BrowserHub {




    @Test
    void creatorPublishesAndAUserFindsTheModel() throws Exception {
        String word = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String creatorEmail = account("Browser Creator " + word);
        TestDatabase.grantRole(creatorEmail, "CREATOR");
        logIn(creatorEmail, Hub.PASSWORD);

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
        logIn(account("Browser User " + word), Hub.PASSWORD);
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



}
