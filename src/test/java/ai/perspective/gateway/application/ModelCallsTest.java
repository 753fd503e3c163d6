package ai.perspective.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;

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
}
