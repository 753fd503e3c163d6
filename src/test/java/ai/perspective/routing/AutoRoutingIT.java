package ai.perspective.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.support.DeployedHub;
import ai.perspective.support.FakeUpstream;
import ai.perspective.support.HubClient;
import ai.perspective.support.HubClient.Reply;
import ai.perspective.support.Marketplace;
import ai.perspective.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * perspective/auto in the real server on PostgreSQL: a cooking and a travel specialist, an
 * astronomy specialist whose server fails, and a general model, all behind a fake upstream with
 * real in-process MiniLM embeddings. The allowed-model list keeps each test to its own models
 * (other ITs publish chat models into the same hub).
 */
class AutoRoutingIT extends DeployedHub {

    private static final List<String> COOKING = List.of("How long should I bake banana bread?",
            "What can I cook for dinner with chicken and rice?", "How do I make a tomato pasta sauce from scratch?",
            "Give me a recipe for vegetable soup", "How many minutes do I boil an egg for a soft yolk?",
            "What temperature should the oven be for roasting potatoes?", "How do I knead pizza dough?",
            "Substitute for butter in cookies", "How do I caramelize onions?", "Best way to season a cast iron pan",
            "How much salt goes into bread dough?", "Recipe for chocolate chip cookies");
    private static final List<String> TRAVEL = List.of("Book me a flight from Paris to Tokyo",
            "What documents do I need to travel to Canada?", "Find a cheap hotel near the beach in Lisbon",
            "How early should I arrive at the airport for an international flight?", "Do I need a visa for Japan?",
            "What is the baggage allowance on a budget airline?", "Suggest a two week itinerary for Italy",
            "How do I get from the airport to the city centre in Berlin?", "Can I change my train ticket?",
            "Which travel insurance covers cancelled flights?", "Rent a car in Iceland", "Best time of year to visit Peru");
    private static final List<String> ASTRONOMY = List.of("How far away is the Andromeda galaxy?",
            "Why does Mars look red through a telescope?", "When is the next total solar eclipse?",
            "How many moons does Jupiter have?", "What is a neutron star?", "How do black holes form?",
            "What telescope should I buy to see Saturn's rings?", "Why do stars twinkle at night?",
            "How long does light from the Sun take to reach Earth?", "What is the Milky Way made of?",
            "What causes a meteor shower?", "How big is the observable universe?");
    private static final List<String> GENERAL = List.of("Tell me something interesting", "Help me with a question",
            "Can you explain this to me?", "I have a general question", "What do you think about this?",
            "Write a short poem", "Summarize this paragraph", "Translate hello into Spanish",
            "Give me some advice", "What's a good name for a cat?", "Tell me a joke", "Answer a quick question");

    FakeUpstream upstream;
    Marketplace market;
    HubClient client;
    String key;
    String cook;
    String travel;
    String astro;
    String general;

