package ai.perspective.gateway.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.application.ModelCalls.Call;
import ai.perspective.identity.AccountId;
import ai.perspective.routing.RoutedCall;
import ai.perspective.routing.Router;
import ai.perspective.routing.RoutingAdmin;
import ai.perspective.routing.RoutingDecision;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.routing.RoutingRequest;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code "model": "perspective/auto"}: the router chooses among the published chat models, the
 * call goes to its choice, and when that model's server fails (5xx, unreachable, timeout) before
 * answering anything, to the next candidate, up to {@link #MAX_ATTEMPTS} models. The caller is
 * held for the dearest model that may be tried and charged at the price of the one that answered
 * (its usage record names it). Every routed call is stored with its fallback chain before its
 * answer ends, so feedback on it finds it.
 *
 * <p>Callers steer routing with the request field {@code "perspective": {"models": [...],
 * "cost_weight": 0.3}} (an extra body field any OpenAI client can send), or the headers
 * {@code X-Perspective-Models} (comma-separated) and {@code X-Perspective-Cost-Weight}; the body wins.
 */
@ApplicationScoped
public class RoutedCalls {

    /** Models tried per call: the choice and two fallbacks. */
    public static final int MAX_ATTEMPTS = 3;
    /** Candidates named in the response header. */
    static final int HEADER_CANDIDATES = 3;
    static final int MAX_ALLOWED = 100;
    static final String FIELD = "perspective";
    private static final JsonProvider JSON_P = JsonProvider.provider();
    private static final Logger LOG = Logger.getLogger(RoutedCalls.class.getName());

    @Inject
    Router router;
    @Inject
    RoutingAdmin routing;
    @Inject
    Catalog catalog;
    @Inject
    ModelCalls calls;

    /** The caller's wishes, from the body or headers. */
    public record Steering(Set<ModelId> allowed, double costWeight) {
    }

    /** A routed call before it runs: the decision and one call per model that may be tried, in order. */
    public record Plan(RoutingDecision decision, List<Call> attempts) {

        public Call first() {
            return attempts.getFirst();
        }
    }

    /** Which model answered a routed call and why: told to the {@link Reply} before the answer starts. */
    public record RoutedAnswer(RoutingDecision decision, ModelId answered, List<RoutedCall.Attempt> failed) {
    }

    /**
     * Reads the caller's steering: {@code perspective.models} / {@code X-Perspective-Models} must
     * name published chat models, {@code cost_weight} is 0..1.
     */
    public Steering steering(JsonObject body, String modelsHeader, String costWeightHeader) {
        Set<ModelId> allowed = new LinkedHashSet<>();
        double costWeight = RoutingRequest.DEFAULT_COST_WEIGHT;
        JsonValue field = body.get(FIELD);
        if (field != null && field.getValueType() != JsonValue.ValueType.NULL && !(field instanceof JsonObject)) {
            throw HubException.invalid(FIELD, "invalid_perspective",
                    "'perspective' is an object: {\"models\": [\"creator/name\", ...], \"cost_weight\": 0..1}.");
        }
        JsonObject options = field instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        List<String> names = new ArrayList<>();
        if (options.containsKey("models")) {
            if (!(options.get("models") instanceof JsonArray models) || !models.stream().allMatch(JsonString.class::isInstance)) {
                throw HubException.invalid("perspective.models", "invalid_models",
                        "'perspective.models' is an array of model ids, e.g. [\"acme/coder\", \"acme/writer\"].");
            }
            models.forEach(m -> names.add(((JsonString) m).getString()));
        } else if (modelsHeader != null && !modelsHeader.isBlank()) {
            for (String name : modelsHeader.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        if (names.size() > MAX_ALLOWED) {
            throw HubException.invalid("perspective.models", "invalid_models", "Allow at most " + MAX_ALLOWED + " models.");
        }
        for (String name : names) {
            allowed.add(chatModel(name));
        }
        if (options.containsKey("cost_weight")) {
            if (!(options.get("cost_weight") instanceof JsonNumber n)) {
                throw costWeightError();
            }
            costWeight = n.doubleValue();
        } else if (costWeightHeader != null && !costWeightHeader.isBlank()) {
            try {
                costWeight = Double.parseDouble(costWeightHeader.strip());
            } catch (NumberFormatException e) {
                throw costWeightError();
            }
        }
        if (!(costWeight >= 0 && costWeight <= 1)) {
            throw costWeightError();
        }
        return new Steering(Set.copyOf(allowed), costWeight);
    }

    /**
     * Routes the request: the decision (named {@code requestId}) and the calls to try.
     *
     * @throws HubException 400 no user message; 404 no published chat model; 503 routing not ready yet
     */
    public Plan plan(UUID requestId, AccountId account, UUID apiKey, JsonObject body, boolean stream, String idempotencyKey,
            long startNanos, Steering steering) {
        String prompt = lastUserMessage(body);
        if (prompt == null) {
            throw HubException.invalid("messages", "invalid_messages",
                    "perspective/auto routes by the last user message: send at least one message with role 'user' and text.");
        }
        if (router.routed().isEmpty()) {
            boolean anyChat = catalog.published().stream().anyMatch(RoutedCalls::chat);
            if (!anyChat) {
                throw new HubException(HubException.Kind.NOT_FOUND, "model_not_found", "model",
                        "perspective/auto has no published chat model to choose from.");
            }
            throw HubException.unavailable("routing_unavailable",
                    "perspective/auto is getting ready (the router is learning the published models); retry in a few seconds or name a model.");
        }
        RoutingDecision decision = router.route(new RoutingRequest(prompt, steering.costWeight(),
                new RoutingDecisionId(requestId), steering.allowed()));
        JsonObject forwarded = JSON_P.createObjectBuilder(body).remove(FIELD).build();
        List<Call> attempts = new ArrayList<>();
        for (RoutingDecision.Candidate candidate : decision.candidates()) {
            if (attempts.size() == MAX_ATTEMPTS) {
                break;
            }
            // the router's snapshot may lag behind the catalog by a moment: skip models gone since
            catalog.route(candidate.model()).filter(RoutedCalls::chat).ifPresent(route -> attempts.add(new Call(requestId,
                    account, apiKey, route, Catalog.Task.CHAT, forwarded, stream, idempotencyKey, startNanos)));
        }
        if (attempts.isEmpty()) {
            throw new HubException(HubException.Kind.NOT_FOUND, "model_not_found", "model",
                    "perspective/auto has no published chat model to choose from.");
        }
        return new Plan(decision, List.copyOf(attempts));
    }

    /**
     * Holds the most the call may cost: what the dearest of the models that may be tried can cost.
     * When the balance does not cover that, the dearest fallback candidates are left out of the
     * chain (never the router's choice) until it does; returns the plan as held.
     *
     * @throws HubException kind PAYMENT_REQUIRED when not even the router's choice is covered
     */
    public Plan hold(Plan plan) {
        List<Call> attempts = new ArrayList<>(plan.attempts());
        List<BigInteger> costs = new ArrayList<>(attempts.stream().map(calls::maximumCost).toList());
        while (true) {
            BigInteger maximum = costs.stream().reduce(BigInteger.ZERO, BigInteger::max);
            try {
                calls.hold(plan.first(), maximum);
                return attempts.size() == plan.attempts().size() ? plan : new Plan(plan.decision(), List.copyOf(attempts));
            } catch (HubException e) {
                int dearest = -1;
                for (int i = 1; i < costs.size(); i++) {
                    if (costs.get(i).compareTo(costs.getFirst()) > 0 && (dearest < 0 || costs.get(i).compareTo(costs.get(dearest)) > 0)) {
                        dearest = i;
                    }
                }
                if (e.kind() != HubException.Kind.PAYMENT_REQUIRED || dearest < 0) {
                    throw e;
                }
                attempts.remove(dearest);
                costs.remove(dearest);
            }
        }
    }

    /** Runs the plan to its end: the first model that answers, in order; records the routed call. */
    public void forward(Plan plan, Reply reply) {
        List<RoutedCall.Attempt> tried = new ArrayList<>();
        Attempt attempt = null;
        for (int i = 0; i < plan.attempts().size(); i++) {
            Call call = plan.attempts().get(i);
            boolean last = i == plan.attempts().size() - 1;
            attempt = new Attempt(reply, plan, call.route().id(), tried, !last, this);
            long started = System.nanoTime();
            calls.forward(call, attempt);
            boolean failed = attempt.failedStatus != 0 || attempt.status >= 500;
            router.observe(call.route().id(), Duration.ofNanos(System.nanoTime() - started), failed);
            if (attempt.failedStatus == 0) {
                break;
            }
            tried.add(new RoutedCall.Attempt(call.route().id(), attempt.failedStatus));
            LOG.fine(() -> "Routed call " + call.requestId() + ": " + call.route().id() + " failed, trying the next candidate");
        }
        if (attempt != null) {
            attempt.finish(); // e.g. the client left mid-stream: still recorded
        }
    }

    /** Stores the routed call; a failure to store it must not fail a call that was answered. */
    void record(Plan plan, ModelId answered, List<RoutedCall.Attempt> attempts) {
        try {
            RoutingDecision d = plan.decision();
            routing.record(new RoutedCall(d.id(), plan.first().account(), d.model(), answered, attempts, d.fallback(),
                    d.candidates(), Instant.now()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Routed call " + plan.decision().id() + " not recorded", e);
        }
    }

    /** {@code a/b;score=0.812;fit=0.845, c/d;score=...}: the top candidates the caller allowed. */
    public static String candidatesHeader(RoutingDecision decision) {
        return decision.candidates().stream().limit(HEADER_CANDIDATES)
                .map(c -> String.format(Locale.ROOT, "%s;score=%.3f;fit=%.3f", c.model(), c.score(), c.fit()))
                .collect(Collectors.joining(", "));
    }

    /** {@code model=a/b; chosen=c/d; confidence=0.93; general-fallback=false; decision=<uuid>}. */
    public static String routeHeader(RoutedAnswer answer) {
        RoutingDecision d = answer.decision();
        return String.format(Locale.ROOT, "model=%s; chosen=%s; confidence=%.3f; general-fallback=%s; decision=%s",
                answer.answered(), d.model(), d.confidence(), d.fallback(), d.id());
    }

    /** {@code a/b;status=502, ...}: models that failed before one answered; null when none. */
    public static String failedHeader(RoutedAnswer answer) {
        return answer.failed().isEmpty() ? null : answer.failed().stream()
                .map(a -> a.model() + ";status=" + a.status()).collect(Collectors.joining(", "));
    }

    static boolean chat(Catalog.ModelCard m) {
        return m.tasks().contains(Catalog.Task.CHAT) && m.serving() instanceof Catalog.ExternalEndpoint;
    }

    static boolean chat(Catalog.Route r) {
        return r.tasks().contains(Catalog.Task.CHAT) && r.serving() instanceof Catalog.ExternalEndpoint;
    }

    private ModelId chatModel(String name) {
        ModelId id;
        try {
            id = ModelId.parse(name);
        } catch (HubException e) {
            throw unknownModel(name);
        }
        return catalog.route(id).filter(RoutedCalls::chat).map(Catalog.Route::id).orElseThrow(() -> unknownModel(name));
    }

    private static HubException unknownModel(String name) {
        return new HubException(HubException.Kind.INVALID_INPUT, "model_not_found", "perspective.models",
                "'" + name + "' in perspective.models is not a published chat model. GET /v1/models lists them.");
    }

    private static HubException costWeightError() {
        return HubException.invalid("perspective.cost_weight", "invalid_cost_weight",
                "'perspective.cost_weight' is a number from 0 (best quality) to 1 (lowest cost).");
    }

    /** The text of the last user message: a string, or the text parts of an array of content parts. */
    static String lastUserMessage(JsonObject body) {
        if (!(body.get("messages") instanceof JsonArray messages)) {
            return null;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof JsonObject m && "user".equals(m.getString("role", ""))) {
                String text = switch (m.get("content")) {
                    case JsonString s -> s.getString();
                    case JsonArray parts -> parts.stream()
                            .filter(p -> p instanceof JsonObject o && o.get("text") instanceof JsonString)
                            .map(p -> ((JsonObject) p).getString("text")).collect(Collectors.joining("\n"));
                    case null, default -> "";
                };
                return text.isBlank() ? null : text;
            }
        }
        return null;
    }

    /**
     * The reply one attempt writes to. While more candidates remain, a failure before anything was
     * sent is kept here (and not metered: {@link ModelCalls} asks {@link #retryable()}) so the next
     * candidate can answer; anything else goes to the client's reply, after the routing is told
     * and the routed call stored.
     */
    static final class Attempt implements Reply {
        private final Reply client;
        private final Plan plan;
        private final ModelId model;
        private final List<RoutedCall.Attempt> before;
        private final boolean moreToTry;
        private final RoutedCalls owner;
        private boolean started;
        private boolean finished;
        int status;
        int failedStatus;

        Attempt(Reply client, Plan plan, ModelId model, List<RoutedCall.Attempt> before, boolean moreToTry, RoutedCalls owner) {
            this.client = client;
            this.plan = plan;
            this.model = model;
            this.before = before;
            this.moreToTry = moreToTry;
            this.owner = owner;
        }

        /** A failure now may go to the next candidate: nothing reached the client yet. */
        boolean retryable() {
            return moreToTry && !started;
        }

        void failed(int httpStatus) {
            failedStatus = httpStatus;
        }

        @Override
        public void send(int status, String contentType, String body) {
            this.status = status;
            begin(status);
            finish();
            client.send(status, contentType, body);
        }

        @Override
        public void startEvents() throws ClientGone {
            status = 200;
            begin(200);
            client.startEvents();
        }

        @Override
        public void event(String data) throws ClientGone {
            if (data.equals("[DONE]") || data.startsWith("{\"error\"")) {
                finish();
            }
            client.event(data);
        }

        private void begin(int httpStatus) {
            if (!started) {
                started = true;
                client.routed(new RoutedAnswer(plan.decision(), httpStatus < 400 ? model : null, List.copyOf(before)));
            }
        }

        /** Stores the routed call once, before the end of the answer reaches the client. */
        void finish() {
            if (!finished && (started || failedStatus == 0)) {
                finished = true;
                List<RoutedCall.Attempt> all = new ArrayList<>(before);
                int shown = status == 0 ? 499 : status;
                all.add(new RoutedCall.Attempt(model, shown));
                owner.record(plan, shown < 400 ? model : null, all);
            }
        }
    }
}
