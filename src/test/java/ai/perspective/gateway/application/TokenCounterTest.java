package ai.perspective.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    private final TokenCounter counter = new TokenCounter();

    @Test
    void countsCl100kTokens() {
        // cl100k_base: "hello world" is two tokens, "" none
        assertThat(counter.text("hello world")).isEqualTo(2);
        assertThat(counter.text("")).isZero();
        assertThat(counter.text(null)).isZero();
    }

    @Test
    void chatPromptsFollowOpenAisAccounting() {
        JsonArray messages = Json.createReader(new StringReader(
                "[{\"role\":\"system\",\"content\":\"hello world\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello world\"}]}]"))
                .readArray();
        // 3 priming + per message (3 + role + content): system=1, user=1 token roles; content 2 each
        assertThat(counter.chatPrompt(messages)).isEqualTo(3 + (3 + 1 + 2) + (3 + 1 + 2));
    }

    @Test
    void embeddingInputIsAStringOrStrings() {
        assertThat(counter.input(Json.createValue("hello world"))).isEqualTo(2);
        assertThat(counter.input(Json.createArrayBuilder().add("hello world").add("hello").build())).isEqualTo(3);
    }
}
