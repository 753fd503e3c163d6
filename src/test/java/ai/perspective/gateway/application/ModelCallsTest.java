package ai.perspective.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ModelCallsTest {

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
}
