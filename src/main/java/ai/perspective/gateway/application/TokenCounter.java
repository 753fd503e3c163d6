package ai.perspective.gateway.application;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Counts tokens with the cl100k_base BPE (jtokkit) when an upstream answers without
 * {@code usage}. Chat prompts follow OpenAI's accounting: 3 tokens per message plus its content
 * and name, and 3 to prime the reply.
 */
@ApplicationScoped
public class TokenCounter {

    private volatile Encoding encoding;

    public int text(String text) {
        return text == null || text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    public int chatPrompt(JsonArray messages) {
        int tokens = 3;
        for (JsonValue value : messages) {
            tokens += 3;
            if (value instanceof JsonObject message) {
                tokens += text(message.getString("role", ""));
                tokens += content(message.get("content"));
                if (message.containsKey("name")) {
                    tokens += 1 + text(message.getString("name", ""));
                }
            }
        }
        return tokens;
    }

    /** Content is a string or an array of parts; only text parts count. */
    public int content(JsonValue content) {
        if (content instanceof JsonString s) {
            return text(s.getString());
        }
        int tokens = 0;
        if (content instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject p && p.get("text") instanceof JsonString t) {
                    tokens += text(t.getString());
                }
            }
        }
        return tokens;
    }

    /** Embedding input: a string or an array of strings. */
    public int input(JsonValue input) {
        if (input instanceof JsonString s) {
            return text(s.getString());
        }
        int tokens = 0;
        if (input instanceof JsonArray items) {
            for (JsonValue item : items) {
                if (item instanceof JsonString s) {
                    tokens += text(s.getString());
                }
            }
        }
        return tokens;
    }

    private Encoding encoding() {
        Encoding e = encoding;
        if (e == null) {
            e = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
            encoding = e;
        }
        return e;
    }
}
