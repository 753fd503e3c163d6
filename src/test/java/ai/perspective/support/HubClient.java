package ai.perspective.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An HTTP client for the hub's REST API, with a cookie jar for a UI session when a test logs in. */
public final class HubClient {

    public record Reply(int status, String contentType, String body, HttpResponse<String> raw) {

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public JsonStructure anyJson() {
            return Json.createReader(new StringReader(body)).read();
        }
    }

    private final URI base;
    private final HttpClient http;

    public HubClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public Reply get(String path, String bearer) {
        return send(request(path, bearer).GET());
    }

    public Reply postJson(String path, String json, String bearer) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with one extra header, e.g. {@code Idempotency-Key}. */
    public Reply postJson(String path, String json, String header, String value) {
        return send(request(path, null).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply putJson(String path, String json, String bearer) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply post(String path, String contentType, String body, String bearer) {
        return send(request(path, bearer).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply delete(String path, String bearer) {
        return send(request(path, bearer).DELETE());
    }

    public Reply signUp(String email, String displayName, String password) {
        return postJson("api/accounts", Json.createObjectBuilder()
                .add("email", email).add("displayName", displayName).add("password", password)
                .build().toString(), null);
    }

    /** Logs in through the UI's form endpoint; the session cookie then authenticates this client. */
    public Reply login(String email, String password) {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return post("auth/login", "application/x-www-form-urlencoded", form, null);
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", bearer.contains(" ") ? bearer : "Bearer " + bearer);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
