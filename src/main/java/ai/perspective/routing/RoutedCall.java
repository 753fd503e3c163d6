package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;
import java.time.Instant;
import java.util.List;

/**
 * A {@code perspective/auto} call as the gateway ran it, for {@link RoutingAdmin#record}: the
 * decision, the models tried in order (the fallback chain) and which one answered (null when none did).
 *
 * @param generalFallback the router sent the request to the general model for want of a confident fit
 */
public record RoutedCall(RoutingDecisionId decision, AccountId account, ModelId chosen, ModelId answered,
        List<Attempt> attempts, boolean generalFallback, List<RoutingDecision.Candidate> candidates, Instant at) {

    public RoutedCall {
        attempts = List.copyOf(attempts);
        candidates = List.copyOf(candidates);
    }

    /** One model tried: its HTTP status as the client would have seen it (200 when it answered). */
    public record Attempt(ModelId model, int status) {
    }
}
