package ai.perspective.routing;

/**
 * What {@link Router#configure} learned about its threshold, measured on held-out example prompts
 * (answerable) and on the setup's out-of-scope examples; NaN where there was nothing to measure.
 *
 * @param threshold best fit below which requests go to the general model
 * @param heldOutAccuracy share of held-out example prompts routed to their own model
 * @param outOfScopeRecall share of out-of-scope examples sent to the general model
 */
public record RoutingCalibration(double threshold, double fallbackBudget, int heldOut, double heldOutAccuracy,
        int outOfScope, double outOfScopeRecall) {
}
