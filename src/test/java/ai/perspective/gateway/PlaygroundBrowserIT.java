package ai.perspective.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.support.BrowserHub;
import ai.perspective.support.FakeUpstream;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.Marketplace;
import ai.perspective.support.TestDatabase;
import java.time.Duration;
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

    @Test
    void autoShowsWhichModelAnsweredAndWhyAndTakesAThumbsDown() throws Exception {
        String word = UUID.randomUUID().toString().substring(0, 6);
        try (FakeUpstream upstream = new FakeUpstream()) {
            Marketplace market = new Marketplace(base);
            String gardener = market.publishChat("gardener-" + word, upstream, "echo", "A gardener: plants, soil, pruning.",
                    List.of("When should I prune my apple tree?", "How often do I water tomato plants?",
                            "What soil do roses like?", "How do I get rid of aphids on my plants?",
                            "When do I plant tulip bulbs?", "Why are the leaves of my basil turning yellow?",
                            "How deep should I plant potatoes?", "What vegetables grow well in shade?",
                            "How do I make compost?", "Can I grow lemons in a pot?", "How do I repot an orchid?"),
                    1_000, 2_000);
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                HubClient.Reply routing = market.creator().get("api/routing", null);
                return routing.status() == 200 && routing.body().contains(gardener);
            });
            String email = Hub.uniqueEmail("auto-player");
            new HubClient(base.toURI()).signUp(email, "Auto Player", Hub.PASSWORD);
            logIn(email, Hub.PASSWORD);

            browser.get(base + "playground?model=perspective/auto");
            type(visible(By.cssSelector("#playground-prompt textarea")), "When is the best time to prune an apple tree?");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("playground-send"))).click();

            WebElement why = visible(By.cssSelector("#transcript .hub-route-why"));
            wait.until(d -> why.getText().contains("Candidates:"));
            assertThat(why.getText()).contains(gardener);
            wait.until(d -> d.findElement(By.id("transcript")).getText().contains("echo: When is the best time"));
            assertThat(browser.findElements(By.cssSelector("#transcript .hub-bubble-who")).getLast().getText())
                    .isEqualTo("Auto → " + gardener);
            WebElement answer = browser.findElements(By.cssSelector("#transcript .hub-bubble-assistant .hub-bubble-text")).getLast();
            wait.until(d -> answer.getAttribute("data-request-id") != null);
            String requestId = answer.getAttribute("data-request-id");

            type(visible(By.cssSelector(".hub-feedback-reason input")), "too vague");
            visible(By.cssSelector(".hub-feedback-down")).click();
            wait.until(d -> d.findElement(By.cssSelector(".hub-feedback-done")).getText().contains("not helpful"));

            assertThat(TestDatabase.count("select count(*) from routing_decision where id = ?::uuid and helpful = false"
                    + " and answered_model = ?", requestId, gardener)).isEqualTo(1);
            assertThat(TestDatabase.count("select count(*) from vault_contribution c join identity_account a on a.id = c.owner_id"
                    + " where a.email = ? and c.kind = 'routing-feedback' and c.reference = ? and c.content like '%too vague%'",
                    email, requestId)).isEqualTo(1);
        }
    }
}
