package ai.perspective.gateway.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.application.ModelCalls.Call;
import ai.perspective.identity.AccountId;
import ai.perspective.routing.Ratings;
import ai.perspective.routing.Router;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.shared.HubException;
import ai.perspective.shared.JsonText;
import ai.perspective.shared.TimeOrderedUuid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.UUID;

/**
 * Chat from the UI: the same metered, streamed call as {@code /v1/chat/completions}, made for the
 * signed-in user, with the answer delivered token by token to a listener.
 */
@ApplicationScoped
public class Playground {

    /** Looked up once: {@code Json.*} would search for a provider on every call. */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    /** What the UI hears while the model answers. Called from the call's own thread. */
    public interface Listener {
        void token(String text);

        void finished(UUID requestId);

        void failed(String message);

        /** perspective/auto only: which model answers and why, before its first token. */
        default void routed(RoutedCalls.RoutedAnswer answer) {
        }
    }

    public record Message(String role, String content) {
    }

    @Inject
    Catalog catalog;
    @Inject
    ModelCalls calls;
    @Inject
    RoutedCalls routed;
    @Inject
    Ratings ratings;

    /** The hub's own model, offered first: the router chooses among the others. */
    public static final ModelId AUTO = ModelId.parse(Router.AUTO);

    /** Published chat models the playground offers, perspective/auto first (when there is any). */
    public List<Catalog.ModelCard> chatModels() {
        List<Catalog.ModelCard> chat = catalog.published().stream().filter(m -> m.tasks().contains(Catalog.Task.CHAT)).toList();
        if (chat.isEmpty()) {
            return chat;
        }
        Catalog.ModelCard auto = new Catalog.ModelCard(AUTO, null, "Perspective", "Auto (the hub picks the model)",
                "Routes each message to the published chat model that fits it best.", java.util.Set.of(Catalog.Task.CHAT),
                "Proprietary", 0, java.math.BigInteger.ZERO, java.math.BigInteger.ZERO, Catalog.Status.PUBLISHED,
                new Catalog.BuiltIn("router"), 0, java.time.Instant.EPOCH, java.time.Instant.EPOCH, List.of());
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(auto), chat.stream()).toList();
    }

    /** A thumbs up or down (with an optional reason) on an answer of perspective/auto. */
    public Ratings.Rated rate(AccountId account, UUID requestId, boolean helpful, String reason) {
        return ratings.rate(account, new Ratings.Rating(new RoutingDecisionId(requestId), null, helpful, reason));
    }

    /** Starts the call on a virtual thread and returns at once. */
    public void chat(AccountId account, ModelId model, List<Message> conversation, Listener listener) {
        if (AUTO.equals(model)) {
            chatAuto(account, conversation, listener);
            return;
        }
        Catalog.Route route = catalog.route(model).orElse(null);
        if (route == null || !route.tasks().contains(Catalog.Task.CHAT)
                || !(route.serving() instanceof Catalog.ExternalEndpoint)) {
            listener.failed("The model " + model + " cannot chat right now.");
            return;
        }
        JsonObject body = body(model.toString(), conversation);
        Call call = new Call(TimeOrderedUuid.next(), account, null, route, Catalog.Task.CHAT, body, true, null, System.nanoTime());
        try {
            calls.hold(call);
        } catch (HubException e) {
            listener.failed(e.getMessage());
            return;
        }
        Thread.ofVirtual().name("playground-" + call.requestId()).start(() -> calls.forward(call, new ListenerReply(call, listener)));
    }

    private void chatAuto(AccountId account, List<Message> conversation, Listener listener) {
        RoutedCalls.Plan plan;
        UUID requestId = TimeOrderedUuid.next();
        try {
            JsonObject body = body(Router.AUTO, conversation);
            plan = routed.hold(routed.plan(requestId, account, null, body, true, null, System.nanoTime(),
                    new RoutedCalls.Steering(java.util.Set.of(), ai.perspective.routing.RoutingRequest.DEFAULT_COST_WEIGHT)));
        } catch (HubException e) {
            listener.failed(e.getMessage());
            return;
        }
        Thread.ofVirtual().name("playground-" + requestId).start(() -> routed.forward(plan, new ListenerReply(plan.first(), listener)));
    }

    private static JsonObject body(String model, List<Message> conversation) {
        var messages = JSON_P.createArrayBuilder();
        conversation.forEach(m -> messages.add(JSON_P.createObjectBuilder().add("role", m.role()).add("content", m.content())));
        return JSON_P.createObjectBuilder().add("model", model).add("messages", messages).add("stream", true).build();
    }

    /** Turns the SSE answer back into tokens for the listener. */
    private record ListenerReply(Call call, Listener listener) implements Reply {

        @Override
        public void routed(RoutedCalls.RoutedAnswer answer) {
            listener.routed(answer);
        }

        @Override
        public void send(int status, String contentType, String body) {
            listener.failed(errorMessage(body, status));
        }

        @Override
        public void startEvents() {
            // nothing to set up: events go straight to the listener
        }

        @Override
        public void event(String data) {
            if (data.equals("[DONE]")) {
                listener.finished(call.requestId());
                return;
            }
            JsonObject chunk;
            try {
                chunk = JsonText.readObject(data);
            } catch (JsonException e) {
                return;
            }
            if (chunk.containsKey("error")) {
                listener.failed(errorMessage(data, 503));
                return;
            }
            if (chunk.get("choices") instanceof JsonArray choices) {
                for (JsonValue choice : choices) {
                    if (choice instanceof JsonObject c && c.get("delta") instanceof JsonObject delta
                            && delta.get("content") instanceof JsonString content) {
                        listener.token(content.getString());
                    }
                }
            }
        }

        private static String errorMessage(String body, int status) {
            try {
                return JsonText.readObject(body).getJsonObject("error").getString("message");
            } catch (RuntimeException e) {
                return "The call failed (HTTP " + status + ").";
            }
        }
    }
}
