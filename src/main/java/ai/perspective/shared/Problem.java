package ai.perspective.shared;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * An RFC 9457 problem detail, as the hub writes it on {@code /api}.
 *
 * @param type   a URI reference naming the kind of problem, stable across releases
 * @param title  a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what happened this time, for a human
 * @param field  the offending input field (extension member), or {@code null}
 */
public record Problem(String type, String title, int status, String detail, String field) {

    /** Looked up once: {@code Json.*} searches for a provider on every call (errors are answered often, e.g. to key floods). */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "/problems/";

    public static Problem of(HubException e) {
        return new Problem(TYPE_BASE + e.type(), title(e.kind().status()), e.kind().status(), e.getMessage(), e.field());
    }

    public static Problem of(int status, String type, String detail) {
        return new Problem(TYPE_BASE + type, title(status), status, detail, null);
    }

    /** The JSON text of this problem, for writers outside JAX-RS (e.g. the authentication mechanism). */
    public String toJson() {
        JsonObjectBuilder json = JSON_P.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        if (field != null) {
            json.add("field", field);
        }
        return json.build().toString();
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
