package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import ai.perspective.shared.HubException;
import java.util.List;

/**
 * The models to route between and how careful to be.
 *
 * @param generalModel the hub's designated general model: where requests go that no model fits
 *     with confidence; must be one of {@code profiles}
 * @param outOfScopeExamples optional requests known to fit no specialist: they measure how many such
 *     requests the calibrated threshold sends to the general model
 * @param fallbackBudget the share of requests a specialist could answer that may go to the general
 *     model instead (e.g. 0.006): the threshold is calibrated to it on held-out example prompts
 */
public record RoutingSetup(List<RoutingProfile> profiles, ModelId generalModel, List<String> outOfScopeExamples,
        double fallbackBudget) {

    /**
     * 0.6 %: on CLINC150 it sends about as many answerable validation requests to the general
     * model (0.6 %) as it budgets, and catches about two thirds of the out-of-scope ones.
     */
    public static final double DEFAULT_FALLBACK_BUDGET = 0.006;

    public RoutingSetup {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        outOfScopeExamples = outOfScopeExamples == null ? List.of() : List.copyOf(outOfScopeExamples);
        if (profiles.isEmpty()) {
            throw HubException.invalid("profiles", "no-routed-models", "Routing needs at least one model.");
        }
        if (profiles.stream().map(RoutingProfile::model).distinct().count() != profiles.size()) {
            throw HubException.invalid("profiles", "duplicate-routed-model", "Each model has one routing profile.");
        }
        if (profiles.stream().noneMatch(p -> p.model().equals(generalModel))) {
            throw HubException.invalid("generalModel", "unknown-general-model",
                    "The general model " + generalModel + " must be one of the routed models.");
        }
        if (!(fallbackBudget >= 0 && fallbackBudget < 0.5)) {
            throw HubException.invalid("fallbackBudget", "invalid-fallback-budget",
                    "The fallback budget is a share from 0 to 0.5, e.g. 0.006.");
        }
    }

    public RoutingSetup(List<RoutingProfile> profiles, ModelId generalModel) {
        this(profiles, generalModel, List.of(), DEFAULT_FALLBACK_BUDGET);
    }
}
