package ai.perspective.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.net.URI;
import java.net.URL;
import java.util.List;

/**
 * Sets up the marketplace through its public APIs for gateway tests: a creator who publishes
 * models pointing at a {@link FakeUpstream}, and users with API keys.
 */
public final class Marketplace {

    private final URI base;
    private final HubClient creator;
    private final String creatorEmail;

    public Marketplace(URL base) throws Exception {
        this.base = base.toURI();
        this.creatorEmail = Hub.uniqueEmail("creator");
        this.creator = new HubClient(this.base);
        creator.signUp(creatorEmail, "Gateway Creator", Hub.PASSWORD);
        TestDatabase.grantRole(creatorEmail, "CREATOR");
        // built-in models run on the hub's own CPU: only administrators may offer one
        TestDatabase.grantRole(creatorEmail, "ADMIN");
        check(creator.login(creatorEmail, Hub.PASSWORD), 302);
    }

    /** Creates and publishes a model served by {@code upstream} as {@code upstreamModel}; returns its id. */
    public String publish(String name, FakeUpstream upstream, String upstreamModel, List<String> tasks) {
        return publish(name, upstream.baseUrl(), upstreamModel, tasks, true);
    }

    public String publish(String name, URI baseUrl, String upstreamModel, List<String> tasks, boolean publish) {
        return publish(name, baseUrl, upstreamModel, tasks, publish, "1000", "2000");
    }

    /** The creator's logged-in client, e.g. to read their earnings. */
    public HubClient creator() {
        return creator;
    }

    /** As above, at the given prices (POV base units per million input / output tokens). */
    public String publish(String name, URI baseUrl, String upstreamModel, List<String> tasks, boolean publish,
            String inputPricePerMillion, String outputPricePerMillion) {
        return publish(creator, name, baseUrl, upstreamModel, tasks, publish, inputPricePerMillion, outputPricePerMillion);
    }

    /**
     * As above, for a creator set up otherwise (a test with a server of its own, where the database
     * is not the shared test database): creates the model through the API, publishes it if asked.
     */
    public static String publish(HubClient creator, String name, URI baseUrl, String upstreamModel, List<String> tasks,
            boolean publish, String inputPricePerMillion, String outputPricePerMillion) {
        JsonArrayBuilder taskArray = Json.createArrayBuilder();
        tasks.forEach(taskArray::add);
        HubClient.Reply created = creator.postJson("api/models", Json.createObjectBuilder()
                .add("name", name)
                .add("title", "Test model " + name)
                .add("description", "A model for gateway tests.")
                .add("tasks", taskArray)
                .add("licence", "MIT")
                .add("contextLength", 8192)
                .add("inputPricePerMillion", new java.math.BigInteger(inputPricePerMillion))
                .add("outputPricePerMillion", new java.math.BigInteger(outputPricePerMillion))
                .add("serving", Json.createObjectBuilder().add("kind", "EXTERNAL").add("baseUrl", baseUrl.toString())
                        .add("upstreamModel", upstreamModel))
                .add("upstreamSecret", FakeUpstream.SECRET)
                .build().toString(), null);
        check(created, 201);
        String id = created.json().getString("id");
        if (publish) {
            check(creator.post("api/models/" + id + "/publish", "application/json", "", null), 200);
        }
        return id;
    }

    /**
     * Creates and publishes a chat model with a card and example prompts (what perspective/auto
     * routes by), at the given prices; returns its id.
     */
    public String publishChat(String name, FakeUpstream upstream, String upstreamModel, String description,
            List<String> examplePrompts, long inputPricePerMillion, long outputPricePerMillion) {
        return publishChat(name, upstream, upstreamModel, description, examplePrompts,
                java.math.BigInteger.valueOf(inputPricePerMillion), java.math.BigInteger.valueOf(outputPricePerMillion));
    }

    public String publishChat(String name, FakeUpstream upstream, String upstreamModel, String description,
            List<String> examplePrompts, java.math.BigInteger inputPricePerMillion, java.math.BigInteger outputPricePerMillion) {
        JsonArrayBuilder examples = Json.createArrayBuilder();
        examplePrompts.forEach(examples::add);
        HubClient.Reply created = creator.postJson("api/models", Json.createObjectBuilder()
                .add("name", name).add("title", "Model " + name).add("description", description)
                .add("tasks", Json.createArrayBuilder().add("CHAT")).add("licence", "MIT").add("contextLength", 8192)
                .add("inputPricePerMillion", inputPricePerMillion).add("outputPricePerMillion", outputPricePerMillion)
                .add("serving", Json.createObjectBuilder().add("kind", "EXTERNAL").add("baseUrl", upstream.baseUrl().toString())
                        .add("upstreamModel", upstreamModel))
                .add("upstreamSecret", FakeUpstream.SECRET)
                .add("examplePrompts", examples)
                .build().toString(), null);
        check(created, 201);
        String id = created.json().getString("id");
        check(creator.post("api/models/" + id + "/publish", "application/json", "", null), 200);
        return id;
    }

    /** Creates and publishes an embeddings model the hub computes itself; returns its id. */
    public String publishBuiltIn(String name, String engine) {
        HubClient.Reply created = creator.postJson("api/models", Json.createObjectBuilder()
                .add("name", name).add("title", "Built-in " + engine).add("description", "Embeddings computed by the hub.")
                .add("tasks", Json.createArrayBuilder().add("EMBEDDINGS")).add("licence", "Apache-2.0")
                .add("contextLength", 256).add("inputPricePerMillion", 1000).add("outputPricePerMillion", 0)
                .add("serving", Json.createObjectBuilder().add("kind", "BUILT_IN").add("engine", engine))
                .build().toString(), null);
        check(created, 201);
        String id = created.json().getString("id");
        check(creator.post("api/models/" + id + "/publish", "application/json", "", null), 200);
        return id;
    }

    /** A new user with an API key; returns the key's secret. */
    public String userWithKey(String who) {
        HubClient user = new HubClient(base);
        String email = Hub.uniqueEmail(who);
        check(user.signUp(email, who, Hub.PASSWORD), 201);
        check(user.login(email, Hub.PASSWORD), 302);
        HubClient.Reply key = user.postJson("api/keys", "{\"name\":\"gateway test\"}", null);
        check(key, 201);
        return key.json().getString("secret");
    }

    private static void check(HubClient.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("Expected HTTP " + status + " but got " + reply.status() + ": " + reply.body());
        }
    }
}
