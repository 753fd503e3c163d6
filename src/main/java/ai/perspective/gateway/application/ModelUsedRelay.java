package ai.perspective.gateway.application;

import ai.perspective.gateway.ModelUsed;
import ai.perspective.gateway.persistence.JdbcOutbox;
import ai.perspective.gateway.persistence.JdbcOutbox.PendingEvent;
import ai.perspective.gateway.persistence.JdbcUsageJournal.OutboxWritten;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers {@link ModelUsed} events from the outbox, at least once: right after each journal
 * commit, and every few seconds for whatever an earlier run (or a crash) left behind. Each batch is
 * first settled with the ledger as a whole ({@link CallSettlement#settleAll}, one commit), then
 * fired to the observers. An event that could not be settled, or whose observer fails, stays in
 * the outbox and is tried again on the next pass; the events after it are delivered meanwhile.
 */
@ApplicationScoped
public class ModelUsedRelay {

    private static final Logger LOG = Logger.getLogger(ModelUsedRelay.class.getName());
    private static final int BATCH = 500;

    @Inject
    JdbcOutbox outbox;
    @Inject
    CallSettlement settlement;
    @Inject
    Event<ModelUsed> modelUsed;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ScheduledFuture<?> sweep;

    /** Schedules the sweep at start-up; the first run is a few seconds later, off the start-up path. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sweep = scheduler.scheduleWithFixedDelay(this::relay, 5, 5, TimeUnit.SECONDS);
    }

    void afterCommit(@Observes OutboxWritten written) {
        if (scheduled.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                scheduled.set(false);
                relay();
            });
        }
    }

    synchronized void relay() {
        try {
            List<PendingEvent> events;
            do {
                events = outbox.pending(BATCH);
                // the money first, for the whole batch in one ledger commit; a call it could not settle stays for the next pass
                Set<UUID> unsettled = settlement.settleAll(events.stream().map(PendingEvent::event).toList());
                List<UUID> delivered = new ArrayList<>(events.size());
                for (PendingEvent pending : events) {
                    if (unsettled.contains(pending.event().requestId())) {
                        continue;
                    }
                    try {
                        modelUsed.fire(pending.event());
                        delivered.add(pending.id());
                    } catch (RuntimeException e) {
                        // stays in the outbox for the next pass; one failing event must not hold up the others
                        LOG.log(Level.WARNING, "An observer failed on ModelUsed " + pending.id() + "; will retry", e);
                    }
                }
                outbox.markPublished(delivered);
                if (delivered.isEmpty()) {
                    return;
                }
            } while (events.size() == BATCH);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox relay failed; will retry", e);
        }
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}
