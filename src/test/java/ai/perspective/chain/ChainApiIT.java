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
import java.math.BigInteger;
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

    static final String DEPOSITOR_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    static final String DEPOSITOR = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    static final BigInteger POV = BigInteger.TEN.pow(18);
    /** What the hub mints to its own address when it deploys the token (a billion POV). */
    static final BigInteger SUPPLY = BigInteger.TEN.pow(27);

    /**
     * The whole round trip through the hub: a user links a wallet, withdraws 10 of their 100 POV to
     * it (the ERC-20 lands in the wallet, the ledger posts), deposits 4 back from the wallet (credited
     * once after the confirmations), and a withdrawal the hub's address cannot pay fails and is voided.
     * Bad requests change nothing.
     */
    @Test
    void aUserWithdrawsToTheirWalletAndDepositsBack() throws Exception {
        JsonObject chain = connectedChain();
        String email = Hub.uniqueEmail("funds");
        client.signUp(email, "Funds", Hub.PASSWORD);
        client.login(email, Hub.PASSWORD);
        BigInteger start = available();
        assertThat(start).isEqualTo(POV.multiply(BigInteger.valueOf(100)));

        JsonObject challenge = client.postJson("api/chain/wallets/challenges", "{\"address\":\"" + DEPOSITOR + "\"}", null)
                .json();
        Reply linked = client.postJson("api/chain/wallets", linkJson(challenge.getString("id"),
                ChainTestKit.ethersSign(DEPOSITOR_KEY, challenge.getString("message"))), null);
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);

        JsonObject instructions = client.get("api/chain/deposits/instructions", null).json();
        assertThat(instructions.getString("depositAddress")).isEqualTo(chain.getString("hubAddress"));
        assertThat(instructions.getString("tokenAddress")).isEqualTo(chain.getString("tokenAddress"));
        assertThat(instructions.getJsonArray("fromWallets").getString(0)).isEqualTo(DEPOSITOR);

        Reply tooMuch = client.postJson("api/ledger/withdrawals", withdrawalJson(DEPOSITOR, POV.multiply(BigInteger.valueOf(101))), null);
        assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(409);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        assertThat(tooMuch.json().getString("type")).isEqualTo("/problems/insufficient-balance");
        assertThat(tooMuch.json().getString("detail")).contains("100 POV available");
        Reply malformed = client.postJson("api/ledger/withdrawals", withdrawalJson("0x1234", POV), null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("field")).isEqualTo("address");
        Reply notLinked = client.postJson("api/ledger/withdrawals", withdrawalJson(WALLET, POV), null);
        assertThat(notLinked.status()).isEqualTo(400);
        assertThat(notLinked.json().getString("type")).isEqualTo("/problems/wallet-not-linked");
        assertThat(available()).as("no ledger change").isEqualTo(start);
        assertThat(client.get("api/ledger/transfers?code=WITHDRAWAL", null).json().getJsonNumber("total").longValue())
                .isZero();

        ChainPort node = Web3jChain.connect(chain.getString("rpcUrl"), DEPOSITOR_KEY);
        try {
            EthereumAddress token = EthereumAddress.parse("token", chain.getString("tokenAddress"));
            EthereumAddress depositor = EthereumAddress.parse("wallet", DEPOSITOR);
            BigInteger onChainBefore = node.tokenBalance(token, depositor);

            String key = UUID.randomUUID().toString();
            Reply accepted = client.postJson("api/ledger/withdrawals", withdrawalJson(DEPOSITOR, POV.multiply(BigInteger.TEN)),
                    "Idempotency-Key", key);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().getString("id");
            Reply retried = client.postJson("api/ledger/withdrawals", withdrawalJson(DEPOSITOR, POV.multiply(BigInteger.TEN)),
                    "Idempotency-Key", key);
            assertThat(retried.json().getString("id")).as("the same withdrawal").isEqualTo(id);
            assertThat(available()).isEqualTo(start.subtract(POV.multiply(BigInteger.TEN)));

            JsonObject done = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> client.get("api/ledger/withdrawals/" + id, null).json(),
                            w -> w.getString("state").equals("COMPLETED"));
            assertThat(done.getString("chainState")).isEqualTo("CONFIRMED");
            assertThat(node.receipt(done.getString("transactionHash"))).get()
                    .extracting(ChainPort.Receipt::success).isEqualTo(true);
            assertThat(node.tokenBalance(token, depositor)).isEqualTo(onChainBefore.add(POV.multiply(BigInteger.TEN)));
            assertThat(available()).as("posted: the 10 POV left for good")
                    .isEqualTo(start.subtract(POV.multiply(BigInteger.TEN)));

            // the wallet sends 4 POV back with a plain ERC-20 transfer to the hub's address
            var deposit = node.signTokenTransfer(token, EthereumAddress.parse("hub", chain.getString("hubAddress")),
                    POV.multiply(BigInteger.valueOf(4)), node.nonce(true), node.gasPrice());
            assertThat(node.send(deposit.raw())).isEqualTo(ChainPort.SendOutcome.ACCEPTED);
            JsonObject credited = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> client.get("api/chain/deposits", null).anyJson().asJsonArray(),
                            a -> !a.isEmpty() && a.getJsonObject(0).getString("state").equals("CREDITED"))
                    .getJsonObject(0);
            assertThat(credited.getString("transactionHash")).isEqualTo(deposit.hash());
            assertThat(credited.getString("amount")).isEqualTo(POV.multiply(BigInteger.valueOf(4)).toString());
            assertThat(available()).isEqualTo(start.subtract(POV.multiply(BigInteger.valueOf(6))));
            assertThat(client.get("api/ledger/transfers?code=DEPOSIT", null).json().getJsonNumber("total").longValue())
                    .as("credited once").isEqualTo(1);
        } finally {
            node.close();
        }

        // more than the hub's address holds on chain: the transfer reverts, the ledger voids
        HubClient admin = new HubClient(base.toURI());
        String adminEmail = Hub.uniqueEmail("funds-admin");
        admin.signUp(adminEmail, "Funds Admin", Hub.PASSWORD);
        TestDatabase.makeAdmin(adminEmail);
        admin.login(adminEmail, Hub.PASSWORD);
        String me = client.get("api/accounts/me", null).json().getString("id");
        BigInteger huge = SUPPLY.multiply(BigInteger.TWO);
        Reply granted = admin.postJson("api/ledger/grants", Json.createObjectBuilder().add("account", me)
                .add("amount", huge.toString()).build().toString(), null);
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        BigInteger beforeFailure = available();
        Reply doomed = client.postJson("api/ledger/withdrawals", withdrawalJson(DEPOSITOR, SUPPLY.add(POV)), null);
        assertThat(doomed.status()).as(doomed.body()).isEqualTo(202);
        JsonObject voided = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> client.get("api/ledger/withdrawals/" + doomed.json().getString("id"), null).json(),
                        w -> !w.getString("state").equals("PENDING"));
        assertThat(voided.getString("state")).isEqualTo("FAILED");
        assertThat(voided.getString("error")).contains("reverted");
        assertThat(available()).as("voided: the POV is spendable again").isEqualTo(beforeFailure);
    }

    private BigInteger available() {
        return new BigInteger(client.get("api/ledger/wallet", null).json().getJsonObject("spendable").getString("available"));
    }

    private static String withdrawalJson(String address, BigInteger amount) {
        return Json.createObjectBuilder().add("address", address).add("amount", amount.toString()).build().toString();
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