    @BeforeEach
    void marketplace() throws Exception {
        upstream = new FakeUpstream();
        market = new Marketplace(base);
        client = new HubClient(base.toURI());
        key = market.userWithKey("router-user");
        String s = UUID.randomUUID().toString().substring(0, 8);
        cook = market.publishChat("cook-" + s, upstream, "echo", "A chef: recipes, baking and cooking questions.", COOKING,
                3_000_000, 5_000_000);
        travel = market.publishChat("travel-" + s, upstream, "echo", "A travel agent: flights, hotels, visas.", TRAVEL,
                1_000, 2_000);
        astro = market.publishChat("astro-" + s, upstream, "fail", "An astronomer: stars, planets, telescopes.", ASTRONOMY,
                1_000, 2_000);
        general = market.publishChat("general-" + s, upstream, "echo", "A general assistant for anything.", GENERAL,
                2_000, 4_000);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            Reply routing = market.creator().get("api/routing", null);
            return routing.status() == 200 && routing.json().getJsonArray("models").getValuesAs(
                    jakarta.json.JsonString::getString).containsAll(List.of(cook, travel, astro, general));
        });
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    private String auto(String prompt, String extra) {
        return Json.createObjectBuilder().add("model", "perspective/auto")
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", prompt)))
                .build().toString().replaceFirst("}$", extra + "}");
    }

    private String allowing(String... models) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String m : models) {
            list.add(m);
        }
        return ",\"perspective\":" + Json.createObjectBuilder().add("models", list).build();
    }

    @Test
    void autoAnswersWithTheFittingSpecialistExplainsWhyAndChargesItsPrice() {
        Reply reply = client.postJson("v1/chat/completions",
                auto("How long do I bake a loaf of banana bread in the oven?", allowing(cook, travel, general)), key);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.getString("model")).isEqualTo(cook);
        String requestId = reply.raw().headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(reply.raw().headers().firstValue("X-Perspective-Decision")).contains(requestId);
        String candidates = reply.raw().headers().firstValue("X-Perspective-Candidates").orElseThrow();
        assertThat(candidates).startsWith(cook + ";score=").contains(travel).contains(general).doesNotContain(astro);
        assertThat(reply.raw().headers().firstValue("X-Perspective-Route").orElseThrow())
                .contains("model=" + cook).contains("decision=" + requestId);
        assertThat(upstream.received().getLast().body().containsKey("perspective")).as("steering is not forwarded").isFalse();

        // charged at the chosen model's price
        JsonObject usage = answer.getJsonObject("usage");
        BigInteger expected = ceilPerMillion(BigInteger.valueOf(usage.getInt("prompt_tokens")).multiply(BigInteger.valueOf(3_000_000))
                .add(BigInteger.valueOf(usage.getInt("completion_tokens")).multiply(BigInteger.valueOf(5_000_000))));
        assertThat(TestDatabase.count("select count(*) from gateway_usage where id = ?::uuid and model = ? and cost = ?"
                + " and outcome = 'SUCCEEDED'", requestId, cook, new java.math.BigDecimal(expected))).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from routing_decision where id = ?::uuid and chosen_model = ?"
                + " and answered_model = ?", requestId, cook, cook)).isEqualTo(1);

        // the header is the other documented way to restrict candidates
        HttpResponse<String> viaHeader = send(HttpRequest.newBuilder(uri("v1/chat/completions"))
                .header("X-Perspective-Models", cook + ", " + travel + "," + general)
                .POST(HttpRequest.BodyPublishers.ofString(auto("Do I need a visa to fly to Japan?", ""))));
        assertThat(viaHeader.statusCode()).as(viaHeader.body()).isEqualTo(200);
        assertThat(Json.createReader(new java.io.StringReader(viaHeader.body())).readObject().getString("model")).isEqualTo(travel);
    }

    @Test
    void streamingNamesTheModelInEveryChunkAndTheHeaders() {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(auto("Give me a recipe for tomato soup",
                        allowing(cook, travel, general) + ",\"stream\":true"))));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("X-Perspective-Candidates").orElseThrow()).startsWith(cook + ";");
        List<String> events = reply.body().lines().filter(l -> l.startsWith("data: {")).toList();
        assertThat(events).isNotEmpty().allMatch(e -> e.contains("\"model\":\"" + cook + "\""));
        assertThat(reply.body()).contains("data: [DONE]");
    }

    @Test
    void whenTheChosenModelFailsTheNextCandidateAnswersAndTheChainIsRecorded() {
        Reply reply = client.postJson("v1/chat/completions",
                auto("Which telescope should I buy to see the rings of Saturn?", allowing(astro, general)), key);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getString("model")).isEqualTo(general);
        assertThat(reply.raw().headers().firstValue("X-Perspective-Failed")).contains(astro + ";status=502");
        assertThat(reply.raw().headers().firstValue("X-Perspective-Route").orElseThrow())
                .contains("model=" + general).contains("chosen=" + astro);
        String requestId = reply.raw().headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(TestDatabase.count("select count(*) from gateway_usage where id = ?::uuid and model = ? and outcome = 'SUCCEEDED'",
                requestId, general)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from routing_decision where id = ?::uuid and chosen_model = ?"
                + " and answered_model = ? and attempts = ?", requestId, astro, general, astro + ":502 " + general + ":200"))
                .isEqualTo(1);
    }

    @Test
    void aFallbackTheBalanceCannotCoverIsLeftOutOfTheChainNotTheCall() {
        // a fallback candidate one call of which could cost more than the user's whole balance (100 POV = 10^20 base
        // units). It is another specialist, so the cook is the router's choice whatever the other tests left on the hub:
        // two equally good cooks would be ranked by the classifier's arbitrary split between them, and by a price
        // relative to the dearest model published so far.
        String pricey = market.publishChat("pricey-travel-" + UUID.randomUUID().toString().substring(0, 8), upstream, "echo",
                "A travel agent: flights, hotels, visas.", TRAVEL, BigInteger.TEN.pow(24), BigInteger.TEN.pow(24));
        await().atMost(Duration.ofSeconds(120)).until(() -> market.creator().get("api/routing", null).body().contains(pricey));

        Reply reply = client.postJson("v1/chat/completions", auto("Give me a recipe for chocolate chip cookies",
                allowing(cook, pricey)), key);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getString("model")).isEqualTo(cook);
        assertThat(reply.raw().headers().firstValue("X-Perspective-Candidates").orElseThrow()).contains(pricey);

        Reply onlyPricey = client.postJson("v1/chat/completions", auto("Give me a recipe for chocolate chip cookies",
                allowing(pricey)), key);
        assertThat(onlyPricey.status()).isEqualTo(402);
        assertThat(onlyPricey.json().getJsonObject("error").getString("code")).isEqualTo("insufficient_balance");
    }

    @Test
    void badSteeringIsAnOpenAiShaped4xx() {
        Reply unknown = client.postJson("v1/chat/completions", auto("hello", allowing(cook, "nobody/nothing")), key);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().getJsonObject("error").getString("param")).isEqualTo("perspective.models");
        assertThat(unknown.json().getJsonObject("error").getString("code")).isEqualTo("model_not_found");

        Reply costly = client.postJson("v1/chat/completions", auto("hello", ",\"perspective\":{\"cost_weight\":1.5}"), key);
        assertThat(costly.status()).isEqualTo(400);
        assertThat(costly.json().getJsonObject("error").getString("param")).isEqualTo("perspective.cost_weight");

        Reply embeddings = client.postJson("v1/embeddings", "{\"model\":\"perspective/auto\",\"input\":\"x\"}", key);
        assertThat(embeddings.status()).isEqualTo(400);

        Reply noUser = client.postJson("v1/chat/completions",
                "{\"model\":\"perspective/auto\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"}]}", key);
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.json().getJsonObject("error").getString("param")).isEqualTo("messages");

        Reply models = client.get("v1/models", key);
        assertThat(models.json().getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo("perspective/auto");
    }

    @Test
    void usersRateTheirRoutedAnswersOnceAndTheRatingIsTheirs() {
        Reply reply = client.postJson("v1/chat/completions",
                auto("What can I cook for dinner with chicken?", allowing(cook, travel, general)), key);
        String responseId = reply.raw().headers().firstValue("X-Request-Id").orElseThrow();
        String rating = "{\"responseId\":\"%s\",\"helpful\":%s,\"reason\":\"%s\"}";

        Reply rated = client.postJson("api/feedback", rating.formatted(responseId, "false", "too short"), key);
        assertThat(rated.status()).as(rated.body()).isEqualTo(201);
        assertThat(rated.json().getString("model")).isEqualTo(cook);
        assertThat(rated.json().getBoolean("learned")).isTrue();
        assertThat(client.postJson("api/feedback", rating.formatted(responseId, "false", "too short"), key).status())
                .as("the same rating again changes nothing").isEqualTo(200);
        Reply changed = client.postJson("api/feedback", rating.formatted(responseId, "true", "fine"), key);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.contentType()).startsWith("application/problem+json");
        assertThat(changed.json().getString("type")).endsWith("already-rated");

        assertThat(TestDatabase.count("select count(*) from vault_contribution c join gateway_usage u on u.account_id = c.owner_id"
                + " where c.kind = 'routing-feedback' and c.reference = ? and u.id = ?::uuid and c.content like '%\"helpful\":false%'"
                + " and c.content like '%chicken%'", responseId, responseId)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from routing_decision where id = ?::uuid and helpful = false", responseId))
                .isEqualTo(1);

        String otherKey = market.userWithKey("someone-else");
        Reply notYours = client.postJson("api/feedback", rating.formatted(responseId, "true", ""), otherKey);
        assertThat(notYours.status()).isEqualTo(403);
        Reply unknown = client.postJson("api/feedback", rating.formatted(UUID.randomUUID(), "true", ""), key);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("type")).endsWith("unknown-response");
        Reply wrongModel = client.postJson("api/feedback", "{\"responseId\":\"" + responseId + "\",\"model\":\"" + travel
                + "\",\"helpful\":true}", key);
        assertThat(wrongModel.status()).isEqualTo(400);
        assertThat(client.postJson("api/feedback", "{\"responseId\":\"" + responseId + "\"}", key).status()).isEqualTo(400);
    }

    @Test
    void adminsSetTheGeneralModelAndSeeTheFigures() {
        Reply set = market.creator().putJson("api/routing/general-model", "{\"generalModel\":\"" + general + "\"}", null);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getString("generalModelSetting")).isEqualTo(general);
        await().atMost(Duration.ofSeconds(60)).until(() -> general.equals(
                market.creator().get("api/routing", null).json().getString("generalModel", null)));
        assertThat(set.json().getJsonObject("figures").getJsonNumber("decisions").longValue()).isGreaterThanOrEqualTo(0);

        Reply notChat = market.creator().putJson("api/routing/general-model", "{\"generalModel\":\"nobody/nothing\"}", null);
        assertThat(notChat.status()).isEqualTo(400);
        assertThat(client.get("api/routing", key).status()).isEqualTo(403);
    }

    private static BigInteger ceilPerMillion(BigInteger scaled) {
        BigInteger[] q = scaled.divideAndRemainder(BigInteger.valueOf(1_000_000));
        return q[1].signum() == 0 ? q[0] : q[0].add(BigInteger.ONE);
    }

    private java.net.URI uri(String path) {
        try {
            return base.toURI().resolve(path);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
