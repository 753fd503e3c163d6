package ai.perspective.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.application.ModelCalls.Call;
import ai.perspective.gateway.domain.StoredReply;
import ai.perspective.gateway.domain.Usage;
import ai.perspective.gateway.domain.UsageJournal;
import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Charges;
import ai.perspective.support.FakeUpstream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelCallsTest {

    private static final AccountId ALICE = new AccountId(UUID.randomUUID());

    private FakeUpstream upstream;
    private final Journal journal = new Journal();
    private final HeldMoney charges = new HeldMoney();
    private ModelCalls calls;

    @BeforeEach
    void open() throws Exception {
        upstream = new FakeUpstream();
        calls = new ModelCalls();
        calls.settings = new GatewaySettings();
        calls.tokens = new TokenCounter();
        calls.journal = journal;
        calls.charges = charges;
        calls.upstream = UpstreamHttpTest.opened(calls.settings);
    }

    @AfterEach
    void close() {
        calls.upstream.close();
        upstream.close();
    }

    @Test
    void aWholeAnswerIsSentOnlyOnceItsRecordIsCommitted() throws Exception {
        journal.commit = new CompletableFuture<>();
        Replies reply = new Replies();

        Thread calling = Thread.ofVirtual().start(() -> calls.forward(call("idem-1"), reply));
        assertThat(journal.handedOver.await(20, TimeUnit.SECONDS)).isTrue();

        // the record is with the journal, not yet committed: nothing reached the client
        assertThat(journal.recorded).singleElement().satisfies(u -> assertThat(u.httpStatus()).isEqualTo(200));
        assertThat(reply.sent).isEmpty();

        journal.commit.complete(null);
        assertThat(calling.join(Duration.ofSeconds(20))).isTrue();
        assertThat(reply.sent).singleElement().satisfies(sent -> {
            assertThat(sent.status()).isEqualTo(200);
            assertThat(Json.createReader(new StringReader(sent.body())).readObject().getString("model")).isEqualTo("acme/echo");
        });
        assertThat(journal.released).isEmpty();
    }

    @Test
    void anAnswerWhoseRecordFailedIsA503AndGivesTheKeyAndTheHeldMoneyBack() {
        journal.commit = CompletableFuture.failedFuture(new IllegalStateException("the database is down"));
        charges.hold("another call", ALICE, BigInteger.TEN);
        Replies reply = new Replies();
        Call call = call("idem-2");
        charges.hold(call.requestId().toString(), ALICE, BigInteger.TEN);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> calls.forward(call, reply));

        assertThat(reply.sent).singleElement().satisfies(sent -> {
            assertThat(sent.status()).isEqualTo(503);
            assertThat(sent.body()).contains("metering_unavailable");
        });
        assertThat(journal.released).containsExactly("idem-2");
        assertThat(charges.held).containsOnlyKeys("another call"); // this call's hold released, the other one kept
    }

    private Call call(String idempotencyKey) {
        Catalog.Route route = new Catalog.Route(ModelId.parse("acme/echo"), new AccountId(UUID.randomUUID()),
                new Catalog.ExternalEndpoint(upstream.baseUrl(), "echo"), FakeUpstream.SECRET, Set.of(Catalog.Task.CHAT),
                8192, BigInteger.ONE, BigInteger.ONE);
        JsonObject body = Json.createReader(new StringReader(
                "{\"model\":\"acme/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).readObject();
        return new Call(UUID.randomUUID(), ALICE, UUID.randomUUID(), route, Catalog.Task.CHAT, body, false, idempotencyKey,
                System.nanoTime());
    }


    @Test
    void upstreamPathsResolveAgainstTheBaseUrlWithOrWithoutSlash() {
        assertThat(ModelCalls.resolve(URI.create("http://127.0.0.1:9000/v1"), "chat/completions"))
                .hasToString("http://127.0.0.1:9000/v1/chat/completions");
        assertThat(ModelCalls.resolve(URI.create("https://api.example.com/openai/v1//"), "embeddings"))
                .hasToString("https://api.example.com/openai/v1/embeddings");
    }

    @Test
    void theModelFieldIsReplacedOrAddedAndEverythingElseKept() {
        JsonObject answer = Json.createReader(new StringReader("{\"id\":\"x\",\"model\":\"upstream-name\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"h\u00e9 \\\"ok\\\"\"}}],"
                + "\"usage\":{\"prompt_tokens\":3},\"n\":null,\"f\":1.5,\"t\":true}")).readObject();
        JsonObject out = Json.createReader(new StringReader(ModelCalls.withModel(answer, "acme/chat", 10))).readObject();
        assertThat(out.getString("model")).isEqualTo("acme/chat");
        assertThat(Json.createObjectBuilder(out).remove("model").build())
                .isEqualTo(Json.createObjectBuilder(answer).remove("model").build());

        JsonObject request = Json.createObjectBuilder().add("messages", Json.createArrayBuilder()).build();
        assertThat(Json.createReader(new StringReader(ModelCalls.withModel(request, "up", 10))).readObject())
                .isEqualTo(Json.createObjectBuilder(request).add("model", "up").build());
    }

    /** What the client was sent. */
    private static final class Replies implements Reply {
        record Sent(int status, String body) {
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(int status, String contentType, String body) {
            sent.add(new Sent(status, body));
        }

        @Override
        public void startEvents() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void event(String data) {
            throw new UnsupportedOperationException();
        }
    }

    /** Commits when told to. */
    private static final class Journal implements UsageJournal {
        final List<Usage> recorded = new CopyOnWriteArrayList<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        final CountDownLatch handedOver = new CountDownLatch(1);
        volatile CompletableFuture<Void> commit;

        @Override
        public CompletionStage<Void> record(Usage usage, StoredReply reply) {
            recorded.add(usage);
            handedOver.countDown();
            return commit;
        }

        @Override
        public Claim claim(AccountId account, String idempotencyKey, UUID requestId) {
            return new Claimed();
        }

        @Override
        public void release(AccountId account, String idempotencyKey) {
            released.add(idempotencyKey);
        }

        @Override
        public Optional<Usage> byRequestId(UUID requestId) {
            return Optional.empty();
        }
    }

    /** Holds in memory. */
    private static final class HeldMoney implements Charges {
        final Map<String, Hold> held = new ConcurrentHashMap<>();

        @Override
        public Hold hold(String requestKey, AccountId payer, BigInteger maximum) {
            Hold hold = new Hold(requestKey, payer, maximum);
            held.put(requestKey, hold);
            return hold;
        }

        @Override
        public void settle(Hold hold, BigInteger cost, AccountId creator, String model) {
            held.remove(hold.requestKey());
        }

        @Override
        public void settle(Hold hold, BigInteger cost, Beneficiaries beneficiaries) {
            held.remove(hold.requestKey());
        }

        @Override
        public void release(Hold hold) {
            held.remove(hold.requestKey());
        }

        @Override
        public Optional<Hold> find(String requestKey) {
            return Optional.ofNullable(held.get(requestKey));
        }
    }
}
