package ai.perspective.gateway.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Embeddings;
import ai.perspective.gateway.ModelUsed.Outcome;
import ai.perspective.gateway.domain.StoredReply;
import ai.perspective.gateway.domain.Usage;
import ai.perspective.gateway.domain.UsageJournal;
import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Charges;
import ai.perspective.shared.HubException;
import ai.perspective.shared.JsonText;
import ai.perspective.shared.OpenAiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.BufferedReader;
import java.math.BigInteger;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards one call to the model's upstream and meters it exactly once: the usage record is
 * committed before the client receives the end of a successful answer (the last byte of a JSON
 * reply, or the {@code [DONE]} of a stream), so a call the client saw succeed always has its
 * record. Upstream failures become OpenAI-shaped 502/504 errors; nothing here waits without a
 * timeout.
 */
@ApplicationScoped
public class ModelCalls {

    /** Looked up once: {@code Json.*} would search for a provider on every call. */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(ModelCalls.class.getName());
    static final String JSON = "application/json";

    /** One call, as the HTTP adapter validated it. */
    public record Call(UUID requestId, AccountId account, UUID apiKey, Catalog.Route route, Catalog.Task task,
            JsonObject body, boolean stream, String idempotencyKey, long startNanos) {

        String upstreamPath() {
            return task == Catalog.Task.EMBEDDINGS ? "embeddings" : "chat/completions";
        }

        boolean clientAskedForUsage() {
            return body.get("stream_options") instanceof JsonObject options && options.getBoolean("include_usage", false);
        }
    }

    @Inject
    UsageJournal journal;
    @Inject
    TokenCounter tokens;
    @Inject
    GatewaySettings settings;
    @Inject
    Charges charges;
    @Inject
    Embeddings embeddings;

    @Inject
    UpstreamHttp upstream;

    /**
     * Reserves the most this call can cost from the caller's balance, before any upstream call:
     * the prompt as counted here (with 10 % headroom for the model's own count) plus the completion
     * limit the caller set, or the rest of the model's context. Settled or released when the call's
     * {@code ModelUsed} is relayed ({@link CallSettlement}).
     *
     * @throws HubException kind PAYMENT_REQUIRED when the balance does not cover it
     */
    public void hold(Call call) {
        if (Pricing.free(call.route())) {
            return; // nothing to hold, and no need to count the prompt's tokens for it
        }
        BigInteger maximum = maximumCost(call);
        if (maximum.signum() > 0) {
            charges.hold(call.requestId().toString(), call.account(), maximum);
        }
    }

    /**
     * As {@link #hold(Call)}, with the amount given: perspective/auto holds what the dearest model
     * it may try can cost ({@link RoutedCalls#hold}).
     */
    void hold(Call call, BigInteger maximum) {
        if (maximum.signum() > 0) {
            charges.hold(call.requestId().toString(), call.account(), maximum);
        }
    }

    BigInteger maximumCost(Call call) {
        int prompt = promptTokens(call);
        long promptWithHeadroom = prompt + prompt / 10 + 16;
        long completion = 0;
        if (call.task() != Catalog.Task.EMBEDDINGS) {
            completion = completionLimit(call.body()).orElse(Math.max(0, call.route().contextLength() - prompt));
        }
        return Pricing.cost(call.route(), promptWithHeadroom, completion);
    }

