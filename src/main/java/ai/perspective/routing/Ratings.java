package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;

/**
 * Users rate answers of {@code perspective/auto}: the rating teaches the router at once and is
 * stored as the rater's own data contribution in the vault (replayed into the router at start-up).
 */
public interface Ratings {

    /**
     * Rates the answer of a routed response. Errors: 404 {@code unknown-response} (no routed
     * response has that id), 403 {@code not-your-response}, 409 {@code response-unanswered} (no
     * model answered it), 400 {@code wrong-model} (it names another model than the one that
     * answered), 409 {@code already-rated} (rated before with another verdict; the same verdict
     * again is accepted and changes nothing).
     */
    Rated rate(AccountId rater, Rating rating);

    /**
     * @param response the response id ({@code X-Request-Id}, which is also the decision id)
     * @param model optional: the model the rater believes answered
     * @param reason optional, up to 500 characters
     */
    record Rating(RoutingDecisionId response, ModelId model, boolean helpful, String reason) {
    }

    /**
     * @param created false when the same rating was given before
     * @param learned whether the router learned from it now (false when it no longer remembers
     *     the request, e.g. after a restart: it is still stored)
     */
    record Rated(RoutingDecisionId response, ModelId model, boolean helpful, String reason, boolean created,
            boolean learned) {
    }
}
