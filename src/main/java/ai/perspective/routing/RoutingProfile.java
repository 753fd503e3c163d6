package ai.perspective.routing;

import ai.perspective.catalog.ModelId;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * One routed model as the router sees it. The gateway fills it from the catalog (card text:
 * title and description; price: input plus output POV base units per million tokens) and from
 * what it measured (latency, error rate; {@link Duration#ZERO} and 0 for a model not called yet).
 *
 * @param examplePrompts requests the creator says the model is good at; the more, the better the fit
 */
public record RoutingProfile(ModelId model, String card, List<String> examplePrompts, BigInteger pricePerMillion,
        Duration recentLatency, double recentErrorRate) {

    public RoutingProfile {
        if (model == null) {
            throw HubException.invalid("model", "invalid-routing-profile", "A routing profile names its model.");
        }
        card = card == null ? "" : card.strip();
        examplePrompts = examplePrompts == null ? List.of()
                : examplePrompts.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
        if (card.isEmpty() && examplePrompts.isEmpty()) {
            throw HubException.invalid("card", "invalid-routing-profile",
                    "Model " + model + " has neither a description nor example prompts: nothing to route by.");
        }
        if (pricePerMillion == null || pricePerMillion.signum() < 0) {
            throw HubException.invalid("pricePerMillion", "invalid-routing-profile", "A price is zero or more.");
        }
        recentLatency = recentLatency == null ? Duration.ZERO : recentLatency;
        if (recentLatency.isNegative() || !(recentErrorRate >= 0 && recentErrorRate <= 1)) {
            throw HubException.invalid("recentErrorRate", "invalid-routing-profile",
                    "Latency is not negative and the error rate is between 0 and 1.");
        }
    }
}
