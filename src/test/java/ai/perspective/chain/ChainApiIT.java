package ai.perspective.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.chain.application.ChainPort;
import ai.perspective.chain.application.ChainSettings;
import ai.perspective.chain.support.ChainTestKit;
import ai.perspective.chain.support.TestMerkleTree;
import ai.perspective.chain.web3j.Web3jChain;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.HubClient.Reply;
import ai.perspective.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hub's chain adapter in the real WAR on the provisioned server: it starts its own dev chain
 * (anvil, no RPC URL configured), deploys the contracts, anchors an attestation, verifies a leaf
 * with the contract, and links a wallet signed by ethers.
 */
@ExtendWith(ArquillianExtension.class)
class ChainApiIT {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final String WALLET_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String WALLET = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Hub.war();
    }

    @ArquillianResource
    URL base;

    HubClient client;

    @BeforeEach
    void client() throws Exception {
        client = new HubClient(base.toURI());
    }

    JsonObject connectedChain() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("api/chain/status", null).json(), s -> s.getString("state").equals("CONNECTED"));
    }

    @Test
    void theHubRunsItsDevChainAndDeploysTheContracts() {
        JsonObject chain = connectedChain();
        assertThat(chain.getJsonNumber("chainId").longValue()).isEqualTo(31337);
        assertThat(chain.getString("rpcUrl")).startsWith("http://127.0.0.1:");
        assertThat(chain.getString("hubAddress")).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        try (ChainPort node = Web3jChain.connect(chain.getString("rpcUrl"), ChainSettings.DEV_KEY)) {
            assertThat(node.hasCode(EthereumAddress.parse("token", chain.getString("tokenAddress")))).isTrue();
            assertThat(node.hasCode(EthereumAddress.parse("anchor", chain.getString("anchorAddress")))).isTrue();
        }
    }

    @Test
    void anAnchoredRootIsPubliclyVerifiableAgainstTheContract() throws Exception {
        JsonObject chain = connectedChain();
        List<byte[]> leaves = List.of("model-card-1", "model-card-2", "model-card-3").stream()
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        TestMerkleTree tree = new TestMerkleTree(leaves);
        String reference = "manifest-" + UUID.randomUUID();
        admin();

        Reply queued = client.postJson("api/chain/attestations", Json.createObjectBuilder()
                .add("reference", reference).add("root", tree.root().hex()).build().toString(), null);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().getString("state")).isIn("PENDING", "SUBMITTED", "CONFIRMED");
        Reply again = client.postJson("api/chain/attestations", Json.createObjectBuilder()
                .add("reference", reference).add("root", Bytes32.fromHex("01".repeat(32)).hex()).build().toString(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getString("type")).isEqualTo("/problems/anchor-conflict");

        HubClient anyone = new HubClient(base.toURI());
        JsonObject anchor = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> anyone.get("api/verify/anchors/attestation/" + reference, null).json(),
                        a -> a.getString("state").equals("CONFIRMED"));
        assertThat(anchor.getString("root")).isEqualTo(tree.root().hex());
        assertThat(anchor.getString("contract")).isEqualTo(chain.getString("anchorAddress"));
        try (ChainPort node = Web3jChain.connect(chain.getString("rpcUrl"), ChainSettings.DEV_KEY)) {
            assertThat(node.receipt(anchor.getString("transactionHash"))).get()
                    .extracting(ChainPort.Receipt::success).isEqualTo(true);
        }

        Reply valid = anyone.postJson("api/verify/anchors/attestation/" + reference,
                proofJson(tree.leaf(leaves.get(1)), tree.proof(leaves.get(1))), null);
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);
        assertThat(valid.json().getBoolean("valid")).isTrue();
        Reply invalid = anyone.postJson("api/verify/anchors/attestation/" + reference,
                proofJson(tree.leaf("forged".getBytes(StandardCharsets.UTF_8)), tree.proof(leaves.get(1))), null);
        assertThat(invalid.json().getBoolean("valid")).isFalse();

        Reply unknown = anyone.get("api/verify/anchors/ledger-batch/" + reference, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Reply badKind = anyone.get("api/verify/anchors/gossip/" + reference, null);
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().getString("field")).isEqualTo("kind");
        Reply badLeaf = anyone.postJson("api/verify/anchors/attestation/" + reference, "{\"leaf\":\"0x12\",\"proof\":[]}", null);
        assertThat(badLeaf.status()).isEqualTo(400);
        assertThat(badLeaf.json().getString("field")).isEqualTo("leaf");
    }

    @Test
    void onlyAdministratorsPublishAttestations() {
        String email = Hub.uniqueEmail("user");
        client.signUp(email, "User", Hub.PASSWORD);
        client.login(email, Hub.PASSWORD);
        Reply forbidden = client.postJson("api/chain/attestations",
                "{\"reference\":\"x\",\"root\":\"" + Bytes32.fromHex("02".repeat(32)).hex() + "\"}", null);
        assertThat(forbidden.status()).isEqualTo(403);
    }

    @Test
    void aUserLinksAWalletWithASignatureFromEthers() {
        String email = Hub.uniqueEmail("wallet");
        client.signUp(email, "Wally", Hub.PASSWORD);
        client.login(email, Hub.PASSWORD);

        Reply malformed = client.postJson("api/chain/wallets/challenges", "{\"address\":\"0xnope\"}", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("type")).isEqualTo("/problems/invalid-address");
        assertThat(malformed.json().getString("field")).isEqualTo("address");

        JsonObject challenge = client.postJson("api/chain/wallets/challenges",
                "{\"address\":\"" + WALLET.toUpperCase().replace("0X", "0x") + "\"}", null).json();
        String message = challenge.getString("message");
        assertThat(challenge.getString("address")).isEqualTo(WALLET);

        String wrongSigner = ChainTestKit.ethersSign(ChainSettings.DEV_KEY, message);
        Reply wrong = client.postJson("api/chain/wallets", linkJson(challenge.getString("id"), wrongSigner), null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().getString("type")).isEqualTo("/problems/wrong-signature");
        assertThat(client.get("api/chain/wallets", null).anyJson().asJsonArray()).isEmpty();

        String signature = ChainTestKit.ethersSign(WALLET_KEY, message);
        Reply linked = client.postJson("api/chain/wallets", linkJson(challenge.getString("id"), signature), null);
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(linked.json().getString("address")).isEqualTo(WALLET);
        assertThat(client.get("api/chain/wallets", null).anyJson().asJsonArray()).hasSize(1);

        Reply replay = client.postJson("api/chain/wallets", linkJson(challenge.getString("id"), signature), null);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.json().getString("type")).isEqualTo("/problems/challenge-used");

        assertThat(client.delete("api/chain/wallets/" + WALLET, null).status()).isEqualTo(204);
        assertThat(TestDatabase.count("select count(*) from chain_wallet where address = ?", WALLET)).isZero();
    }

    private void admin() {
        String email = Hub.uniqueEmail("chain-admin");
        Reply account = client.signUp(email, "Chain Admin", Hub.PASSWORD);
        if (!account.json().getJsonArray("roles").toString().contains("ADMIN")) {
            TestDatabase.makeAdmin(email); // unless it is the hub's first account, which is admin already
        }
        client.login(email, Hub.PASSWORD);
    }

    private static String proofJson(Bytes32 leaf, List<Bytes32> proof) {
        JsonArrayBuilder siblings = Json.createArrayBuilder();
        proof.forEach(p -> siblings.add(p.hex()));
        return Json.createObjectBuilder().add("leaf", leaf.hex()).add("proof", siblings).build().toString();
    }

    private static String linkJson(String challengeId, String signature) {
        return Json.createObjectBuilder().add("challengeId", challengeId).add("signature", signature).build().toString();
    }
}
