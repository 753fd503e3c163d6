package ai.perspective.gateway.persistence;

import ai.perspective.gateway.ModelUsed;
import ai.perspective.identity.AccountId;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** The outbox payload of a {@link ModelUsed}: plain JSON, readable by people and other tools. */
final class ModelUsedJson {

    private static final JsonProvider JSON_P = JsonProvider.provider();

    private ModelUsedJson() {
    }

    static String write(ModelUsed e) {
        JsonObjectBuilder json = JSON_P.createObjectBuilder()
                .add("requestId", e.requestId().toString())
                .add("account", e.account().toString())
                .add("model", e.model())
                .add("creator", e.creator().toString())
                .add("promptTokens", e.promptTokens())
                .add("completionTokens", e.completionTokens())
                .add("tokensCounted", e.tokensCounted())
                .add("cost", e.cost().toString())
                .add("latencyMillis", e.latencyMillis())
                .add("outcome", e.outcome().name())
                .add("at", e.at().toString());
        if (e.apiKey() != null) {
            json.add("apiKey", e.apiKey().toString());
        }
        return json.build().toString();
    }

    static ModelUsed read(String text) {
        JsonObject json = JSON_P.createReader(new StringReader(text)).readObject();
        return new ModelUsed(UUID.fromString(json.getString("requestId")),
                AccountId.parse(json.getString("account")),
                json.containsKey("apiKey") ? UUID.fromString(json.getString("apiKey")) : null,
                json.getString("model"), AccountId.parse(json.getString("creator")),
                json.getInt("promptTokens"), json.getInt("completionTokens"), json.getBoolean("tokensCounted"),
                new BigInteger(json.getString("cost")), json.getJsonNumber("latencyMillis").longValue(), ModelUsed.Outcome.valueOf(json.getString("outcome")),
                Instant.parse(json.getString("at")));
    }
}
