package ai.perspective.gateway.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.ModelUsed;
import ai.perspective.rewards.Charges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.logging.Logger;

/**
 * Turns each relayed {@link ModelUsed} into money and figures: the call's hold is settled at its
 * metered cost (split by the ledger between creator, treasury, ...) or released when the call
 * failed; the model's call count (its "most used" rank) grows. The relay delivers at least once and the ledger is
 * idempotent on the request, so a redelivery charges nothing twice.
 */
@ApplicationScoped
public class CallSettlement {

    private static final Logger LOG = Logger.getLogger(CallSettlement.class.getName());

    @Inject
    Charges charges;
    @Inject
    Catalog catalog;

    void countCall(@Observes ModelUsed used) {
        if (used.succeeded()) {
            catalog.recordCalls(ModelId.parse(used.model()), 1);
        }
    }

    void settle(@Observes ModelUsed used) {
        charges.find(used.requestId().toString()).ifPresent(hold -> {
            if (used.cost().signum() > 0) {
                BigInteger cost = used.cost().min(hold.amount());
                if (cost.compareTo(used.cost()) < 0) {
                    LOG.warning("Call " + used.requestId() + " cost " + used.cost() + " but only " + hold.amount()
                            + " was held; the caller is charged the hold");
                }
                charges.settle(hold, cost, used.creator(), used.model());
            } else {
                charges.release(hold);
            }
        });
    }
}
