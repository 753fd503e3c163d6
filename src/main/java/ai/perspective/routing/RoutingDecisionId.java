package ai.perspective.routing;

import java.util.UUID;

/** Names one routing decision, so that feedback on its answer finds it (e.g. in a response header). */
public record RoutingDecisionId(UUID value) {

    public RoutingDecisionId {
        if (value == null) {
            throw new IllegalArgumentException("a decision id has a value");
        }
    }

    public static RoutingDecisionId random() {
        return new RoutingDecisionId(UUID.randomUUID());
    }

    public static RoutingDecisionId parse(String text) {
        return new RoutingDecisionId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
