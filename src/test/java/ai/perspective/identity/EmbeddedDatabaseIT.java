package ai.perspective.identity;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import ai.perspective.support.DeployedHub;
import ai.perspective.support.FakeUpstream;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import jakarta.json.Json;
import java.math.BigInteger;
import java.time.Duration;
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
            HubClient.Reply model = client.postJson("api/models", Json.createObjectBuilder()
                    .add("name", "echo").add("title", "Echo").add("description", "Echoes.")
                    .add("tasks", Json.createArrayBuilder().add("CHAT")).add("licence", "MIT").add("contextLength", 4096)
                    .add("inputPricePerMillion", 1_000_000).add("outputPricePerMillion", 2_000_000)
                    .add("serving", Json.createObjectBuilder().add("kind", "EXTERNAL")
                            .add("baseUrl", upstream.baseUrl().toString()).add("upstreamModel", "echo"))
                    .add("upstreamSecret", FakeUpstream.SECRET).build().toString(), null);
            assertThat(model.status()).as(model.body()).isEqualTo(201);
            String id = model.json().getString("id");
            assertThat(client.post("api/models/" + id + "/publish", "application/json", "", null).status()).isEqualTo(200);
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
