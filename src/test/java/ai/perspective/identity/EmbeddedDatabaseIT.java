package ai.perspective.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.DeployedHub;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the zero-setup default: no database environment, so the hub runs on its embedded
 * H2 file database (fresh for this run). The build runs this class alone in its own server.
 */
class EmbeddedDatabaseIT extends DeployedHub {

    @Test
    void servesLoginPageAndTheFirstAccountRunsTheHub() throws Exception {
        HubClient client = new HubClient(base.toURI());
        assertThat(System.getenv("PERSPECTIVE_DB_URL")).as("runs on the default database").isNull();

        HubClient.Reply login = client.get("login", null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<title>Perspective AI</title>");

        HubClient.Reply health = client.get("api/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("database")).isEqualTo("UP");

        HubClient.Reply first = client.signUp("founder@example.com", "Founder", Hub.PASSWORD);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().getJsonArray("roles").toString()).contains("ADMIN").contains("USER");

        HubClient.Reply second = client.signUp("member@example.com", "Member", Hub.PASSWORD);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().getJsonArray("roles").toString()).doesNotContain("ADMIN");

        client.login("founder@example.com", Hub.PASSWORD);
        HubClient.Reply accounts = client.get("api/accounts", null);
        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.body()).contains("member@example.com").contains("founder@example.com");
    }
}
