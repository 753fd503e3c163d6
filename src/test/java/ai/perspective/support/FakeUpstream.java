package ai.perspective.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small OpenAI-compatible server for tests, on a free loopback port. What it does depends on
 * the upstream model name it is asked for:
 * <ul>
 *   <li>{@code echo}: answers "echo: <last user message>" with usage; streams it word by word</li>
 *   <li>{@code no-usage}: the same without a usage object (the hub must count tokens)</li>
 *   <li>{@code fail}: HTTP 500</li>
 *   <li>{@code reject}: HTTP 400 with an OpenAI error body</li>
 *   <li>{@code hang}: never answers until {@link #close()}</li>
 *   <li>{@code endless}: streams a chunk whenever the client reads, until the client goes away</li>
 * </ul>
 * Every request it received is kept, for assertions about what the hub forwarded.
 */
public final class FakeUpstream implements AutoCloseable {

    public static final String SECRET = "upstream-secret-123";

    private final HttpServer server;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong endlessEvents = new AtomicLong();

    public record Received(String path, String authorization, JsonObject body) {
    }

    public FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/embeddings", this::embeddings);
        server.start();
    }

    /** The base URL a model card points at. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Events written so far by all "endless" and "flood" streams: it stops growing when nobody reads them. */
    public long endlessEvents() {
        return endlessEvents.get();
    }

    private void chat(HttpExchange exchange) throws IOException {
        JsonObject body = read(exchange);
        String model = body.getString("model", "");
        switch (model) {
            case "fail" -> respond(exchange, 500, "{\"error\":{\"message\":\"boom\"}}");
            case "reject" -> respond(exchange, 400,
                    "{\"error\":{\"message\":\"temperature too high\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}");
            case "hang" -> {
                awaitClose();
                exchange.close();
            }
            case "endless" -> endless(exchange, "", true);
            case "flood" -> endless(exchange, "x".repeat(2048), false);
            default -> {
                String prompt = lastUserMessage(body);
                String answer = "echo: " + prompt;
                boolean usage = !model.equals("no-usage");
                if (body.getBoolean("stream", false)) {
                    stream(exchange, answer, usage && body.containsKey("stream_options"));
                } else {
                    JsonObject reply = Json.createObjectBuilder()
                            .add("id", "chatcmpl-fake").add("object", "chat.completion").add("created", 1)
                            .add("model", model)
                            .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                                    .add("message", Json.createObjectBuilder().add("role", "assistant").add("content", answer))
                                    .add("finish_reason", "stop")))
                            .build();
                    if (usage) {
                        reply = Json.createObjectBuilder(reply).add("usage", usage(11, answer.split(" ").length)).build();
                    }
                    respond(exchange, 200, reply.toString());
                }
            }
        }
    }

    private void stream(HttpExchange exchange, String answer, boolean usage) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            String[] words = answer.split(" ");
            for (int i = 0; i < words.length; i++) {
                String piece = i == 0 ? words[i] : " " + words[i];
                event(out, chunk(piece, null));
            }
            event(out, chunk(null, "stop"));
            if (usage) {
                event(out, Json.createObjectBuilder().add("id", "chatcmpl-fake").add("object", "chat.completion.chunk")
                        .add("created", 1).add("model", "echo").add("choices", Json.createArrayBuilder())
                        .add("usage", usage(11, words.length)).build().toString());
            }
            event(out, "[DONE]");
        }
    }

    /** Tokens until the hub hangs up: with pauses ("endless"), or as fast as they are read, each 2 KB long ("flood"). */
    private void endless(HttpExchange exchange, String padding, boolean pauses) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 1_000_000 && closing.getCount() > 0; i++) {
                event(out, chunk("token" + i + padding + " ", null));
                endlessEvents.incrementAndGet();
                if (pauses && i % 50 == 0) {
                    // a little time between bursts, so the hub sees the client leave before we run out
                    awaitClose(5);
                }
            }
        } catch (IOException clientGone) {
            // the hub hung up: what this mode is for
        }
    }

    private void embeddings(HttpExchange exchange) throws IOException {
        JsonObject body = read(exchange);
        JsonArrayBuilder data = Json.createArrayBuilder();
        int count = body.get("input") instanceof jakarta.json.JsonArray items ? items.size() : 1;
        boolean base64 = "base64".equals(body.getString("encoding_format", "float"));
        float[] vector = {0.1f, 0.2f, 0.3f};
        for (int i = 0; i < count; i++) {
            var item = Json.createObjectBuilder().add("object", "embedding").add("index", i);
            if (base64) {
                // what OpenAI sends for encoding_format=base64 (the official clients' default): little-endian float32
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * vector.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float v : vector) {
                    bytes.putFloat(v);
                }
                item.add("embedding", java.util.Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                var floats = Json.createArrayBuilder();
                for (float v : vector) {
                    floats.add(v);
                }
                item.add("embedding", floats);
            }
            data.add(item);
        }
        respond(exchange, 200, Json.createObjectBuilder().add("object", "list").add("data", data)
                .add("model", body.getString("model", "")).add("usage", Json.createObjectBuilder()
                        .add("prompt_tokens", 4 * count).add("total_tokens", 4 * count)).build().toString());
    }

    private JsonObject read(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject body = Json.createReader(new StringReader(text)).readObject();
        received.add(new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        return body;
    }

    private static String lastUserMessage(JsonObject body) {
        String last = "";
        for (var message : body.getJsonArray("messages")) {
            JsonObject m = message.asJsonObject();
            if ("user".equals(m.getString("role", "")) && m.get("content") instanceof jakarta.json.JsonString s) {
                last = s.getString();
            }
        }
        return last;
    }

    private static String chunk(String content, String finish) {
        var delta = Json.createObjectBuilder();
        if (content != null) {
            delta.add("content", content);
        }
        var choice = Json.createObjectBuilder().add("index", 0).add("delta", delta);
        if (finish == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finish);
        }
        return Json.createObjectBuilder().add("id", "chatcmpl-fake").add("object", "chat.completion.chunk")
                .add("created", 1).add("model", "echo").add("choices", Json.createArrayBuilder().add(choice))
                .build().toString();
    }

    private static JsonObject usage(int prompt, int completion) {
        return Json.createObjectBuilder().add("prompt_tokens", prompt).add("completion_tokens", completion)
                .add("total_tokens", prompt + completion).build();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void awaitClose() {
        awaitClose(120_000);
    }

    private void awaitClose(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
