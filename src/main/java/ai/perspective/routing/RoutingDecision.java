package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import java.util.List;

/**
 * The router's choice and why.
 *
 * @param model the model to call
 * @param confidence how sure the router is that some model fits, 0..1: the share of held-out
 *     answerable requests that fitted worse than this one
 * @param fallback true when no model fitted well enough and {@code model} is the general model
 * @param candidates every routed model, the chosen one first, then by score; the gateway may
 *     try them in this order when a call fails
 * @param reasons short human sentences, e.g. for a response header or the UI
 */
public record RoutingDecision(RoutingDecisionId id, ModelId model, double confidence, boolean fallback,
        List<Candidate> candidates, List<String> reasons) {

    /**
     * One model's score and its parts.
     *
     * @param fit the weighted fit: example prompts by meaning and by wording, classifier, card
     * @param score fit minus price and reliability penalties: what ranks eligible models
     * @param eligible whether its fit reached the threshold (for a fallback: only the general model)
     */
    public record Candidate(ModelId model, double score, double fit, double exampleFit, double lexicalFit, double classifier,
            double cardFit, double pricePenalty, double reliabilityPenalty, boolean eligible) {
    }
}
