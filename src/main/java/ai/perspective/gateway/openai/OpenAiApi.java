package ai.perspective.gateway.openai;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.application.GatewaySettings;
import ai.perspective.gateway.application.ModelCalls;
import ai.perspective.gateway.application.ModelCalls.Call;
import ai.perspective.gateway.application.Reply;
import ai.perspective.gateway.application.RoutedCalls;
import ai.perspective.gateway.domain.UsageJournal;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.ApiCallers;
import ai.perspective.routing.Router;
import ai.perspective.shared.HubException;
import ai.perspective.shared.JsonText;
import ai.perspective.shared.OpenAiError;
import ai.perspective.shared.TimeOrderedUuid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.ServletContext;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenAI-compatible API: {@code GET /v1/models}, {@code POST /v1/chat/completions} (JSON or
 * server-sent events) and {@code POST /v1/embeddings}, authenticated with the hub's API keys.
 *
 * <p>Everything a client can get wrong is checked here, before any upstream call and without a
 * usage record. The transport ({@link OpenAiHandler}) runs each request on a virtual thread of its
 * own, so the upstream call simply blocks.
 */
@ApplicationScoped
public class OpenAiApi {

    /** Looked up once: {@code Json.*} would search for a provider on every call. */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(OpenAiApi.class.getName());
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    static final String JSON = "application/json";
    private static final String MODELS = "/models";
    private static final Pattern ENCODED_SLASH = Pattern.compile("%2F", Pattern.CASE_INSENSITIVE);

    @Inject
    ApiCallers apiCallers;
    @Inject
    Catalog catalog;
    @Inject
    ModelCalls calls;
    @Inject
    UsageJournal journal;
    @Inject
    GatewaySettings settings;
    @Inject
    RoutedCalls routed;
    @Inject
    Router router;

    private volatile ModelList modelList;

