package ai.perspective.routing.domain;

/**
 * What the router weighs besides content: the price relative to the dearest routed model (0..1),
 * and the recent mean latency and error rate (0..1) of calls to the model.
 */
public record ModelFacts(double relativePrice, double latencyMillis, double errorRate) {

    public ModelFacts {
        if (!(relativePrice >= 0 && relativePrice <= 1) || !(latencyMillis >= 0) || !(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("relative price and error rate in 0..1, latency non-negative");
        }
    }

    /** Latency mapped to 0..1: half at one second. */
    double latencyPenalty() {
        return latencyMillis / (latencyMillis + 1000);
    }
}
