package ai.perspective.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.support.FakeUpstream;
import ai.perspective.support.DeployedHub;
import ai.perspective.support.Hub;
import ai.perspective.support.Marketplace;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The official `openai` npm client (v6 on Node 20), unmodified, against the deployed hub. */
class OpenAiClientIT extends DeployedHub {

    @Test
    void officialClientListsChatsStreamsEmbedsAndGetsTheRightErrors() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream()) {
            Marketplace market = new Marketplace(base);
            String chat = market.publish("npm-chat", upstream, "echo", List.of("CHAT"));
            String embed = market.publishBuiltIn("npm-minilm", "all-MiniLM-L6-v2");
            String key = market.userWithKey("npm");

            await().atMost(java.time.Duration.ofSeconds(120)).until(() -> market.creator().get("api/routing", null).body()
                    .contains(chat));

            JsonObject seen = runClient(key, chat, embed);

            assertThat(seen.getJsonArray("models").toString()).contains(chat).contains(embed);
            assertThat(seen.getJsonObject("retrieved").getString("id")).isEqualTo(chat);
            assertThat(seen.getJsonObject("retrieved").getString("object")).isEqualTo("model");
            assertThat(seen.getJsonObject("retrieveMissing").getString("error")).isEqualTo("NotFoundError");
            JsonObject chatReply = seen.getJsonObject("chat");
            assertThat(chatReply.getString("model")).isEqualTo(chat);
            assertThat(chatReply.getString("content")).isEqualTo("echo: hello from the openai client");
            assertThat(chatReply.getJsonObject("usage").getInt("total_tokens")).isPositive();

            JsonObject stream = seen.getJsonObject("stream");
            assertThat(stream.getString("content")).isEqualTo("echo: stream these words please");
            assertThat(stream.getString("model")).isEqualTo(chat);
            assertThat(stream.getInt("chunks")).isGreaterThan(3);
            assertThat(stream.getJsonObject("usage").getInt("prompt_tokens")).isEqualTo(11);

            JsonObject embeddings = seen.getJsonObject("embeddings");
            assertThat(embeddings.getInt("count")).isEqualTo(2);
            assertThat(embeddings.getInt("dimensions")).as("all-MiniLM-L6-v2, decoded from base64 by the client").isEqualTo(384);
            assertThat(embeddings.getString("model")).isEqualTo(embed);

            JsonObject auto = seen.getJsonObject("auto");
            assertThat(auto.getString("model")).as("perspective/auto restricted to one model").isEqualTo(chat);
            assertThat(auto.getString("content")).isEqualTo("echo: route this request");
            assertThat(auto.getString("candidates")).startsWith(chat + ";score=");
            assertThat(auto.getString("decision")).isNotBlank();
            assertThat(seen.getJsonArray("models").getString(0)).isEqualTo("perspective/auto");

            assertThat(seen.getJsonObject("badKey").getString("error")).isEqualTo("AuthenticationError");
            assertThat(seen.getJsonObject("badKey").getInt("status")).isEqualTo(401);
            assertThat(seen.getJsonObject("unknownModel").getString("error")).isEqualTo("NotFoundError");
        }
    }

    private JsonObject runClient(String key, String chat, String embed) throws Exception {
        File dir = new File(System.getProperty("openai.client.dir", "src/test/node/openai-client"));
        ProcessBuilder node = new ProcessBuilder("node", "client.mjs").directory(dir).redirectErrorStream(false);
        node.environment().put("HUB_BASE_URL", base.toURI().resolve("v1").toString());
        node.environment().put("HUB_API_KEY", key);
        node.environment().put("CHAT_MODEL", chat);
        node.environment().put("EMBED_MODEL", embed);
        node.environment().put("AUTO_MODELS", chat);
        Process process = node.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the openai client did not finish in 120 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("node client.mjs failed: " + err).isZero();
        return Json.createReader(new StringReader(out.strip())).readObject();
    }
}
