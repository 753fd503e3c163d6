package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import java.time.Duration;

/**
 * The routing module's API: chooses the model for a {@code perspective/auto} request and learns
 * from how its choices turn out.
 *
 * <p>The gateway {@linkplain #configure configures} it with the published chat models (again when
 * the catalog changes), asks it to {@linkplain #route route} each {@code perspective/auto}
 * request, {@linkplain #observe reports} every upstream call's latency and outcome, and passes on
 * users' {@linkplain #feedback thumbs up and down}. Thread-safe; {@link #route} is cheap enough
 * for every request (one in-process embedding plus a few milliseconds of arithmetic).
 */
public interface Router {

    /** The model name callers send to let the hub choose. */
    String AUTO = "perspective/auto";

    /**
     * Replaces the routed models: embeds their cards and example prompts (embeddings of texts seen
     * before are reused), calibrates the fallback threshold on held-out examples and swaps the new
     * models in atomically. Takes seconds for thousands of examples: call it off the request path.
     * Feedback received so far is applied again to the new models.
     */
    RoutingCalibration configure(RoutingSetup setup);

    /** Chooses a model; a {@link ai.perspective.shared.HubException} (conflict) before the first {@link #configure}. */
    RoutingDecision route(RoutingRequest request);

    /**
     * A user's verdict on the answer to a routed request. Unknown decisions (too old, or from
     * before a restart) are ignored: returns whether the feedback was applied.
     */
    boolean feedback(Feedback feedback);

    /** One upstream call of a routed model finished: feeds its recent latency and error rate. */
    void observe(ModelId model, Duration latency, boolean failed);

    /**
     * Learns from a stored verdict on the answer {@code model} gave to {@code prompt} (e.g. feedback
     * replayed at start-up, when its decision is long forgotten). Kept for later
     * re-configurations too. Returns whether the model is routed now (else it is only kept).
     */
    boolean learn(String prompt, ModelId model, boolean helpful);

    /** The request text of a recent decision, while the router remembers it (not across restarts). */
    java.util.Optional<String> prompt(RoutingDecisionId decision);

    /** What is routed now: empty before the first {@link #configure}. */
    java.util.Optional<Routed> routed();

    /** The routed models, the general model and the calibration of the current configuration. */
    record Routed(java.util.List<ModelId> models, ModelId generalModel, RoutingCalibration calibration,
            java.time.Instant configuredAt) {
    }
}
