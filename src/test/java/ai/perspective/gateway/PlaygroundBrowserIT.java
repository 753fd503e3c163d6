package ai.perspective.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.BrowserHub;
import ai.perspective.support.FakeUpstream;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.Marketplace;
import ai.perspective.support.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A user finds a published model by search, opens it, and chats with it in the playground (streamed, metered). */
class PlaygroundBrowserIT extends BrowserHub {

    @Test
    void findAModelAndChatWithItInThePlayground() throws Exception {
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 6);
        try (FakeUpstream upstream = new FakeUpstream()) {
            String model = new Marketplace(base).publish("chatty-" + word, upstream.baseUrl(), "echo", List.of("CHAT"), true);
            String email = Hub.uniqueEmail("player");
            new HubClient(base.toURI()).signUp(email, "Player", Hub.PASSWORD);
            logIn(email, Hub.PASSWORD);

            browser.get(base + "models");
            type(visible(By.cssSelector("#model-search input")), "chatty-" + word);
            wait.until(d -> d.findElement(By.id("models")).getText().contains(model));
            browser.findElement(By.linkText("Test model chatty-" + word)).click();
            visible(By.id("try-it")).click();

            wait.until(ExpectedConditions.urlContains("playground"));
            type(visible(By.cssSelector("#playground-prompt textarea")), "hello playground");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("playground-send"))).click();

            wait.until(d -> d.findElement(By.id("transcript")).getText().contains("echo: hello playground"));
            WebElement answer = browser.findElements(By.cssSelector("#transcript .hub-bubble-assistant .hub-bubble-text"))
                    .getLast();
            wait.until(d -> answer.getAttribute("data-request-id") != null);
            String requestId = answer.getAttribute("data-request-id");
            assertThat(TestDatabase.count("select count(*) from gateway_usage where id = ?::uuid and outcome = 'SUCCEEDED'"
                    + " and streamed and api_key_id is null", requestId)).as("metered as a UI call").isEqualTo(1);
        }
    }
}
