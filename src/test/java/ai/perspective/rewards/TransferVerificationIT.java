package ai.perspective.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.support.DeployedHub;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * End to end across rewards and chain: a transfer is sealed into a batch, the batch root is
 * anchored on the hub's dev chain (anvil), and anyone can verify the transfer against it.
 */
class TransferVerificationIT extends DeployedHub {

    @Test
    void aSignUpGrantIsSealedAnchoredAndVerifiedByTheContract() throws Exception {
        HubClient alice = new HubClient(base.toURI());
        String email = Hub.uniqueEmail("verify");
        alice.signUp(email, "Alice Verifier", Hub.PASSWORD);
        alice.login(email, Hub.PASSWORD);
        HubClient.Reply transfers = alice.get("api/ledger/transfers", null);
        assertThat(transfers.status()).as(transfers.body()).isEqualTo(200);
        String grant = transfers.json().getJsonArray("items").getJsonObject(0).getString("id");

        HubClient anyone = new HubClient(base.toURI());
        AtomicReference<JsonObject> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HubClient.Reply reply = anyone.get("api/verify/transfers/" + grant, null);
            seen.set(reply.json());
            return reply.status() == 200 && "VERIFIED".equals(reply.json().getString("status"));
        });

        JsonObject verification = seen.get();
        assertThat(verification.getBoolean("contractSaysValid")).isTrue();
        assertThat(verification.getJsonObject("transfer").getString("id")).isEqualTo(grant);
        assertThat(verification.getJsonObject("proof").getString("root")).startsWith("0x");
        assertThat(verification.getJsonObject("anchor").getString("transactionHash")).startsWith("0x");
        assertThat(verification.getJsonObject("anchor").getString("state")).isEqualTo("CONFIRMED");

        HubClient.Reply unknown = anyone.get("api/verify/transfers/" + java.util.UUID.randomUUID(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }
}
