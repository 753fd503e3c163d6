package ai.perspective.routing;

import ai.perspective.catalog.ModelId;

/**
 * A user's thumbs up ({@code helpful}) or down on the answer that {@code model} gave to the request
 * of routing decision {@code decision}.
 */
public record Feedback(RoutingDecisionId decision, ModelId model, boolean helpful) {

    public Feedback {
        if (decision == null || model == null) {
            throw ai.perspective.shared.HubException.invalid("decision", "invalid-feedback",
                    "Feedback names the routing decision and the model that answered.");
        }
    }
}
