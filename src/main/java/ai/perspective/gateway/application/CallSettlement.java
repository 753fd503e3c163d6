package ai.perspective.gateway.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.gateway.ModelUsed;
import ai.perspective.rewards.Charges;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
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

    /** Calls per model since the last flush: the catalog re-indexes a model per update, so updates are batched. */
    private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
    @Resource
    ManagedScheduledExecutorService scheduler;
    private ScheduledFuture<?> flushing;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        flushing = scheduler.scheduleWithFixedDelay(this::flushCalls, 10, 10, TimeUnit.SECONDS);
    }

    void countCall(@Observes ModelUsed used) {
        if (used.succeeded()) {
            calls.computeIfAbsent(used.model(), m -> new LongAdder()).increment();
        }
    }

    /** Popularity counts are approximate by design: a crash between flushes loses at most 10 s of them. */
    void flushCalls() {
        for (String model : List.copyOf(calls.keySet())) {
            LongAdder count = calls.remove(model);
            long n = count == null ? 0 : count.sum();
            if (n > 0) {
                try {
                    catalog.recordCalls(ModelId.parse(model), n);
                } catch (RuntimeException e) {
                    LOG.warning("Could not add " + n + " calls to " + model + ": " + e.getMessage());
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        flushCalls();
    }

    /**
     * Settles the holds of finished calls in one ledger commit: a call with a cost is charged (at
     * most its hold) and split; a failed or free one has its hold released; a call without a hold
     * (free model) is left alone. Idempotent, so a redelivered event charges nothing twice.
     *
     * @param ranHere the calls ran on this server since it started, so the charges know whether they made a
     *                hold for them without reading the ledger; false for events that may be of an earlier run
     * @return the request ids that could not be settled now (to be delivered again)
     */
    Set<UUID> settleAll(List<ModelUsed> used, boolean ranHere) {
        if (used.isEmpty()) {
            return Set.of();
        }
        List<Charges.Settlement> settlements = new ArrayList<>(used.size());
        Map<String, BigInteger> costs = new HashMap<>();
        for (ModelUsed u : used) {
            String key = u.requestId().toString();
            costs.put(key, u.cost());
            // a second's margin: the end and the duration come from different clocks
            Instant startedAt = ranHere ? u.at().minusMillis(u.latencyMillis()).minusSeconds(1) : null;
            settlements.add(new Charges.Settlement(key, u.cost(), Charges.Beneficiaries.creatorOnly(u.creator(), u.model()),
                    startedAt));
        }
        Set<UUID> unsettled = new HashSet<>();
        for (Charges.Settled settled : charges.settleAll(settlements).values()) {
            if (!settled.succeeded()) {
                LOG.log(Level.WARNING, "Call " + settled.requestKey() + " not settled; will retry", settled.failure());
                unsettled.add(UUID.fromString(settled.requestKey()));
            } else if (settled.hold() != null && costs.get(settled.requestKey()) != null
                    && settled.charged().compareTo(costs.get(settled.requestKey())) < 0) {
                // more than the hold, or a hold that expired before the call ended and a balance spent meanwhile
                LOG.warning("Call " + settled.requestKey() + " cost " + costs.get(settled.requestKey()) + " but only "
                        + settled.charged() + " could be charged");
            }
        }
        return unsettled;
    }
}
