package ai.perspective.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.support.FakeUpstream;
import ai.perspective.support.DeployedHub;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.HubClient.Reply;
import ai.perspective.support.Marketplace;
import ai.perspective.support.TestDatabase;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible gateway in the real server, against a fake upstream and PostgreSQL. */
class GatewayIT extends DeployedHub {

    private static final String HI = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]%s}";

    FakeUpstream upstream;
    Marketplace market;
    HubClient client;
    String key;

    @BeforeEach
    void marketplace() throws Exception {
        upstream = new FakeUpstream();
        market = new Marketplace(base);
        client = new HubClient(base.toURI());
        key = market.userWithKey("caller");
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void chatIsForwardedAnsweredAndMeteredOnce() {
        String model = market.publish("echo-" + suffix(), upstream, "echo", List.of("CHAT"));

        Reply reply = client.postJson("v1/chat/completions", HI.formatted(model, ""), key);

        assertThat(reply.status()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.getString("model")).isEqualTo(model);
        assertThat(answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"))
                .isEqualTo("echo: hi there");
        assertThat(answer.getJsonObject("usage").getInt("prompt_tokens")).isEqualTo(11);

        FakeUpstream.Received forwarded = upstream.received().getFirst();
        assertThat(forwarded.authorization()).isEqualTo("Bearer " + FakeUpstream.SECRET);
        assertThat(forwarded.body().getString("model")).isEqualTo("echo");

        String requestId = reply.raw().headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(TestDatabase.count("select count(*) from gateway_usage where id = ?::uuid and outcome = 'SUCCEEDED'"
                + " and prompt_tokens = 11 and completion_tokens = 3 and not tokens_counted and api_key_id is not null",
                requestId)).isEqualTo(1);
        // its ModelUsed is delivered: the outbox row written with the usage row is gone
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from gateway_outbox where id = ?::uuid", requestId) == 0);
    }

    @Test
    void streamingSendsTokensThenDoneAndMetersTheStream() throws Exception {
        String model = market.publish("stream-" + suffix(), upstream, "echo", List.of("CHAT"));

        List<String> events = sse(HI.formatted(model, ",\"stream\":true"));

        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder content = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            JsonObject chunk = jakarta.json.Json.createReader(new java.io.StringReader(event)).readObject();
            assertThat(chunk.getString("model")).isEqualTo(model);
            assertThat(chunk.containsKey("usage")).as("usage only when the client asks").isFalse();
            var choices = chunk.getJsonArray("choices");
            if (!choices.isEmpty() && choices.getJsonObject(0).getJsonObject("delta").containsKey("content")) {
                content.append(choices.getJsonObject(0).getJsonObject("delta").getString("content"));
            }
        }
        assertThat(content).hasToString("echo: hi there");
        assertThat(upstream.received().getFirst().body().getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
        assertThat(TestDatabase.count("select count(*) from gateway_usage where model = ? and streamed"
                + " and outcome = 'SUCCEEDED' and prompt_tokens = 11 and completion_tokens = 3", model)).isEqualTo(1);
    }

    @Test
    void tokensAreCountedWhenTheUpstreamReportsNoUsage() {
        String model = market.publish("nousage-" + suffix(), upstream, "no-usage", List.of("CHAT"));

        Reply reply = client.postJson("v1/chat/completions", HI.formatted(model, ""), key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(TestDatabase.count("select count(*) from gateway_usage where model = ? and tokens_counted"
                + " and prompt_tokens > 0 and completion_tokens = 4", model))
                .as("'echo: hi there' is 4 cl100k tokens").isEqualTo(1);
    }

    @Test
    void clientMistakesAreOpenAiErrorsAndNothingIsMetered() throws Exception {
        String model = market.publish("strict-" + suffix(), upstream, "echo", List.of("CHAT"));
        String draft = market.publish("draft-" + suffix(), upstream.baseUrl(), "echo", List.of("CHAT"), false);

        expectError(client.postJson("v1/chat/completions", HI.formatted(model, ""), null), 401, "invalid_api_key");
        expectError(client.postJson("v1/chat/completions", HI.formatted(model, ""), "pk-wrong"), 401, "invalid_api_key");
        expectError(client.postJson("v1/chat/completions", HI.formatted("nobody/nothing", ""), key), 404, "model_not_found");
        expectError(client.postJson("v1/chat/completions", HI.formatted(draft, ""), key), 404, "model_not_found");
        expectError(client.postJson("v1/chat/completions", HI.formatted("no-slash", ""), key), 404, "model_not_found");
        expectError(client.postJson("v1/chat/completions", "{\"model\":", key), 400, "invalid_json");
        expectError(client.postJson("v1/chat/completions", "[1]", key), 400, "invalid_json");
        Reply noMessages = client.postJson("v1/chat/completions", "{\"model\":\"" + model + "\"}", key);
        expectError(noMessages, 400, null);
        assertThat(noMessages.json().getJsonObject("error").getString("param")).isEqualTo("messages");
        Reply noModel = client.postJson("v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", key);
        assertThat(noModel.json().getJsonObject("error").getString("param")).isEqualTo("model");
        expectError(client.postJson("v1/embeddings", "{\"model\":\"" + model + "\",\"input\":\"x\"}", key), 400,
                "model_not_supported");
        String huge = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}]}";
        expectError(client.postJson("v1/chat/completions", huge, key), 413, "request_too_large");
        expectError(client.get("v1/nothing-here", key), 404, "unknown_url");
        expectError(client.get("v1", key), 404, "unknown_url");

        assertThat(upstream.received()).isEmpty();
        assertThat(TestDatabase.count("select count(*) from gateway_usage where model in (?, ?)", model, draft)).isZero();
    }

    @Test
    void upstreamFailuresAreClear502And504AndRecorded() throws Exception {
        String failing = market.publish("fail-" + suffix(), upstream, "fail", List.of("CHAT"));
        String rejecting = market.publish("reject-" + suffix(), upstream, "reject", List.of("CHAT"));
        String hanging = market.publish("hang-" + suffix(), upstream, "hang", List.of("CHAT"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = market.publish("gone-" + suffix(), URI.create("http://127.0.0.1:" + closedPort + "/v1"),
                "echo", List.of("CHAT"), true);

        expectError(client.postJson("v1/chat/completions", HI.formatted(failing, ""), key), 502, "upstream_error");
        expectError(client.postJson("v1/chat/completions", HI.formatted(unreachable, ""), key), 502, "upstream_unreachable");
        Reply rejected = client.postJson("v1/chat/completions", HI.formatted(rejecting, ""), key);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().getJsonObject("error").getString("param")).isEqualTo("temperature");
        expectError(client.postJson("v1/chat/completions", HI.formatted(hanging, ""), key), 504, "upstream_timeout");

        assertThat(TestDatabase.count("select count(*) from gateway_usage where model = ? and outcome = 'UPSTREAM_FAILED'"
                + " and http_status = 502", failing)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from gateway_usage where model = ? and outcome = 'UPSTREAM_TIMEOUT'",
                hanging)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from gateway_usage where model = ? and outcome = 'UPSTREAM_REJECTED'",
                rejecting)).isEqualTo(1);
    }

    @Test
    void aRetriedCallWithTheSameIdempotencyKeyIsOneCallAndOneRecord() throws Exception {
        String model = market.publish("idem-" + suffix(), upstream, "echo", List.of("CHAT"));
        String idempotencyKey = UUID.randomUUID().toString();

        HttpResponse<String> first = post(HI.formatted(model, ""), idempotencyKey);
        HttpResponse<String> retry = post(HI.formatted(model, ""), idempotencyKey);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(upstream.received()).hasSize(1);
        assertThat(TestDatabase.count("select count(*) from gateway_usage where idempotency_key = ?", idempotencyKey))
                .isEqualTo(1);
    }

    @Test
    void aClientLeavingMidStreamIsRecordedTruthfully() throws Exception {
        String model = market.publish("endless-" + suffix(), upstream, "endless", List.of("CHAT"));
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HI.formatted(model, ",\"stream\":true"))).build();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        try (InputStream body = response.body()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            int events = 0;
            while (events < 20) {
                if (lines.readLine().startsWith("data: ")) {
                    events++;
                }
            }
        }
        http.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from gateway_usage where id = ?::uuid and outcome = 'CLIENT_DISCONNECTED'"
                        + " and completion_tokens >= 20", requestId) == 1);
    }

    @Test
    void streamsWhoseClientsStopReadingDoNotHoldUpOtherCalls() throws Exception {
        String endless = market.publish("slow-reader-" + suffix(), upstream, "flood", List.of("CHAT"));
        String echo = market.publish("meanwhile-" + suffix(), upstream, "echo", List.of("CHAT"));
        byte[] streamRequest = ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s")
                .formatted(HI.formatted(endless, ",\"stream\":true").length(), HI.formatted(endless, ",\"stream\":true"))
                .getBytes(StandardCharsets.UTF_8);
        // more stalled streams than the hub has cores (2 here): each one's writer waits on a full socket buffer
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                socket.getOutputStream().write(streamRequest);
                socket.getOutputStream().flush();
                assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
                stalled.add(socket); // and never read again
            }
            // the streams are stuck once the upstream cannot write either: the hub reads it only as fast as it writes
            AtomicLong seen = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> upstream.endlessEvents() == seen.getAndSet(upstream.endlessEvents()));

            for (int i = 0; i < 5; i++) {
                Reply reply = client.postJson("v1/chat/completions", HI.formatted(echo, ""), key);
                assertThat(reply.status()).isEqualTo(200);
            }
            assertThat(client.get("v1/models", key).status()).isEqualTo(200);
            // answered while all four streams were still stuck, not after one of them ended
            assertThat(TestDatabase.count("select count(*) from gateway_usage where model = ?", endless)).isZero();
            assertThat(upstream.endlessEvents()).isEqualTo(seen.get());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // and each stalled stream ends as what it was: a client that left
        await().atMost(Duration.ofSeconds(60)).until(() -> TestDatabase.count(
                "select count(*) from gateway_usage where model = ? and outcome = 'CLIENT_DISCONNECTED'", endless) == 4);
    }

    @Test
    void modelsAndEmbeddingsWork() {
        String chat = market.publish("listed-" + suffix(), upstream, "echo", List.of("CHAT"));
        String embed = market.publish("embed-" + suffix(), upstream, "embed", List.of("EMBEDDINGS"));

        Reply models = client.get("v1/models", key);
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.json().getString("object")).isEqualTo("list");
        assertThat(models.body()).contains("\"id\":\"" + chat + "\"").contains("\"id\":\"" + embed + "\"");
        // one model, as the clients' models.retrieve asks for it (the id's slash encoded) and as typed
        for (String path : List.of("v1/models/" + chat.replace("/", "%2F"), "v1/models/" + chat)) {
            Reply one = client.get(path, key);
            assertThat(one.status()).as(path).isEqualTo(200);
            assertThat(one.json().getString("id")).isEqualTo(chat);
            assertThat(one.json().getString("object")).isEqualTo("model");
            assertThat(one.json().getString("owned_by")).isEqualTo(chat.substring(0, chat.indexOf('/')));
        }
        assertThat(client.get("v1/models/perspective%2Fauto", key).json().getString("owned_by")).isEqualTo("perspective");
        Reply missing = client.get("v1/models/nobody%2Fnothing", key);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().getJsonObject("error").getString("code")).isEqualTo("model_not_found");
        // an id with a stray '%' (sent as %25) is just another unknown model, not a server error
        Reply odd = client.get("v1/models/nobody%2F50%25off", key);
        assertThat(odd.status()).isEqualTo(404);
        assertThat(odd.json().getJsonObject("error").getString("message")).contains("'nobody/50%off'");
        assertThat(client.get("v1/models/" + chat, null).status()).isEqualTo(401);
        // the list is kept in memory: a model that leaves or comes back shows at once
        assertThat(market.creator().post("api/models/" + chat + "/unpublish", "application/json", "", null).status()).isEqualTo(200);
        assertThat(client.get("v1/models", key).body()).doesNotContain("\"id\":\"" + chat + "\"")
                .contains("\"id\":\"" + embed + "\"");
        assertThat(client.get("v1/models/" + chat, key).status()).isEqualTo(404);
        assertThat(market.creator().post("api/models/" + chat + "/publish", "application/json", "", null).status()).isEqualTo(200);
        assertThat(client.get("v1/models", key).body()).contains("\"id\":\"" + chat + "\"");

        Reply embedding = client.postJson("v1/embeddings", "{\"model\":\"" + embed + "\",\"input\":[\"a\",\"b\"]}", key);
        assertThat(embedding.status()).isEqualTo(200);
        assertThat(embedding.json().getJsonArray("data")).hasSize(2);
        assertThat(embedding.json().getString("model")).isEqualTo(embed);
        assertThat(TestDatabase.count("select count(*) from gateway_usage where model = ? and prompt_tokens = 8", embed))
                .isEqualTo(1);
    }

    @Test
    void callsAreChargedAtTheirMeteredCostAndUnaffordableOnesAre402() throws Exception {
        // every new account is granted 100 POV; 10^21 base units per million tokens = 0.001 POV per token
        String priced = market.publish("priced-" + suffix(), upstream.baseUrl(), "echo", List.of("CHAT"), true,
                "1000000000000000000000", "0");
        String unaffordable = market.publish("pricey-" + suffix(), upstream.baseUrl(), "echo", List.of("CHAT"), true,
                "1000000000000000000000000000", "0");
        java.math.BigInteger grant = new java.math.BigInteger("100000000000000000000");
        assertThat(available(client.get("api/ledger/wallet", key))).isEqualTo(grant);

        Reply refused = client.postJson("v1/chat/completions", HI.formatted(unaffordable, ""), key);
        expectError(refused, 402, "insufficient_balance");
        assertThat(upstream.received()).as("refused before any upstream call").isEmpty();

        Reply paid = client.postJson("v1/chat/completions", HI.formatted(priced, ""), key);
        assertThat(paid.status()).isEqualTo(200);
        // the fake upstream reports 11 prompt tokens: 11 x 10^21 / 10^6
        java.math.BigInteger cost = new java.math.BigInteger("11000000000000000");
        await().atMost(Duration.ofSeconds(20)).until(() -> available(client.get("api/ledger/wallet", key))
                .equals(grant.subtract(cost)));
        JsonObject wallet = client.get("api/ledger/wallet", key).json().getJsonObject("spendable");
        assertThat(wallet.getString("pendingDebits")).isEqualTo("0");
        // no nodes or data contributors on this call: the creator gets all but the treasury's 5 %
        await().atMost(Duration.ofSeconds(20)).until(() -> new java.math.BigInteger(market.creator()
                .get("api/ledger/wallet", null).json().getJsonObject("earnings").getString("posted"))
                .compareTo(new java.math.BigInteger("10450000000000000")) >= 0);
    }

    private static java.math.BigInteger available(Reply wallet) {
        assertThat(wallet.status()).as(wallet.body()).isEqualTo(200);
        return new java.math.BigInteger(wallet.json().getJsonObject("spendable").getString("available"));
    }

    private List<String> sse(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        response.body().filter(line -> line.startsWith("data: ")).forEach(line -> events.add(line.substring(6)));
        return events;
    }

    private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve("v1/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expectError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonObject error = reply.json().getJsonObject("error");
        assertThat(error.getString("message")).isNotBlank().doesNotContain("Exception");
        assertThat(error.getString("type")).isNotBlank();
        if (code != null) {
            assertThat(error.getString("code")).isEqualTo(code);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
