package ai.perspective.gateway.openai;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.application.GatewaySettings;
import ai.perspective.gateway.application.ModelCalls;
import ai.perspective.gateway.application.ModelCalls.Call;
import ai.perspective.gateway.application.Reply;
import ai.perspective.gateway.domain.UsageJournal;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.gateway.application.Reply;
import ai.perspective.gateway.application.RoutedCalls;
import ai.perspective.routing.Router;
import ai.perspective.shared.HubException;
import ai.perspective.shared.OpenAiError;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenAI-compatible API: {@code GET /v1/models}, {@code POST /v1/chat/completions} (JSON or
 * server-sent events) and {@code POST /v1/embeddings}, authenticated with the hub's API keys.
 *
 * <p>Everything a client can get wrong is checked here, before any upstream call and without a
 * usage record. The call itself runs on a virtual thread while the servlet thread is released.
 */
@WebServlet(urlPatterns = "/v1/*", asyncSupported = true)
public class OpenAiServlet extends HttpServlet {

    /** Looked up once: {@code Json.*} would search for a provider on every call. */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(OpenAiServlet.class.getName());
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    @Inject
    CurrentAccount caller;
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

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            switch (request.getMethod() + " " + path) {
                case "GET /models" -> models(request, response);
                case "POST /chat/completions" -> forward(request, response, Catalog.Task.CHAT, start);
                case "POST /embeddings" -> forward(request, response, Catalog.Task.EMBEDDINGS, start);
                default -> write(response, OpenAiError.invalidRequest(404,
                        "Unknown request URL: " + request.getMethod() + " /v1" + path + ".", null, "unknown_url"));
            }
        } catch (Rejected rejected) {
            write(response, rejected.error);
        } catch (HubException e) {
            write(response, new OpenAiError(e.kind().status(), e.getMessage(),
                    e.kind().status() >= 500 ? "api_error" : "invalid_request_error", e.field(), e.type()));
        } catch (RuntimeException e) {
            // e.g. the database is down: still an answer in OpenAI's shape, never the server's HTML page
            UUID incident = UUID.randomUUID();
            LOG.log(Level.SEVERE, "Request failed unexpectedly, incident " + incident, e);
            if (!response.isCommitted()) {
                write(response, new OpenAiError(500, "The hub failed to handle this request (incident " + incident + ").",
                        "api_error", null, null));
            }
        }
    }

    private void models(HttpServletRequest request, HttpServletResponse response) throws IOException, Rejected {
        account();
        JsonArrayBuilder data = JSON_P.createArrayBuilder();
        java.util.List<Catalog.ModelCard> published = catalog.published();
        // the hub's own model: routes each request to the published chat model that fits it best
        data.add(JSON_P.createObjectBuilder().add("id", Router.AUTO).add("object", "model")
                .add("created", published.stream().mapToLong(m -> m.createdAt().getEpochSecond()).min().orElse(0))
                .add("owned_by", "perspective"));
        for (Catalog.ModelCard model : published) {
            data.add(JSON_P.createObjectBuilder()
                    .add("id", model.id().toString())
                    .add("object", "model")
                    .add("created", model.createdAt().getEpochSecond())
                    .add("owned_by", model.id().creator()));
        }
        String body = JSON_P.createObjectBuilder().add("object", "list").add("data", data).build().toString();
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, Catalog.Task task, long start)
            throws IOException, Rejected {
        AccountId account = account();
        JsonObject body = readBody(request);
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
            RoutedCalls.Steering steering = routed.steering(body, request.getHeader("X-Perspective-Models"),
                    request.getHeader("X-Perspective-Cost-Weight"));
            UUID requestId = UUID.randomUUID();
            RoutedCalls.Plan plan = routed.plan(requestId, account, caller.apiKey().orElse(null), body,
                    body.getBoolean("stream", false), idempotencyKey(request), start, steering);
            RoutedCalls.Plan[] held = {plan};
            run(request, response, plan.first(), () -> held[0] = routed.hold(plan), reply -> routed.forward(held[0], reply));
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
        String idempotencyKey = idempotencyKey(request);
        UUID requestId = UUID.randomUUID();
        Call call = new Call(requestId, account, caller.apiKey().orElse(null), route, task, body, stream, idempotencyKey, start);
        run(request, response, call, () -> calls.hold(call), reply -> {
            calls.forward(call, reply);
            if (task == Catalog.Task.CHAT) {
                // direct calls teach the router about the model's latency and errors too
                router.observe(route.id(), java.time.Duration.ofNanos(System.nanoTime() - start), response.getStatus() >= 500);
            }
        });
    }

    /** Claims the Idempotency-Key, holds the money, then runs the call on a virtual thread. */
    private void run(HttpServletRequest request, HttpServletResponse response, Call call, Runnable hold,
            java.util.function.Consumer<Reply> forward) throws IOException, Rejected {
        AccountId account = call.account();
        String idempotencyKey = call.idempotencyKey();
        UUID requestId = call.requestId();
        if (idempotencyKey != null) {
            UsageJournal.Claim claim = journal.claim(account, idempotencyKey, requestId);
            if (claim instanceof UsageJournal.Replay replay) {
                response.setHeader("Idempotent-Replayed", "true");
                response.setStatus(replay.reply().status());
                response.setContentType(replay.reply().contentType());
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(replay.reply().body());
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
            throw e; // answered in OpenAI's shape by service()
        }
        response.setHeader("X-Request-Id", requestId.toString());
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Thread.ofVirtual().name("model-call-", 0).start(() -> {
            try {
                forward.accept(new ServletReply(response));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Call " + requestId + " failed unexpectedly", e);
                if (!response.isCommitted()) {
                    new ServletReply(response).send(500, "application/json", new OpenAiError(500,
                            "The hub failed to handle this call (request " + requestId + ").", "api_error", null, null).toJson());
                }
            } finally {
                async.complete();
            }
        });
    }

    private AccountId account() throws Rejected {
        return caller.id().orElseThrow(() -> new Rejected(OpenAiError.invalidApiKey(
                "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'; create one under 'API keys'.")));
    }

    private Catalog.Route route(String modelName) throws Rejected {
        Optional<Catalog.Route> route;
        try {
            route = catalog.route(ModelId.parse(modelName));
        } catch (HubException malformed) {
            route = Optional.empty();
        }
        return route.orElseThrow(() -> new Rejected(OpenAiError.invalidRequest(404, "The model '" + modelName
                + "' does not exist or is not published. GET /v1/models lists the models you can call.", "model",
                "model_not_found")));
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

    private JsonObject readBody(HttpServletRequest request) throws IOException, Rejected {
        long limit = settings.maxRequestBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            // a declared length is read in one piece; otherwise in chunks up to the limit and one byte more
            long declared = request.getContentLengthLong();
            bytes = in.readNBytes((int) (declared >= 0 ? declared + 1 : Math.min(Integer.MAX_VALUE - 8, limit + 1)));
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        JsonStructure json;
        try {
            json = JSON_P.createReader(new ByteArrayInputStream(bytes)).read();
        } catch (JsonException | IllegalStateException e) {
            throw new Rejected(OpenAiError.invalidRequest(400, "We could not parse the JSON body of your request: "
                    + "send a JSON object (Content-Type: application/json).", null, "invalid_json"));
        }
        if (!(json instanceof JsonObject object)) {
            throw new Rejected(OpenAiError.invalidRequest(400, "The request body must be a JSON object.", null, "invalid_json"));
        }
        return object;
    }

    private static Rejected tooLarge(long limit) {
        return new Rejected(OpenAiError.invalidRequest(413, "The request body is larger than " + limit + " bytes.",
                null, "request_too_large"));
    }

    private static String idempotencyKey(HttpServletRequest request) throws Rejected {
        String key = request.getHeader(IDEMPOTENCY_KEY);
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

    private static void write(HttpServletResponse response, OpenAiError error) throws IOException {
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(error.toJson());
    }

    /** A client mistake found before any upstream call: answered at once, nothing metered. */
    private static final class Rejected extends Exception {
        private final OpenAiError error;

        Rejected(OpenAiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** Writes the call's answer to the servlet response, from the call's virtual thread. */
    private static final class ServletReply implements Reply {
        private final HttpServletResponse response;
        private OutputStream out;

        ServletReply(HttpServletResponse response) {
            this.response = response;
        }

        @Override
        public void send(int status, String contentType, String body) {
            try {
                response.setStatus(status);
                response.setContentType(contentType);
                response.setCharacterEncoding("UTF-8");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                response.setContentLength(bytes.length);
                response.getOutputStream().write(bytes);
            } catch (IOException | IllegalStateException e) {
                // the client left; its call is already recorded
            }
        }

        @Override
        public void routed(RoutedCalls.RoutedAnswer answer) {
            response.setHeader("X-Perspective-Decision", answer.decision().id().toString());
            response.setHeader("X-Perspective-Route", RoutedCalls.routeHeader(answer));
            response.setHeader("X-Perspective-Candidates", RoutedCalls.candidatesHeader(answer.decision()));
            String failed = RoutedCalls.failedHeader(answer);
            if (failed != null) {
                response.setHeader("X-Perspective-Failed", failed);
            }
        }

        @Override
        public void startEvents() throws ClientGone {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            try {
                out = response.getOutputStream();
                response.flushBuffer();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }

        @Override
        public void event(String data) throws ClientGone {
            try {
                out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | RuntimeException e) {
                throw new ClientGone(e);
            }
        }
    }
}
