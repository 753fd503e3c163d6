package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import java.time.Instant;
import java.util.Optional;

/**
 * Running the Routing AI: the hub's general model (set by administrators, stored durably), the
 * record of every routed call, and the figures of the Routing page.
 */
public interface RoutingAdmin {

    /** The general model an administrator chose, if any (it may have been unpublished since). */
    Optional<ModelId> generalModelSetting();

    /**
     * ADMIN only: the model that answers when no specialist fits; must be a published chat model.
     * The router is re-configured in the background.
     */
    void setGeneralModel(ModelId model);

    /** Stores a routed call (before its answer ends, so that feedback on it finds it). */
    void record(RoutedCall call);

    /** ADMIN only: what is routed and how routing went. */
    Overview overview();

    /**
     * @param routed what the router routes now (empty while it is first configured, or when no chat model is published)
     * @param state a sentence on where configuration stands, e.g. "ready" or why not
     */
    record Overview(Optional<Router.Routed> routed, String state, Figures figures) {
    }

    /**
     * Since the hub began: routed calls, those the general model got for want of a confident fit,
     * those where a model failed and the next candidate answered, those no model answered, and
     * the users' ratings (helpful share = helpful / rated, NaN when none).
     */
    record Figures(long decisions, long generalFallbacks, long failovers, long unanswered, long rated, long helpful,
            Instant since) {

        public double helpfulShare() {
            return rated == 0 ? Double.NaN : (double) helpful / rated;
        }
    }
}
