package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import ai.perspective.shared.HubException;
import java.util.Set;

/**
 * What to route: the user's request as text (for chat, e.g. the last user message, or the
 * conversation's user turns joined) and the caller's cost–quality trade-off, from 0 (best fit,
 * whatever it costs) to 1 (the cheapest model that still fits).
 *
 * @param id the decision's id (e.g. the gateway's request id, so that feedback on the response
 *     finds the decision); null for a random one
 * @param allowed the models the caller accepts; empty for every routed model. The decision's
 *     candidates are only these, in the order the router ranks them
 */
public record RoutingRequest(String prompt, double costWeight, RoutingDecisionId id, Set<ModelId> allowed) {

    /** The trade-off when the caller sets none. */
    public static final double DEFAULT_COST_WEIGHT = 0;

    public RoutingRequest {
        if (prompt == null || prompt.isBlank()) {
            throw HubException.invalid("prompt", "empty-prompt", "There is nothing to route: the request has no text.");
        }
        if (!(costWeight >= 0 && costWeight <= 1)) {
            throw HubException.invalid("costWeight", "invalid-cost-weight",
                    "The cost–quality trade-off is a number from 0 (best quality) to 1 (lowest cost).");
        }
        allowed = allowed == null ? Set.of() : Set.copyOf(allowed);
    }

    public RoutingRequest(String prompt, double costWeight) {
        this(prompt, costWeight, null, Set.of());
    }

    public static RoutingRequest of(String prompt) {
        return new RoutingRequest(prompt, DEFAULT_COST_WEIGHT);
    }
}
