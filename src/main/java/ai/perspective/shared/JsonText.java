package ai.perspective.shared;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** JSON text held in memory, read without the per-reader costs of reading it from a stream. */
public final class JsonText {

    /** Looked up once: {@code Json.*} would search for a provider on every call. */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private JsonText() {
    }

    /**
     * Reads UTF-8 JSON text. Through a String on purpose: a reader over bytes decodes them with a
     * stream decoder of its own, an 8 KB buffer per reader (twice per call on the gateway's path).
     *
     * @throws JsonException when the text is not JSON
     */
    public static JsonStructure read(byte[] utf8) {
        return read(new String(utf8, StandardCharsets.UTF_8));
    }

    /**
     * Reads JSON text. The reader is closed, which gives its buffer (8 KB) back to the provider's
     * pool; a reader left open leaves it to the garbage collector, once per event of a stream.
     *
     * @throws JsonException when the text is not JSON (also where the parser itself throws
     *         {@link IllegalStateException}, so callers catch one exception)
     */
    public static JsonStructure read(String text) {
        try (var reader = JSON_P.createReader(new StringReader(text))) {
            return reader.read();
        } catch (IllegalStateException e) {
            throw new JsonException("Not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads JSON text that must be an object, as {@link #read(String)}.
     *
     * @throws JsonException when the text is not JSON or not an object
     */
    public static JsonObject readObject(String text) {
        if (read(text) instanceof JsonObject object) {
            return object;
        }
        throw new JsonException("Not a JSON object");
    }
}
