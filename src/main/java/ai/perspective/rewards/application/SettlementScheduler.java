package ai.perspective.rewards.application;

import ai.perspective.rewards.Ledger.Transfer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a second, on the server's managed scheduler: seals a settlement batch when one is due
 * (every {@code batches.max-seconds} or {@code batches.max-transfers}) and voids holds older than
 * {@code holds.timeout-seconds} (a gateway that died mid-call never settles or releases them).
 * Scheduling returns at once, so start-up never waits for the database.
 */
@ApplicationScoped
public class SettlementScheduler {

    private static final Logger LOG = Logger.getLogger(SettlementScheduler.class.getName());
    static final int SWEEP_LIMIT = 500;
    /** No hold is expired in the first seconds after start-up (see sweep). */
    static final java.time.Duration SWEEP_GRACE = java.time.Duration.ofSeconds(30);
    private java.time.Instant startedAt = java.time.Instant.EPOCH;

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    LedgerService ledger;
    @Inject
    ChargesService charges;
    @Inject
    ParametersService parameters;
    @Inject
    ai.perspective.rewards.domain.Journal journal;

    Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        startedAt = clock.instant();
        task = scheduler.scheduleWithFixedDelay(this::tick, 2, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void tick() {
        try {
            sweep();
            while (ledger.batchDue() && ledger.sealBatch().isPresent()) {
                // keep sealing while a backlog is due (e.g. after downtime)
            }
        } catch (RuntimeException e) {
            // a database outage must not kill the schedule; the next tick tries again
            LOG.log(Level.WARNING, "Settlement tick failed", e);
        }
    }

    private void sweep() {
        if (clock.instant().isBefore(startedAt.plus(SWEEP_GRACE))) {
            // after a restart the gateway's outbox relay first delivers the usage of calls that
            // finished before the crash; their holds must be settled, not expired
            return;
        }
        List<Transfer> expired = journal.openHolds(clock.instant().minus(parameters.settings().holdTimeout()), SWEEP_LIMIT);
        for (Transfer hold : expired) {
            if (hold.code() != ai.perspective.rewards.Ledger.Code.CHARGE) {
                continue; // a withdrawal's pending transfer waits for the chain, however long that takes
            }
            try {
                charges.expire(hold);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Hold " + hold.id() + " was resolved while expiring", e);
            }
        }
    }
}
