package ai.perspective.shared;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * An error in OpenAI's shape, as the hub writes it on {@code /v1}: official clients map the HTTP
 * status to their error classes and show {@code message}.
 *
 * @param status  the HTTP status
 * @param message what happened and what to do, for a human
 * @param type    OpenAI's error type, e.g. {@code invalid_request_error}
 * @param param   the offending request field, or {@code null}
 * @param code    a stable machine code, e.g. {@code model_not_found}, or {@code null}
 */
public record OpenAiError(int status, String message, String type, String param, String code) {

    /** Looked up once: {@code Json.*} searches for a provider on every call (errors are answered often, e.g. to key floods). */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    public static OpenAiError invalidRequest(int status, String message, String param, String code) {
        return new OpenAiError(status, message, "invalid_request_error", param, code);
    }

    public static OpenAiError invalidApiKey(String message) {
        return new OpenAiError(401, message, "invalid_request_error", null, "invalid_api_key");
    }

    public String toJson() {
        JsonObjectBuilder error = JSON_P.createObjectBuilder().add("message", message).add("type", type);
        if (param == null) {
            error.addNull("param");
        } else {
            error.add("param", param);
        }
        if (code == null) {
            error.addNull("code");
        } else {
            error.add("code", code);
        }
        return JSON_P.createObjectBuilder().add("error", error).build().toString();
    }
}