    /** Hands this API to the transport, which starts before CDI does ({@link OpenAiExtension}). */
    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        context.setAttribute(OpenAiApi.class.getName(), this);
    }

    /** The most a request body may have, in bytes. */
    long maxRequestBytes() {
        return settings.maxRequestBytes();
    }

    /** Answers one request; never throws: whatever goes wrong is answered in OpenAI's error shape. */
    void handle(ApiExchange exchange, long startNanos) {
        String path = exchange.path();
        try {
            if (exchange.method().equals("GET") && path.startsWith(MODELS + "/")) {
                model(exchange, path.substring(MODELS.length() + 1));
                return;
            }
            switch (exchange.method() + " " + path) {
                case "GET " + MODELS -> models(exchange);
                case "POST /chat/completions" -> forward(exchange, Catalog.Task.CHAT, startNanos);
                case "POST /embeddings" -> forward(exchange, Catalog.Task.EMBEDDINGS, startNanos);
                default -> write(exchange, OpenAiError.invalidRequest(404,
                        "Unknown request URL: " + exchange.method() + " /v1" + path + ".", null, "unknown_url"));
            }
        } catch (Rejected rejected) {
            write(exchange, rejected.error);
        } catch (HubException e) {
            write(exchange, new OpenAiError(e.kind().status(), e.getMessage(),
                    e.kind().status() >= 500 ? "api_error" : "invalid_request_error", e.field(), e.type()));
        } catch (RuntimeException e) {
            // e.g. the database is down: still an answer in OpenAI's shape, never the server's HTML page
            UUID incident = UUID.randomUUID();
            LOG.log(Level.SEVERE, "Request failed unexpectedly, incident " + incident, e);
            if (exchange.status() == 0) {
                write(exchange, new OpenAiError(500, "The hub failed to handle this request (incident " + incident + ").",
                        "api_error", null, null));
            }
        }
    }

    /** The caller, from the request's API key. */
    private ApiCallers.ApiCaller caller(ApiExchange exchange) throws Rejected {
        String authorization = exchange.header("Authorization");
        if (authorization == null) {
            throw new Rejected(OpenAiError.invalidApiKey("You didn't provide an API key. Send it as "
                    + "'Authorization: Bearer <key>'; create one under 'API keys'."));
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Rejected(OpenAiError.invalidApiKey("The Authorization header must be 'Bearer <API key>'."));
        }
        return apiCallers.byApiKey(authorization.substring(7).trim())
                .orElseThrow(() -> new Rejected(OpenAiError.invalidApiKey("The API key is wrong, malformed or revoked.")));
    }

    private void models(ApiExchange exchange) throws Rejected {
        caller(exchange);
        exchange.send(200, JSON, modelList().json());
    }

    /**
     * {@code GET /v1/models/{model}} (the clients' {@code models.retrieve}): one published model, or
     * perspective/auto. The id's slash may come encoded ({@code %2F}), as the official clients send it:
     * the server has decoded every other escape already, and leaves that one alone.
     */
    private void model(ApiExchange exchange, String path) throws Rejected {
        caller(exchange);
        String id = ENCODED_SLASH.matcher(path).replaceAll("/");
        ModelList models = modelList();
        Catalog.Listed listed = models.byId().get(id);
        if (listed == null && !id.equals(Router.AUTO)) {
            throw modelNotFound(id);
        }
        exchange.send(200, JSON, (listed == null ? auto(models.autoCreated()) : model(listed)).build().toString());
    }

    /** The published models as the API shows them: the catalog hands out the same list until a model changes. */
    private ModelList modelList() {
        List<Catalog.Listed> listed = catalog.listed();
        ModelList known = modelList;
        if (known == null || known.listed() != listed) {
            known = ModelList.of(listed);
            modelList = known;
        }
        return known;
    }

    /** {@code GET /v1/models} as last written, the models by id, and the catalog listing they came from. */
    private record ModelList(List<Catalog.Listed> listed, Map<String, Catalog.Listed> byId, long autoCreated, String json) {

        static ModelList of(List<Catalog.Listed> listed) {
            Map<String, Catalog.Listed> byId = new HashMap<>();
            long autoCreated = listed.stream().mapToLong(m -> m.createdAt().getEpochSecond()).min().orElse(0);
            JsonArrayBuilder data = JSON_P.createArrayBuilder().add(auto(autoCreated));
            for (Catalog.Listed m : listed) {
                byId.put(m.id().toString(), m);
                data.add(model(m));
            }
            return new ModelList(listed, byId, autoCreated,
                    JSON_P.createObjectBuilder().add("object", "list").add("data", data).build().toString());
        }

    }

    /** The hub's own model: routes each request to the published chat model that fits it best. */
    private static JsonObjectBuilder auto(long created) {
        return JSON_P.createObjectBuilder().add("id", Router.AUTO).add("object", "model").add("created", created)
                .add("owned_by", "perspective");
    }

    private static JsonObjectBuilder model(Catalog.Listed m) {
        return JSON_P.createObjectBuilder().add("id", m.id().toString()).add("object", "model")
                .add("created", m.createdAt().getEpochSecond()).add("owned_by", m.id().creator());
    }

    private void forward(ApiExchange exchange, Catalog.Task task, long start) throws Rejected {
        ApiCallers.ApiCaller caller = caller(exchange);
        AccountId account = caller.account();
        JsonObject body = parse(exchange.body());
        String modelName = body.get("model") instanceof JsonString s ? s.getString() : null;
        if (modelName == null || modelName.isBlank()) {
            throw new Rejected(OpenAiError.invalidRequest(400, "You must provide a model parameter.", "model", null));
        }
        if (Router.AUTO.equals(modelName)) {
            if (task != Catalog.Task.CHAT) {
                throw new Rejected(OpenAiError.invalidRequest(400, "The model '" + modelName
                        + "' routes chat completions only.", "model", "model_not_supported"));
            }
            checkPayload(body, task);
            RoutedCalls.Steering steering = routed.steering(body, exchange.header("X-Perspective-Models"),
                    exchange.header("X-Perspective-Cost-Weight"));
            UUID requestId = TimeOrderedUuid.next();
            RoutedCalls.Plan plan = routed.plan(requestId, account, caller.apiKey(), body,
                    body.getBoolean("stream", false), idempotencyKey(exchange), start, steering);
            RoutedCalls.Plan[] held = {plan};
            run(exchange, plan.first(), () -> held[0] = routed.hold(plan), reply -> routed.forward(held[0], reply));
            return;
        }
        Catalog.Route route = route(modelName);
        if (!route.tasks().contains(task)) {
            throw new Rejected(OpenAiError.invalidRequest(400, "The model '" + modelName + "' does not support "
                    + (task == Catalog.Task.CHAT ? "chat completions" : "embeddings") + ".", "model", "model_not_supported"));
        }
        if (route.serving() instanceof Catalog.BuiltIn && task != Catalog.Task.EMBEDDINGS) {
            throw new Rejected(OpenAiError.invalidRequest(400, "The model '" + modelName
                    + "' is served inside the hub for embeddings only.", "model", "model_not_supported"));
        }
        checkPayload(body, task);
        boolean stream = task == Catalog.Task.CHAT && body.getBoolean("stream", false);
        String idempotencyKey = idempotencyKey(exchange);
        UUID requestId = TimeOrderedUuid.next();
        Call call = new Call(requestId, account, caller.apiKey(), route, task, body, stream, idempotencyKey, start);
        run(exchange, call, () -> calls.hold(call), reply -> {
            calls.forward(call, reply);
            if (task == Catalog.Task.CHAT) {
                // direct calls teach the router about the model's latency and errors too
                router.observe(route.id(), java.time.Duration.ofNanos(System.nanoTime() - start), exchange.status() >= 500);
            }
        });
    }

    /** Claims the Idempotency-Key, holds the money, then runs the call (on this request's own virtual thread). */
    private void run(ApiExchange exchange, Call call, Runnable hold, Consumer<Reply> forward) throws Rejected {
        AccountId account = call.account();
        String idempotencyKey = call.idempotencyKey();
        UUID requestId = call.requestId();
        if (idempotencyKey != null) {
            UsageJournal.Claim claim = journal.claim(account, idempotencyKey, requestId);
            if (claim instanceof UsageJournal.Replay replay) {
                exchange.responseHeader("Idempotent-Replayed", "true");
                exchange.send(replay.reply().status(), replay.reply().contentType(), replay.reply().body());
                return;
            }
            if (claim instanceof UsageJournal.InProgress) {
                throw new Rejected(OpenAiError.invalidRequest(409, "A request with this Idempotency-Key is still running; "
                        + "retry when it has finished.", null, "idempotency_key_in_use"));
            }
        }
        try {
            hold.run();
        } catch (HubException e) {
            if (idempotencyKey != null) {
                journal.release(account, idempotencyKey);
            }
            if (e.kind() == HubException.Kind.PAYMENT_REQUIRED) {
                throw new Rejected(new OpenAiError(402, e.getMessage() + " Add POV to your wallet, or lower max_tokens.",
                        "insufficient_quota", null, "insufficient_balance"));
            }
            throw e; // answered in OpenAI's shape by handle()
        }
        exchange.responseHeader("X-Request-Id", requestId.toString());
        try {
            forward.accept(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Call " + requestId + " failed unexpectedly", e);
            if (exchange.status() == 0) {
                exchange.send(500, JSON, new OpenAiError(500, "The hub failed to handle this call (request " + requestId + ").",
                        "api_error", null, null).toJson());
            }
        }
    }

    private Catalog.Route route(String modelName) throws Rejected {
        Optional<Catalog.Route> route;
        try {
            route = catalog.route(ModelId.parse(modelName));
        } catch (HubException malformed) {
            route = Optional.empty();
        }
        return route.orElseThrow(() -> modelNotFound(modelName));
    }

    private static Rejected modelNotFound(String modelName) {
        return new Rejected(OpenAiError.invalidRequest(404, "The model '" + modelName
                + "' does not exist or is not published. GET /v1/models lists the models you can call.", "model",
                "model_not_found"));
    }

    private static void checkPayload(JsonObject body, Catalog.Task task) throws Rejected {
        if (task == Catalog.Task.CHAT) {
            if (!(body.get("messages") instanceof JsonArray messages) || messages.isEmpty()) {
                throw new Rejected(OpenAiError.invalidRequest(400,
                        "'messages' must be a non-empty array of {role, content} objects.", "messages", null));
            }
            for (JsonValue message : messages) {
                if (!(message instanceof JsonObject m) || !(m.get("role") instanceof JsonString)) {
                    throw new Rejected(OpenAiError.invalidRequest(400,
                            "Each message must be an object with a 'role'.", "messages", null));
                }
            }
            if (body.containsKey("stream") && body.get("stream").getValueType() != JsonValue.ValueType.TRUE
                    && body.get("stream").getValueType() != JsonValue.ValueType.FALSE) {
                throw new Rejected(OpenAiError.invalidRequest(400, "'stream' must be true or false.", "stream", null));
            }
        } else {
            JsonValue input = body.get("input");
            boolean valid = input instanceof JsonString
                    || (input instanceof JsonArray items && !items.isEmpty()
                            && items.stream().allMatch(i -> i instanceof JsonString));
            if (!valid) {
                throw new Rejected(OpenAiError.invalidRequest(400,
                        "'input' must be a string or a non-empty array of strings.", "input", null));
            }
        }
    }

    private static JsonObject parse(byte[] bytes) throws Rejected {
        JsonStructure json;
        try {
            json = JsonText.read(bytes);
        } catch (JsonException e) {
            throw new Rejected(OpenAiError.invalidRequest(400, "We could not parse the JSON body of your request: "
                    + "send a JSON object (Content-Type: application/json).", null, "invalid_json"));
        }
        if (!(json instanceof JsonObject object)) {
            throw new Rejected(OpenAiError.invalidRequest(400, "The request body must be a JSON object.", null, "invalid_json"));
        }
        return object;
    }

    static OpenAiError tooLarge(long limit) {
        return OpenAiError.invalidRequest(413, "The request body is larger than " + limit + " bytes.",
                null, "request_too_large");
    }

    private static String idempotencyKey(ApiExchange exchange) throws Rejected {
        String key = exchange.header(IDEMPOTENCY_KEY);
        if (key == null) {
            return null;
        }
        key = key.strip();
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
            throw new Rejected(OpenAiError.invalidRequest(400, "The Idempotency-Key header must have 1 to "
                    + MAX_IDEMPOTENCY_KEY + " characters.", null, "invalid_idempotency_key"));
        }
        return key;
    }

    private static void write(ApiExchange exchange, OpenAiError error) {
        if (error.status() == 401) {
            exchange.responseHeader("WWW-Authenticate", "Bearer");
        }
        exchange.send(error.status(), JSON, error.toJson());
    }

    /** A client mistake found before any upstream call: answered at once, nothing metered. */
    private static final class Rejected extends Exception {
        private final OpenAiError error;

        Rejected(OpenAiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
