package ai.perspective.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.BrowserHub;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A person in Chromium: signs up, logs in, creates an API key in the UI and uses it on the API. */
class IdentityBrowserIT extends BrowserHub {


    @Test
    void signUpLogInCreateKeyAndUseItOnTheApi() throws Exception {
        String email = Hub.uniqueEmail("carol");
        signUp(email, "Carol Creator", Hub.PASSWORD);
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(visible(By.id("login-notice")).getText()).contains("account is ready");

        logIn(email, Hub.PASSWORD);
        assertThat(visible(By.id("welcome")).getText()).isEqualTo("Welcome, Carol Creator");
        List<String> menu = menuTitles();
        assertThat(menu).contains("Home", "API keys").doesNotContain("Accounts");

        browser.findElement(By.cssSelector("vaadin-side-nav-item[path='api-keys']")).click();
        type(visible(By.cssSelector("#key-name input")), "integration test");
        visible(By.id("create-key")).click();
        String secret = visible(By.id("new-key-secret")).getText();
        assertThat(secret).startsWith("pk-");
        visible(By.id("close-secret")).click();
        wait.until(d -> d.findElement(By.id("keys")).getText().contains("integration test"));

        HubClient program = new HubClient(base.toURI());
        HubClient.Reply me = program.get("api/accounts/me", secret);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("email")).isEqualTo(email);
        assertThat(me.json().getString("displayName")).isEqualTo("Carol Creator");

        visible(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(base + "api-keys");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void signUpShowsWhyInputIsRejectedAndCreatesNothing() {
        String email = Hub.uniqueEmail("weak");
        signUp(email, "Weak Password", "short");

        WebElement password = visible(By.id("signup-password"));
        wait.until(d -> password.getDomProperty("invalid").equals("true"));
        assertThat(password.getDomProperty("errorMessage")).contains("at least 10 characters");
        assertThat(browser.getCurrentUrl()).contains("/signup");
        assertThat(TestDatabase.count("select count(*) from identity_account where email = ?", email)).isZero();

        signUp("not-an-email", "Bad Email", Hub.PASSWORD);
        WebElement emailField = visible(By.id("signup-email"));
        wait.until(d -> emailField.getDomProperty("invalid").equals("true"));
        assertThat(emailField.getDomProperty("errorMessage")).contains("not a valid email");
    }

    @Test
    void wrongPasswordShowsAnErrorAndAdminsSeeAccounts() {
        String email = Hub.uniqueEmail("dana");
        signUp(email, "Dana Admin", Hub.PASSWORD);
        wait.until(ExpectedConditions.urlContains("/login"));
        TestDatabase.makeAdmin(email);

        submitLogin(email, "wrong password 1");
        wait.until(ExpectedConditions.urlContains("error"));
        wait.until(d -> d.findElement(By.tagName("vaadin-login-form")).getAttribute("error") != null);

        logIn(email, Hub.PASSWORD);
        visible(By.id("welcome"));
        assertThat(menuTitles()).contains("Accounts");
        browser.findElement(By.cssSelector("vaadin-side-nav-item[path='admin/accounts']")).click();
        wait.until(d -> d.findElement(By.id("accounts")).getText().contains(email));
    }

    private void signUp(String email, String name, String password) {
        browser.get(base + "signup");
        type(visible(By.cssSelector("#signup-email input")), email);
        type(visible(By.cssSelector("#signup-name input")), name);
        type(visible(By.cssSelector("#signup-password input")), password);
        visible(By.id("signup-submit")).click();
    }


    private List<String> menuTitles() {
        wait.until(d -> !d.findElements(By.cssSelector("vaadin-side-nav-item")).isEmpty());
        return browser.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText)
                .map(String::strip).toList();
    }


}
