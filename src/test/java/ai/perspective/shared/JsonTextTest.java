package ai.perspective.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void readsObjectsAndArraysFromTextAndFromUtf8Bytes() {
        assertEquals("héllo", JsonText.readObject("{\"a\":\"héllo\"}").getString("a"));
        assertEquals("héllo", ((JsonObject) JsonText.read("{\"a\":\"héllo\"}".getBytes(StandardCharsets.UTF_8)))
                .getString("a"));
        assertEquals(2, assertInstanceOf(JsonArray.class, JsonText.read("[1, 2]")).size());
    }

    @Test
    void anObjectIsRequiredWhereOneIsAskedFor() {
        JsonException notObject = assertThrows(JsonException.class, () -> JsonText.readObject("[1, 2]"));
        assertEquals("Not a JSON object", notObject.getMessage());
        assertThrows(JsonException.class, () -> JsonText.readObject("{\"a\":"));
        assertThrows(JsonException.class, () -> JsonText.readObject("data: not json"));
        assertThrows(JsonException.class, () -> JsonText.readObject(""));
    }
}
