package ai.perspective.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.HubClient.Reply;
import ai.perspective.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog REST API in the real WAR on the provisioned server, against PostgreSQL and the Lucene index. */
@ExtendWith(ArquillianExtension.class)
class CatalogApiIT {

    static final String SECRET = "sk-upstream-" + UUID.randomUUID();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Hub.war();
    }

    @ArquillianResource
    URL base;

    HubClient creator;
    String handle;
    String word;

    @BeforeEach
    void creator() throws Exception {
        word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        creator = signedIn("Creator " + word, "CREATOR");
        handle = "creator-" + word;
    }

    HubClient signedIn(String name, String role) throws Exception {
        HubClient client = new HubClient(base.toURI());
        String email = Hub.uniqueEmail("catalog");
        assertThat(client.signUp(email, name, Hub.PASSWORD).status()).isEqualTo(201);
        if (role != null) {
            TestDatabase.grantRole(email, role);
        }
        assertThat(client.login(email, Hub.PASSWORD).status()).isEqualTo(302);
        return client;
    }

    static JsonObjectBuilder model(String name) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("title", "Summarizer " + name)
                .add("description", "Turns long text into **short** text. <script>alert(1)</script>")
                .add("tasks", Json.createArrayBuilder().add("chat").add("CLASSIFICATION"))
                .add("licence", "Apache-2.0")
                .add("contextLength", 8192)
                .add("inputPricePerMillion", new java.math.BigInteger("25000000000000000000"))
                .add("outputPricePerMillion", 2000)
                .add("serving", Json.createObjectBuilder().add("kind", "EXTERNAL")
                        .add("baseUrl", "https://api.example.com/v1").add("upstreamModel", "sum-7b"))
                .add("upstreamSecret", SECRET);
    }

    Reply search(HubClient client, String query) {
        return client.get("api/models?" + query, null);
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void creatorCreatesPublishesAndAnyoneFindsTheModel() throws Exception {
        Reply created = creator.postJson("api/models", model("summarizer").add("title", "Summarizer " + word)
                .build().toString(), null);

        assertThat(created.status()).isEqualTo(201);
        JsonObject card = created.json();
        String id = handle + "/summarizer";
        assertThat(card.getString("id")).isEqualTo(id);
        assertThat(card.getString("status")).isEqualTo("DRAFT");
        assertThat(card.getString("creatorName")).isEqualTo("Creator " + word);
        assertThat(card.getJsonArray("tasks").getValuesAs(jakarta.json.JsonString::getString)).containsExactly("CHAT", "CLASSIFICATION");
        assertThat(card.getJsonNumber("inputPricePerMillion").bigIntegerValue()).isEqualTo(new java.math.BigInteger("25000000000000000000"));
        assertThat(card.getJsonObject("serving").getString("baseUrl")).isEqualTo("https://api.example.com/v1");
        assertThat(created.body()).doesNotContain(SECRET).doesNotContain("upstreamSecret");
        assertThat(created.raw().headers().firstValue("Location").orElseThrow()).endsWith("/api/models/" + id);

        HubClient anonymous = new HubClient(base.toURI());
        assertThat(anonymous.get("api/models/" + id, null).status()).as("a draft is invisible to others").isEqualTo(404);
        assertThat(search(anonymous, "q=" + word).json().getJsonNumber("total").longValue()).isZero();

        Reply published = creator.post("api/models/" + id + "/publish", "application/json", "", null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().getString("status")).isEqualTo("PUBLISHED");

        Reply page = anonymous.get("api/models/" + id, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(SECRET);

        // full text over title, description and tags (stemmed), plus facets
        JsonObject found = search(anonymous, "q=" + q("summarizers " + word)).json();
        assertThat(found.getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(found.getJsonArray("models").getJsonObject(0).getString("id")).isEqualTo(id);
        assertThat(search(anonymous, "q=" + q("short " + word)).json().getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(search(anonymous, "q=" + q("classification " + word)).json().getJsonNumber("total").longValue()).isEqualTo(1);
        JsonObject faceted = search(anonymous, "creator=" + handle).json();
        assertThat(faceted.getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(faceted.getJsonArray("licences").toString()).contains("\"Apache-2.0\"");
        assertThat(faceted.getJsonArray("tasks").toString()).contains("\"CHAT\"").contains("\"CLASSIFICATION\"");
        assertThat(faceted.getJsonArray("creators").toString()).contains("\"" + handle + "\"");
        assertThat(search(anonymous, "creator=" + handle + "&task=embeddings").json().getJsonNumber("total").longValue()).isZero();
        assertThat(search(anonymous, "creator=" + handle + "&licence=MIT").json().getJsonNumber("total").longValue()).isZero();
        assertThat(search(anonymous, "creator=" + handle + "&maxInputPrice=24999999999999999999").json()
                .getJsonNumber("total").longValue()).as("exact price bound above a long").isZero();
        assertThat(search(anonymous, "creator=" + handle + "&maxInputPrice=25000000000000000000").json()
                .getJsonNumber("total").longValue()).isEqualTo(1);

        Reply unpublished = creator.post("api/models/" + id + "/unpublish", "application/json", "", null);
        assertThat(unpublished.json().getString("status")).isEqualTo("DRAFT");
        assertThat(search(anonymous, "creator=" + handle).json().getJsonNumber("total").longValue()).isZero();
    }

    @Test
    void sortingByPriceNewestAndMine() throws Exception {
        for (String[] m : new String[][] {{"pricey", "900"}, {"cheap", "100"}, {"middle", "500"}}) {
            Reply created = creator.postJson("api/models", model(m[0]).add("inputPricePerMillion", Integer.parseInt(m[1]))
                    .build().toString(), null);
            assertThat(created.status()).isEqualTo(201);
            assertThat(creator.post("api/models/" + handle + "/" + m[0] + "/publish", "application/json", "", null).status())
                    .isEqualTo(200);
        }
        assertThat(ids(search(creator, "creator=" + handle + "&sort=cheapest")))
                .containsExactly(handle + "/cheap", handle + "/middle", handle + "/pricey");
        assertThat(ids(search(creator, "creator=" + handle + "&sort=newest")))
                .containsExactly(handle + "/middle", handle + "/cheap", handle + "/pricey");
        assertThat(ids(search(creator, "creator=" + handle + "&sort=most_used&limit=2"))).hasSize(2);

        JsonArray mine = Json.createReader(new StringReader(creator.get("api/models/mine", null).body())).readArray();
        assertThat(mine.getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")))
                .containsExactly(handle + "/middle", handle + "/cheap", handle + "/pricey");
    }

    static java.util.List<String> ids(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().getJsonArray("models").getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList();
    }

    static Stream<Arguments> badModels() {
        return Stream.of(
                Arguments.of(model("x").remove("title"), "title", "missing-field"),
                Arguments.of(model("Bad Name"), "name", "invalid-model-name"),
                Arguments.of(model("x").add("tasks", Json.createArrayBuilder().add("dancing")), "tasks", "unknown-task"),
                Arguments.of(model("x").add("tasks", JsonValue.EMPTY_JSON_ARRAY), "tasks", "missing-field"),
                Arguments.of(model("x").add("licence", "do what you want"), "licence", "unknown-licence"),
                Arguments.of(model("x").add("contextLength", -5), "contextLength", "invalid-context-length"),
                Arguments.of(model("x").add("inputPricePerMillion", -1), "inputPricePerMillion", "invalid-price"),
                Arguments.of(model("x").remove("outputPricePerMillion"), "outputPricePerMillion", "missing-field"),
                Arguments.of(model("x").add("serving", Json.createObjectBuilder().add("kind", "EXTERNAL")
                        .add("baseUrl", "file:///etc/passwd").add("upstreamModel", "m")), "baseUrl", "invalid-url"),
                Arguments.of(model("x").add("serving", Json.createObjectBuilder().add("kind", "TELEPATHY")), "serving", "invalid-serving"),
                Arguments.of(model("x").add("contextLength", "big"), null, "malformed-request"));
    }

    @ParameterizedTest
    @MethodSource("badModels")
    void badInputIsA400ProblemAndWritesNothing(JsonObjectBuilder body, String field, String type) throws Exception {
        HubClient fresh = signedIn("Fresh " + word, "CREATOR");
        Reply reply = fresh.postJson("api/models", body.build().toString(), null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("type")).isEqualTo("/problems/" + type);
        assertThat(reply.json().getString("detail")).isNotBlank().doesNotContain("Exception");
        if (field != null) {
            assertThat(reply.json().getString("field")).isEqualTo(field);
        }
        assertThat(TestDatabase.count("select count(*) from catalog_creator where handle like ?", "fresh-" + word + "%"))
                .as("not even a handle is left behind").isZero();
    }

    @Test
    void onlyCreatorsCreateAndOnlyTheOwnerChanges() throws Exception {
        HubClient user = signedIn("Plain " + word, null);
        Reply notCreator = user.postJson("api/models", model("mine").build().toString(), null);
        assertThat(notCreator.status()).isEqualTo(403);
        assertThat(notCreator.contentType()).startsWith("application/problem+json");
        assertThat(new HubClient(base.toURI()).postJson("api/models", model("mine").build().toString(), null).status())
                .isEqualTo(401);

        String id = handle + "/owned";
        assertThat(creator.postJson("api/models", model("owned").build().toString(), null).status()).isEqualTo(201);
        Reply duplicate = creator.postJson("api/models", model("owned").build().toString(), null);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().getString("type")).isEqualTo("/problems/duplicate-model");

        HubClient rival = signedIn("Rival " + word, "CREATOR");
        assertThat(rival.post("api/models/" + id + "/publish", "application/json", "", null).status())
                .as("someone else's draft does not exist for them").isEqualTo(404);
        creator.post("api/models/" + id + "/publish", "application/json", "", null);
        Reply edit = rival.putJson("api/models/" + id, model("owned").add("title", "Hijacked").build().toString(), null);
        assertThat(edit.status()).isEqualTo(403);
        assertThat(rival.post("api/models/" + id + "/unpublish", "application/json", "", null).status()).isEqualTo(403);
        assertThat(TestDatabase.count("select count(*) from catalog_model where id = ? and title = 'Hijacked'", id)).isZero();

        Reply own = creator.putJson("api/models/" + id,
                model("owned").add("title", "Better title").remove("upstreamSecret").build().toString(), null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().getString("title")).isEqualTo("Better title");
        assertThat(own.json().getString("status")).isEqualTo("PUBLISHED");
        assertThat(TestDatabase.count("select count(*) from catalog_model where id = ? and secret_ciphertext is not null", id))
                .as("a missing secret keeps the stored one").isEqualTo(1);
    }

    @Test
    void adminsDelistAndReinstate() throws Exception {
        String id = handle + "/delisted";
        creator.postJson("api/models", model("delisted").build().toString(), null);
        creator.post("api/models/" + id + "/publish", "application/json", "", null);
        HubClient admin = signedIn("Admin " + word, "ADMIN");

        assertThat(creator.postJson("api/models/" + id + "/delist", "{\"reason\":\"spam\"}", null).status()).isEqualTo(403);
        Reply noReason = admin.postJson("api/models/" + id + "/delist", "{}", null);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().getString("field")).isEqualTo("reason");
        Reply delisted = admin.postJson("api/models/" + id + "/delist", "{\"reason\":\"Impersonates another model\"}", null);
        assertThat(delisted.json().getString("status")).isEqualTo("DELISTED");
        assertThat(search(admin, "creator=" + handle).json().getJsonNumber("total").longValue()).isZero();

        Reply republish = creator.post("api/models/" + id + "/publish", "application/json", "", null);
        assertThat(republish.status()).isEqualTo(409);
        assertThat(republish.json().getString("type")).isEqualTo("/problems/model-delisted");

        assertThat(admin.post("api/models/" + id + "/reinstate", "application/json", "", null).json().getString("status"))
                .isEqualTo("DRAFT");
        assertThat(creator.post("api/models/" + id + "/publish", "application/json", "", null).status()).isEqualTo(200);
    }

    @Test
    void theUpstreamSecretIsStoredEncryptedAndNeverReturned() {
        String id = handle + "/secretive";
        assertThat(creator.postJson("api/models", model("secretive").build().toString(), null).status()).isEqualTo(201);
        creator.post("api/models/" + id + "/publish", "application/json", "", null);

        assertThat(TestDatabase.count("select count(*) from catalog_model where id = ? and secret_ciphertext like 'v1:%'", id))
                .isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from catalog_model where secret_ciphertext like ?", "%" + SECRET + "%"))
                .isZero();
        for (String path : new String[] {"api/models/" + id, "api/models/mine", "api/models?creator=" + handle}) {
            assertThat(creator.get(path, null).body()).as(path).doesNotContain(SECRET).doesNotContain("upstreamSecret");
        }
    }

    @Test
    void facetCountsFollowEveryChangeOfTheIndex() throws Exception {
        HubClient anonymous = new HubClient(base.toURI());
        assertThat(creator.postJson("api/models", model("first").build().toString(), null).status()).isEqualTo(201);
        creator.post("api/models/" + handle + "/first/publish", "application/json", "", null);
        // asked twice: the second answer may come from counts kept for these filters
        for (int i = 0; i < 2; i++) {
            JsonObject once = search(anonymous, "creator=" + handle + "&sort=newest").json();
            assertThat(facet(once, "licences", "Apache-2.0")).isEqualTo(1);
            assertThat(facet(once, "licences", "MIT")).isZero();
        }

        assertThat(creator.postJson("api/models", model("second").add("licence", "MIT")
                .add("tasks", Json.createArrayBuilder().add("embeddings")).build().toString(), null).status()).isEqualTo(201);
        creator.post("api/models/" + handle + "/second/publish", "application/json", "", null);
        JsonObject added = search(anonymous, "creator=" + handle + "&sort=cheapest").json();
        assertThat(added.getJsonNumber("total").longValue()).isEqualTo(2);
        assertThat(facet(added, "licences", "MIT")).isEqualTo(1);
        assertThat(facet(added, "tasks", "EMBEDDINGS")).isEqualTo(1);

        assertThat(creator.putJson("api/models/" + handle + "/second", model("second").build().toString(), null).status())
                .isEqualTo(200);
        JsonObject edited = search(anonymous, "creator=" + handle).json();
        assertThat(facet(edited, "licences", "Apache-2.0")).isEqualTo(2);
        assertThat(facet(edited, "licences", "MIT")).isZero();
        assertThat(facet(edited, "tasks", "EMBEDDINGS")).isZero();

        creator.post("api/models/" + handle + "/first/unpublish", "application/json", "", null);
        JsonObject withdrawn = search(anonymous, "creator=" + handle).json();
        assertThat(withdrawn.getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(facet(withdrawn, "licences", "Apache-2.0")).isEqualTo(1);
    }

    static long facet(JsonObject result, String facet, String value) {
        return result.getJsonArray(facet).getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("value").equals(value))
                .mapToLong(f -> f.getJsonNumber("count").longValue()).sum();
    }

    @Test
    void badSearchParametersAre400s() throws Exception {
        HubClient anonymous = new HubClient(base.toURI());
        for (String[] bad : new String[][] {{"limit=0", "limit"}, {"limit=1000", "limit"}, {"offset=-1", "offset"},
                {"sort=loudest", "sort"}, {"task=dancing", "task"}, {"maxInputPrice=cheap", "maxInputPrice"},
                {"q=" + "x".repeat(300), "q"}, {"limit=ten", "limit"}}) {
            Reply reply = search(anonymous, bad[0]);
            assertThat(reply.status()).as(bad[0]).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("field")).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(search(anonymous, "q=" + q("unbalanced \"quote (")).status()).isEqualTo(200);
        assertThat(anonymous.get("api/models/no/such-model", null).status()).isEqualTo(404);
        assertThat(anonymous.get("api/models/Not%20An/Id", null).status()).isEqualTo(404);
    }
}
