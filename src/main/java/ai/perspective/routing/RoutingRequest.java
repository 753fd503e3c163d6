package ai.perspective.routing;

import ai.perspective.shared.HubException;

/**
 * What to route: the user's request as text (for chat, e.g. the last user message, or the
 * conversation's user turns joined) and the caller's cost–quality trade-off, from 0 (best fit,
 * whatever it costs) to 1 (the cheapest model that still fits).
 */
public record RoutingRequest(String prompt, double costWeight) {

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
    }

    public static RoutingRequest of(String prompt) {
        return new RoutingRequest(prompt, DEFAULT_COST_WEIGHT);
    }
}