    private static java.util.OptionalLong completionLimit(JsonObject body) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            if (body.get(field) instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
                return java.util.OptionalLong.of(n.longValue());
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** Runs the call to its end; the caller completes the HTTP exchange afterwards. */
    public void forward(Call call, Reply reply) {
        if (call.route().serving() instanceof Catalog.BuiltIn builtIn) {
            embedInHub(call, reply, builtIn);
            return;
        }
        Catalog.ExternalEndpoint endpoint = (Catalog.ExternalEndpoint) call.route().serving();
        try {
            upstream.post(resolve(endpoint.baseUrl(), call.upstreamPath()), call.route().upstreamSecret(),
                    upstreamBody(call, endpoint), call.stream(), (status, body) -> {
                        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
                            fail(call, reply, Outcome.UPSTREAM_FAILED, 502, "The model's server answered with HTTP " + status + ".",
                                    "upstream_error");
                        } else if (status >= 400) {
                            passThroughRejection(call, reply, status, body);
                        } else if (call.stream()) {
                            stream(call, reply, body);
                        } else {
                            whole(call, reply, body);
                        }
                    });
        } catch (UpstreamHttp.TimedOut e) {
            fail(call, reply, Outcome.UPSTREAM_TIMEOUT, 504, "The model did not answer within "
                    + settings.upstreamTimeout().toSeconds() + " s. Try again later.", "upstream_timeout");
        } catch (UpstreamHttp.Unreachable e) {
            fail(call, reply, Outcome.UPSTREAM_FAILED, 502, "The model's server refused the connection.", "upstream_unreachable");
        } catch (IOException e) {
            fail(call, reply, Outcome.UPSTREAM_FAILED, 502, "The model's server failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), "upstream_error");
        }
    }

    /**
     * A built-in embeddings model: computed on the hub's own CPU, answered in OpenAI's shape
     * (floats, or base64 little-endian float32 for {@code encoding_format: base64}, the official
     * clients' default). Tokens are counted with cl100k_base, like for upstreams without usage.
     */
    private void embedInHub(Call call, Reply reply, Catalog.BuiltIn builtIn) {
        if (!builtIn.engine().equalsIgnoreCase(embeddings.model())) {
            fail(call, reply, Outcome.UPSTREAM_FAILED, 502, "The hub does not run the engine '" + builtIn.engine() + "'.",
                    "upstream_error");
            return;
        }
        JsonValue input = call.body().get("input");
        List<String> texts = input instanceof JsonString one ? List.of(one.getString())
                : input.asJsonArray().getValuesAs(JsonString::getString);
        List<float[]> vectors;
        try {
            vectors = embeddings.embedAll(texts);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Built-in model " + builtIn.engine() + " failed", e);
            fail(call, reply, Outcome.UPSTREAM_FAILED, 502, "The built-in model failed to compute embeddings.", "upstream_error");
            return;
        }
        boolean base64 = "base64".equals(call.body().getString("encoding_format", "float"));
        var data = JSON_P.createArrayBuilder();
        for (int i = 0; i < vectors.size(); i++) {
            JsonObjectBuilder item = JSON_P.createObjectBuilder().add("object", "embedding").add("index", i);
            if (base64) {
                item.add("embedding", base64(vectors.get(i)));
            } else {
                item.add("embedding", floats(vectors.get(i)));
            }
            data.add(item);
        }
        int prompt = promptTokens(call);
        String out = JSON_P.createObjectBuilder().add("object", "list").add("data", data)
                .add("model", call.route().id().toString())
                .add("usage", JSON_P.createObjectBuilder().add("prompt_tokens", prompt).add("total_tokens", prompt))
                .build().toString();
        sendRecorded(call, reply, new Counted(prompt, 0, true), out);
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static JsonArrayBuilder floats(float[] vector) {
        JsonArrayBuilder array = JSON_P.createArrayBuilder();
        for (float v : vector) {
            array.add(v);
        }
        return array;
    }

    private void whole(Call call, Reply reply, UpstreamHttp.Body body) throws IOException {
        byte[] bytes = body.readAll();
        if (!(readOrNull(new String(bytes, StandardCharsets.UTF_8)) instanceof JsonObject answer)) {
            fail(call, reply, Outcome.UPSTREAM_FAILED, 502, "The model's server answered with something that is not JSON.",
                    "upstream_error");
            return;
        }
        Counted counted = usageOf(answer.get("usage"));
        if (counted == null) {
            counted = new Counted(promptTokens(call), call.task() == Catalog.Task.EMBEDDINGS ? 0 : completionTokens(answer), true);
        }
        sendRecorded(call, reply, counted, withModel(answer, call.route().id().toString(), bytes.length));
    }

    private void stream(Call call, Reply reply, InputStream body) throws IOException {
        boolean wantsUsage = call.clientAskedForUsage();
        StringBuilder produced = new StringBuilder();
        StringBuilder replay = call.idempotencyKey() == null ? null : new StringBuilder();
        Counted reported = null;
        try {
            reply.startEvents();
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                if (!(readOrNull(data) instanceof JsonObject chunk)) {
                    continue;
                }
                Counted usage = usageOf(chunk.get("usage"));
                if (usage != null) {
                    reported = usage;
                }
                collectDeltas(chunk, produced);
                JsonArray choices = chunk.getJsonArray("choices");
                boolean usageOnly = usage != null && (choices == null || choices.isEmpty());
                if (usageOnly && !wantsUsage) {
                    continue;
                }
                JsonObjectBuilder out = JSON_P.createObjectBuilder(chunk).add("model", call.route().id().toString());
                if (!wantsUsage && usage != null) {
                    out.remove("usage");
                }
                String event = out.build().toString();
                reply.event(event);
                if (replay != null) {
                    replay.append("data: ").append(event).append("\n\n");
                }
            }
        } catch (Reply.ClientGone gone) {
            Counted sofar = new Counted(promptTokens(call), tokens.text(produced.toString()), true);
            record(call, Outcome.CLIENT_DISCONNECTED, 200, sofar, null);
            return;
        }
        Counted counted = reported != null ? reported
                : new Counted(promptTokens(call), tokens.text(produced.toString()), true);
        if (replay != null) {
            replay.append("data: [DONE]\n\n");
        }
        StoredReply stored = replay == null ? null : new StoredReply(200, "text/event-stream", replay.toString());
        if (!record(call, Outcome.SUCCEEDED, 200, counted, stored)) {
            // the client must not see a clean end of a call we could not meter
            try {
                reply.event(meteringDown().toJson());
            } catch (Reply.ClientGone ignored) {
                // nothing more to tell
            }
            return;
        }
        try {
            reply.event("[DONE]");
        } catch (Reply.ClientGone ignored) {
            // recorded and complete on our side; the client left before the last marker
        }
    }

    private void passThroughRejection(Call call, Reply reply, int status, InputStream body) throws IOException {
        String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        JsonStructure json = readOrNull(text);
        String out;
        if (json instanceof JsonObject error && error.containsKey("error")) {
            out = error.toString();
        } else if (json != null) {
            out = OpenAiError.invalidRequest(status, "The model rejected the request: " + text, null, "upstream_rejected").toJson();
        } else {
            out = OpenAiError.invalidRequest(status, "The model rejected the request (HTTP " + status + ").", null,
                    "upstream_rejected").toJson();
        }
        record(call, Outcome.UPSTREAM_REJECTED, status, new Counted(0, 0, false), null);
        reply.send(status, JSON, out);
    }

    private void fail(Call call, Reply reply, Outcome outcome, int status, String message, String code) {
        if (reply instanceof RoutedCalls.Attempt attempt && attempt.retryable()) {
            // perspective/auto tries the next candidate: this attempt is neither metered nor shown
            attempt.failed(status);
            return;
        }
        record(call, outcome, status, new Counted(0, 0, false), null);
        reply.send(status, JSON, new OpenAiError(status, message, "api_error", null, code).toJson());
    }

    /** A successful whole answer, sent once its usage record is committed; a 503 when it could not be. */
    private void sendRecorded(Call call, Reply reply, Counted counted, String out) {
        if (record(call, Outcome.SUCCEEDED, 200, counted, new StoredReply(200, JSON, out))) {
            reply.send(200, JSON, out);
        } else {
            reply.send(503, JSON, meteringDown().toJson());
        }
    }

    /** Commits the usage record; false when the journal is down (the call must not look successful). */
    private boolean record(Call call, Outcome outcome, int status, Counted counted, StoredReply stored) {
        long latencyMillis = (System.nanoTime() - call.startNanos()) / 1_000_000;
        BigInteger cost = outcome == Outcome.SUCCEEDED || outcome == Outcome.CLIENT_DISCONNECTED
                ? Pricing.cost(call.route(), counted.prompt(), counted.completion()) : BigInteger.ZERO;
        Usage usage = new Usage(call.requestId(), call.account(), call.apiKey(), call.route().id().toString(),
                call.route().creator(), counted.prompt(), counted.completion(), counted.counted(), cost, latencyMillis,
                outcome, status, call.stream(), call.idempotencyKey(), Instant.now());
        try {
            journal.record(usage, outcome == Outcome.SUCCEEDED ? stored : null).toCompletableFuture().join();
            if (outcome != Outcome.SUCCEEDED && call.idempotencyKey() != null) {
                journal.release(call.account(), call.idempotencyKey());
            }
            return true;
        } catch (CompletionException e) {
            LOG.log(Level.SEVERE, "Usage of call " + call.requestId() + " not recorded", e.getCause());
            if (call.idempotencyKey() != null) {
                journal.release(call.account(), call.idempotencyKey());
            }
            // no record, so no event will settle the hold: give the money back now
            charges.find(call.requestId().toString()).ifPresent(charges::release);
            return false;
        }
    }

    /** The upstream's JSON, or null when it sent something else. */
    private static JsonStructure readOrNull(String text) {
        try {
            return JsonText.read(text);
        } catch (JsonException e) {
            return null;
        }
    }

    private record Counted(int prompt, int completion, boolean counted) {
    }

    private static Counted usageOf(JsonValue usage) {
        if (usage instanceof JsonObject u && u.get("prompt_tokens") instanceof JsonNumber prompt) {
            int completion = u.get("completion_tokens") instanceof JsonNumber c ? c.intValue() : 0;
            return new Counted(prompt.intValue(), completion, false);
        }
        return null;
    }

    private int promptTokens(Call call) {
        return call.task() == Catalog.Task.EMBEDDINGS ? tokens.input(call.body().get("input"))
                : tokens.chatPrompt(call.body().getJsonArray("messages"));
    }

    private int completionTokens(JsonObject answer) {
        int count = 0;
        if (answer.get("choices") instanceof JsonArray choices) {
            for (JsonValue choice : choices) {
                if (choice instanceof JsonObject c && c.get("message") instanceof JsonObject message) {
                    count += tokens.content(message.get("content"));
                }
            }
        }
        return count;
    }

    private static void collectDeltas(JsonObject chunk, StringBuilder produced) {
        if (chunk.get("choices") instanceof JsonArray choices) {
            for (JsonValue choice : choices) {
                if (choice instanceof JsonObject c && c.get("delta") instanceof JsonObject delta
                        && delta.get("content") instanceof JsonString content) {
                    produced.append(content.getString());
                }
            }
        }
    }

    private static String upstreamBody(Call call, Catalog.ExternalEndpoint endpoint) {
        if (!call.stream()) {
            return withModel(call.body(), endpoint.upstreamModel(), 256);
        }
        JsonObjectBuilder body = JSON_P.createObjectBuilder(call.body()).add("model", endpoint.upstreamModel());
        JsonObjectBuilder options = call.body().get("stream_options") instanceof JsonObject existing
                ? JSON_P.createObjectBuilder(existing) : JSON_P.createObjectBuilder();
        body.add("stream_options", options.add("include_usage", true));
        return body.build().toString();
    }

    /**
     * The object as JSON text with its {@code model} field set: written field by field, without
     * copying the object into a builder first (this runs twice on every call).
     */
    static String withModel(JsonObject object, String model, int sizeHint) {
        StringWriter text = new StringWriter(sizeHint + 64);
        try (JsonGenerator json = JSON_P.createGenerator(text)) {
            json.writeStartObject();
            boolean written = false;
            for (Map.Entry<String, JsonValue> field : object.entrySet()) {
                if (field.getKey().equals("model")) {
                    json.write("model", model);
                    written = true;
                } else {
                    json.write(field.getKey(), field.getValue());
                }
            }
            if (!written) {
                json.write("model", model);
            }
            json.writeEnd();
        }
        return text.toString();
    }

    static URI resolve(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + "/" + path);
    }

    private static OpenAiError meteringDown() {
        return new OpenAiError(503, "The hub could not record this call, so it is not delivered. Try again shortly.",
                "api_error", null, "metering_unavailable");
    }
}
