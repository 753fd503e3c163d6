package ai.perspective.identity;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import ai.perspective.support.DeployedHub;
import ai.perspective.support.FakeUpstream;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.Marketplace;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
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

        // the gateway on H2: a call is answered, metered (JDBC batches, not PostgreSQL's arrays) and
        // its ModelUsed relayed, which the ledger shows as the charge leaving the caller's wallet
        String founderId = client.get("api/accounts/me", null).json().getString("id");
        assertThat(client.postJson("api/accounts/" + founderId + "/roles", "{\"role\":\"CREATOR\"}", null).status()).isEqualTo(200);
        try (FakeUpstream upstream = new FakeUpstream()) {
            String id = Marketplace.publish(client, "echo", upstream.baseUrl(), "echo", List.of("CHAT"), true,
                    "1000000", "2000000");
            String key = client.postJson("api/keys", "{\"name\":\"smoke\"}", null).json().getString("secret");
            BigInteger before = available(client, key);

            HubClient.Reply call = client.postJson("v1/chat/completions",
                    "{\"model\":\"" + id + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", key);
            assertThat(call.status()).as(call.body()).isEqualTo(200);
            assertThat(call.json().getString("model")).isEqualTo(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> available(client, key).compareTo(before) < 0);
        }
    }

    private static BigInteger available(HubClient client, String key) {
        return new BigInteger(client.get("api/ledger/wallet", key).json().getJsonObject("spendable").getString("available"));
    }
}
