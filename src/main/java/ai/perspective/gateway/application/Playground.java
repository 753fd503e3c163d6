package ai.perspective.gateway.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.application.ModelCalls.Call;
import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
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
    }

    public record Message(String role, String content) {
    }

    @Inject
    Catalog catalog;
    @Inject
    ModelCalls calls;

    /** Published chat models the playground offers. */
    public List<Catalog.ModelCard> chatModels() {
        return catalog.published().stream().filter(m -> m.tasks().contains(Catalog.Task.CHAT)).toList();
    }

    /** Starts the call on a virtual thread and returns at once. */
    public void chat(AccountId account, ModelId model, List<Message> conversation, Listener listener) {
        Catalog.Route route = catalog.route(model).orElse(null);
        if (route == null || !route.tasks().contains(Catalog.Task.CHAT)
                || !(route.serving() instanceof Catalog.ExternalEndpoint)) {
            listener.failed("The model " + model + " cannot chat right now.");
            return;
        }
        var messages = JSON_P.createArrayBuilder();
        conversation.forEach(m -> messages.add(JSON_P.createObjectBuilder().add("role", m.role()).add("content", m.content())));
        JsonObject body = JSON_P.createObjectBuilder().add("model", model.toString()).add("messages", messages)
                .add("stream", true).build();
        Call call = new Call(UUID.randomUUID(), account, null, route, Catalog.Task.CHAT, body, true, null, System.nanoTime());
        try {
            calls.hold(call);
        } catch (HubException e) {
            listener.failed(e.getMessage());
            return;
        }
        Thread.ofVirtual().name("playground-" + call.requestId()).start(() -> calls.forward(call, new ListenerReply(call, listener)));
    }

    /** Turns the SSE answer back into tokens for the listener. */
    private record ListenerReply(Call call, Listener listener) implements Reply {

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
                chunk = JSON_P.createReader(new StringReader(data)).readObject();
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
                return JSON_P.createReader(new StringReader(body)).readObject().getJsonObject("error").getString("message");
            } catch (RuntimeException e) {
                return "The call failed (HTTP " + status + ").";
            }
        }
    }
}
