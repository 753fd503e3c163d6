package ai.perspective.routing;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** An administrator opens the Routing page, reads the figures and sets the hub's general model. */
class RoutingBrowserIT extends BrowserHub {

    @Test
    void anAdministratorSetsTheGeneralModelOnTheRoutingPage() throws Exception {
        String word = UUID.randomUUID().toString().substring(0, 6);
        try (FakeUpstream upstream = new FakeUpstream()) {
            Marketplace market = new Marketplace(base);
            String before = market.creator().get("api/routing", null).json().getString("generalModelSetting", null);
            String helper = market.publishChat("helper-" + word, upstream, "echo", "A general helper for everyday questions.",
                    List.of("Help me with a question", "What do you think about this?"), 100, 200);
            await().atMost(Duration.ofSeconds(120)).until(() -> market.creator().get("api/routing", null).body().contains(helper));
            String email = Hub.uniqueEmail("routing-admin");
            new HubClient(base.toURI()).signUp(email, "Routing Admin", Hub.PASSWORD);
            TestDatabase.makeAdmin(email);
            logIn(email, Hub.PASSWORD);

            browser.get(base + "admin/routing");
            wait.until(d -> d.findElement(By.id("routing-state")).getText().startsWith("State: "));
            String figures = visible(By.id("routing-figures")).getText();
            assertThat(figures).contains("Decisions").contains("Helpful (accuracy on feedback)").contains("Calibrated threshold");

            WebElement input = visible(By.cssSelector("#routing-general-model input"));
            type(input, helper);
            wait.until(d -> !d.findElements(By.cssSelector("vaadin-combo-box-item")).isEmpty());
            input.sendKeys(Keys.ENTER);
            visible(By.id("routing-save-general")).click();

            wait.until(d -> d.getPageSource().contains("General model set to " + helper));
            assertThat(TestDatabase.count("select count(*) from routing_setting where name = 'general-model' and val = ?",
                    helper)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> helper.equals(
                    market.creator().get("api/routing", null).json().getString("generalModel", null)));

            if (before != null) { // leave the hub's general model as the other tests found it
                market.creator().putJson("api/routing/general-model", "{\"generalModel\":\"" + before + "\"}", null);
            }
        }
    }
}
