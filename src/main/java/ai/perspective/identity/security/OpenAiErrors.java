package ai.perspective.identity.security;

import jakarta.json.Json;

/** The OpenAI error body for a bad key, so official clients raise their AuthenticationError. */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    static String invalidApiKey(String message) {
        return Json.createObjectBuilder()
                .add("error", Json.createObjectBuilder()
                        .add("message", message)
                        .add("type", "invalid_request_error")
                        .addNull("param")
                        .add("code", "invalid_api_key"))
                .build()
                .toString();
    }
}
