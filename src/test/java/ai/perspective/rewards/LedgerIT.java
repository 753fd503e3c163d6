package ai.perspective.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.rewards.merkle.MerkleTree;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.HubClient.Reply;
import ai.perspective.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger in the real WAR on PostgreSQL: grants, exact holds under concurrency, idempotency, invariants, proofs. */
@ExtendWith(ArquillianExtension.class)
class LedgerIT {

    static final BigInteger POV = BigInteger.TEN.pow(18);
    static final BigInteger SIGNUP_GRANT = POV.multiply(BigInteger.valueOf(100));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Hub.war();
    }

    @ArquillianResource
    URL base;

    HubClient client;
    String admin;

    @BeforeEach
    void admin() throws Exception {
        client = new HubClient(base.toURI());
        String email = Hub.uniqueEmail("ledger-admin");
        Reply signUp = client.signUp(email, "Ledger Admin", Hub.PASSWORD);
        if (!signUp.json().getJsonArray("roles").toString().contains("ADMIN")) {
            // unless this is the hub's first account, which is admin already
            TestDatabase.makeAdmin(email);
        }
        client.login(email, Hub.PASSWORD);
        admin = client.postJson("api/keys", "{\"name\":\"ledger tests\"}", null).json().getString("secret");
    }

    private String newUser(String name) {
        Reply reply = client.signUp(Hub.uniqueEmail(name.replace(' ', '-').toLowerCase()), name, Hub.PASSWORD);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().getString("id");
    }

    private JsonObject wallet(String account) {
        Reply reply = client.get("api/ledger/wallet?account=" + account, admin);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static BigInteger amount(JsonObject balance, String field) {
        return new BigInteger(balance.getString(field));
    }

    private Reply hold(String key, String payer, BigInteger maximum) {
        return client.postJson("api/ledger/holds", Json.createObjectBuilder().add("requestKey", key).add("payer", payer)
                .add("maximum", maximum.toString()).build().toString(), admin);
    }

    private Reply settle(String key, BigInteger cost, String creator, String model) {
        return client.postJson("api/ledger/holds/" + key + "/settlement", Json.createObjectBuilder().add("cost", cost.toString())
                .add("creator", creator).add("model", model).build().toString(), admin);
    }

    private Reply release(String key) {
        return client.postJson("api/ledger/holds/" + key + "/release", "{}", admin);
    }

    @Test
    void everyNewAccountGetsItsSignUpGrantOnce() {
        String user = newUser("Grantee");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(amount(wallet(user).getJsonObject("spendable"), "posted")).isEqualTo(SIGNUP_GRANT));
        assertThat(TestDatabase.count("select count(*) from rewards_transfer where code = 'SIGNUP_GRANT' and credit_account = ?",
                "spendable:" + user)).isEqualTo(1);
    }

    @Test
    void accountsTheLedgerNeverHeardOfAreBackfilled() throws Exception {
        // an account created while the ledger was absent: identity has it, the ledger does not
        UUID id = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
                PreparedStatement insert = connection.prepareStatement("insert into identity_account (id, email, display_name,"
                        + " password_hash, created_at) values (?, ?, 'Old Timer', 'x:y', now())")) {
            insert.setObject(1, id);
            insert.setString(2, Hub.uniqueEmail("old"));
            insert.executeUpdate();
        }

        Reply backfill = client.postJson("api/ledger/grants/backfill", "{}", admin);
        assertThat(backfill.status()).isEqualTo(200);
        assertThat(backfill.json().getInt("funded")).isGreaterThanOrEqualTo(1);
        assertThat(client.postJson("api/ledger/grants/backfill", "{}", admin).json().getInt("funded")).isZero();
        assertThat(amount(wallet(id.toString()).getJsonObject("spendable"), "posted")).isEqualTo(SIGNUP_GRANT);
    }

    /** LiteLLM-style budget races: 100 parallel holds against a balance that covers 10 succeed exactly 10 times. */
    @Test
    void parallelHoldsNeverOverdraw() throws Exception {
        String payer = newUser("Racer");
        BigInteger tenth = SIGNUP_GRANT.divide(BigInteger.TEN);
        await().atMost(Duration.ofSeconds(10)).until(() -> amount(wallet(payer).getJsonObject("spendable"), "posted").equals(SIGNUP_GRANT));

        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String key = "race-" + payer + "-" + i;
            replies.add(pool.submit(() -> {
                start.await();
                return hold(key, payer, tenth);
            }));
        }
        start.countDown();
        List<Reply> done = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            done.add(reply.get());
        }
        pool.shutdown();

        assertThat(done.stream().filter(r -> r.status() == 201).count()).isEqualTo(10);
        assertThat(done.stream().filter(r -> r.status() == 402).count()).isEqualTo(90);
        Reply refused = done.stream().filter(r -> r.status() == 402).findFirst().orElseThrow();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).isEqualTo("/problems/insufficient-balance");
        JsonObject spendable = wallet(payer).getJsonObject("spendable");
        assertThat(amount(spendable, "available")).isZero();
        assertThat(amount(spendable, "pendingDebits")).isEqualTo(SIGNUP_GRANT);
        assertThat(TestDatabase.count("select count(*) from rewards_transfer where kind = 'PENDING' and debit_account = ?",
                "spendable:" + payer)).isEqualTo(10);
    }

    @Test
    void holdSettleAndReleaseAreIdempotentAndSplitTheCost() {
        String payer = newUser("Payer");
        String creator = newUser("Creator");
        String key = "call-" + UUID.randomUUID();
        BigInteger maximum = POV;
        BigInteger cost = new BigInteger("123456789012345678");

        Reply first = hold(key, payer, maximum);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(hold(key, payer, maximum).status()).as("retry").isEqualTo(201);
        assertThat(hold(key, payer, maximum.add(BigInteger.ONE)).status()).as("same key, other amount").isEqualTo(409);

        assertThat(settle(key, cost, creator, "acme/chat").status()).isEqualTo(200);
        assertThat(settle(key, cost, creator, "acme/chat").status()).as("retry").isEqualTo(200);
        Reply otherCost = settle(key, cost.add(BigInteger.ONE), creator, "acme/chat");
        assertThat(otherCost.status()).isEqualTo(409);
        assertThat(otherCost.json().getString("type")).isEqualTo("/problems/hold-already-settled");
        assertThat(release(key).status()).as("a settled hold cannot be released").isEqualTo(409);

        JsonObject payerWallet = wallet(payer).getJsonObject("spendable");
        assertThat(amount(payerWallet, "posted")).isEqualTo(SIGNUP_GRANT.subtract(cost));
        assertThat(amount(payerWallet, "pendingDebits")).isZero();
        BigInteger treasuryShare = cost.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000));
        assertThat(amount(wallet(creator).getJsonObject("earnings"), "posted")).isEqualTo(cost.subtract(treasuryShare));
        assertThat(TestDatabase.count("select count(*) from rewards_transfer where memo = ?", key)).as("hold, post, 2 shares").isEqualTo(4);

        String released = "call-" + UUID.randomUUID();
        assertThat(hold(released, payer, maximum).status()).isEqualTo(201);
        assertThat(release(released).status()).isEqualTo(200);
        assertThat(release(released).status()).as("retry").isEqualTo(200);
        assertThat(settle(released, cost, creator, "acme/chat").status()).isEqualTo(409);
        assertThat(amount(wallet(payer).getJsonObject("spendable"), "available")).isEqualTo(SIGNUP_GRANT.subtract(cost));
    }

    @Test
    void aTransferIdReusedWithOtherFieldsIsAConflict() {
        String user = newUser("Grantee");
        String id = UUID.randomUUID().toString();
        String grant = Json.createObjectBuilder().add("id", id).add("account", user).add("amount", "5").add("memo", "bonus").build().toString();

        Reply first = client.postJson("api/ledger/grants", grant, admin);
        Reply retry = client.postJson("api/ledger/grants", grant, admin);
        Reply other = client.postJson("api/ledger/grants", grant.replace("\"5\"", "\"6\""), admin);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().getInt("seq")).isEqualTo(first.json().getInt("seq"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().getString("type")).isEqualTo("/problems/transfer-id-conflict");
        assertThat(TestDatabase.count("select count(*) from rewards_transfer where id = ?::uuid", id)).isEqualTo(1);

        Reply reversal = client.postJson("api/ledger/transfers/" + id + "/reversal", "{\"memo\":\"granted by mistake\"}", admin);
        assertThat(reversal.status()).isEqualTo(201);
        assertThat(reversal.json().getString("debit")).isEqualTo("spendable:" + user);
        assertThat(client.postJson("api/ledger/transfers/" + id + "/reversal", "{\"id\":\"" + UUID.randomUUID() + "\"}", admin).status())
                .as("reversed once only").isEqualTo(409);
    }

    @Test
    void badRequestsAreProblemsAndWriteNothing() {
        String user = newUser("Plain");
        long before = TestDatabase.count("select count(*) from rewards_transfer");

        assertThat(hold("", user, POV).status()).isEqualTo(400);
        assertThat(client.postJson("api/ledger/holds", "{\"requestKey\":\"k\",\"payer\":\"" + user + "\",\"maximum\":\"-1\"}", admin)
                .json().getString("field")).isEqualTo("maximum");
        assertThat(client.postJson("api/ledger/grants", "{\"account\":\"" + user + "\",\"amount\":\"1.5\"}", admin).status()).isEqualTo(400);
        assertThat(settle("no-such-hold", POV, user, "m").status()).isEqualTo(404);
        Reply forbidden = new HubClient(URI(base)).get("api/ledger/verification", null);
        assertThat(forbidden.status()).isEqualTo(401);

        assertThat(TestDatabase.count("select count(*) from rewards_transfer")).isEqualTo(before);
    }

    @Test
    void feeScheduleChangesAreAuditedAndApplied() throws Exception {
        Reply bad = put("api/ledger/parameters",
                "{\"changes\":{\"fees.creator.bps\":\"9000\"},\"reason\":\"more for creators\"}", admin);
        assertThat(bad.status()).isEqualTo(400);
        try {
            Reply changed = put("api/ledger/parameters",
                    "{\"changes\":{\"fees.creator.bps\":\"8500\",\"fees.treasury.bps\":\"0\"},\"reason\":\"launch promotion\"}", admin);
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            JsonArray history = Json.createReader(new StringReader(client.get("api/ledger/parameters/history?limit=5", admin).body())).readArray();
            assertThat(history.getJsonObject(0).getString("reason")).isEqualTo("launch promotion");
            assertThat(history.getJsonObject(0).getString("changedBy")).startsWith("account:");

            String payer = newUser("Promo payer");
            String creator = newUser("Promo creator");
            String key = "promo-" + UUID.randomUUID();
            hold(key, payer, POV);
            settle(key, BigInteger.valueOf(1_000), creator, "m");
            assertThat(amount(wallet(creator).getJsonObject("earnings"), "posted")).as("no treasury share").isEqualTo(BigInteger.valueOf(1_000));
        } finally {
            put("api/ledger/parameters",
                    "{\"changes\":{\"fees.creator.bps\":\"8000\",\"fees.treasury.bps\":\"500\"},\"reason\":\"promotion over\"}", admin);
        }
    }

    /** A random workload, partly parallel, then every balance recomputed from the transfers. */
    @Test
    void balancesAlwaysFoldFromTransfersAndSumToZero() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(newUser("Worker " + i));
        }
        Random random = new Random(7);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            String payer = users.get(random.nextInt(users.size()));
            String creator = users.get(random.nextInt(users.size()));
            String key = "work-" + UUID.randomUUID();
            BigInteger maximum = POV.multiply(BigInteger.valueOf(1 + random.nextInt(30)));
            BigInteger cost = new BigInteger(maximum.bitLength() - 1, random);
            int fate = random.nextInt(4);
            work.add(() -> {
                if (hold(key, payer, maximum).status() != 201) {
                    return 402;
                }
                return fate == 0 ? release(key).status() : fate == 1 ? 0 : settle(key, cost, creator, "model-" + (cost.bitCount() % 3)).status();
            });
        }
        for (Future<Integer> f : pool.invokeAll(work)) {
            assertThat(f.get()).isIn(0, 200, 402);
        }
        pool.shutdown();

        Reply verification = client.get("api/ledger/verification", admin);
        assertThat(verification.status()).isEqualTo(200);
        JsonObject v = verification.json();
        assertThat(v.getJsonArray("mismatchedAccounts")).isEmpty();
        assertThat(v.getString("sum")).isEqualTo("0");
        assertThat(v.getBoolean("sound")).isTrue();
        // the same invariant straight from the tables: stored balances of owned accounts plus the
        // folded balances of the system accounts
        assertThat(TestDatabase.count("select (select coalesce(sum(posted_credits - posted_debits), 0) from rewards_account"
                + " where kind in ('SPENDABLE', 'EARNINGS')) + (select coalesce(sum(case when credit_account in"
                + " ('treasury', 'chain', 'clearing') then amount else 0 end) - sum(case when debit_account in"
                + " ('treasury', 'chain', 'clearing') then amount else 0 end), 0) from rewards_transfer"
                + " where kind in ('SINGLE', 'POST'))")).isZero();
        assertThat(TestDatabase.count("select count(*) from rewards_account where kind in ('SPENDABLE','EARNINGS')"
                + " and posted_credits - posted_debits - pending_debits < 0")).as("never below zero").isZero();
    }

    @Test
    void sealedTransfersHaveProofsThatVerifyAgainstTheBatchRoot() {
        String payer = newUser("Proven");
        String key = "proof-" + UUID.randomUUID();
        hold(key, payer, POV);
        settle(key, POV.divide(BigInteger.TWO), newUser("Proven creator"), "m");
        String transferId = client.get("api/ledger/transfers?account=" + payer + "&code=CHARGE&limit=1", admin).json()
                .getJsonArray("items").getJsonObject(0).getString("id");

        Reply sealed = client.postJson("api/ledger/batches", "{}", admin);
        assertThat(sealed.status()).isIn(201, 204);
        Reply proof = client.get("api/ledger/transfers/" + transferId + "/proof", admin);
        assertThat(proof.status()).as(proof.body()).isEqualTo(200);
        JsonObject p = proof.json();
        List<byte[]> siblings = p.getJsonArray("proof").getValuesAs(JsonString::getString).stream().map(MerkleTree::unhex).toList();

        assertThat(MerkleTree.verify(siblings, MerkleTree.unhex(p.getString("root")), MerkleTree.unhex(p.getString("leaf")))).isTrue();
        assertThat(p.getString("leafEncoding")).contains("abi.encode");
        assertThat(TestDatabase.count("select count(*) from rewards_batch where merkle_root = ?", p.getString("root"))).isEqualTo(1);

        Reply csv = client.get("api/ledger/transfers.csv?account=" + payer, admin);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("id,created_at,kind").contains(transferId);
    }

    /** HubClient has no PUT; the parameters API is the one place these tests need it. */
    private Reply put(String path, String json, String bearer) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(base.toURI().resolve(path)).header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
    }

    private static java.net.URI URI(URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
