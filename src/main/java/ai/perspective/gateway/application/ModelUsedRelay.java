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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers {@link ModelUsed} events from the outbox, at least once. Right after each journal commit
 * the committed events are delivered from memory (the journal hands them over); every few seconds a
 * sweep reads the outbox table for whatever is still undelivered after a while: events of a run that
 * crashed, or whose delivery failed. Each batch is first settled with the ledger as a whole
 * ({@link CallSettlement#settleAll}, one commit), then fired to the observers, then removed from the outbox.
 * An event that could not be settled, or whose observer fails, stays in the outbox for the sweep;
 * the events after it are delivered meanwhile.
 */
@ApplicationScoped
public class ModelUsedRelay {

    private static final Logger LOG = Logger.getLogger(ModelUsedRelay.class.getName());
    private static final int BATCH = 500;
    /** Undelivered for this long, an event is the sweep's: the fast path would have had it long ago. */
    private static final Duration LEFT_OVER = Duration.ofSeconds(10);
    /** How long committed events wait to be delivered together; settling is off the call's path anyway. */
    private static final Duration GATHER = Duration.ofMillis(20);

    @Inject
    JdbcOutbox outbox;
    @Inject
    CallSettlement settlement;
    @Inject
    Event<ModelUsed> modelUsed;
    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Committed, not yet delivered: filled by the journal's writer, emptied by {@link #deliverFresh}. */
    private final Queue<PendingEvent> fresh = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ScheduledFuture<?> sweep;

    /** Schedules the sweep at start-up; the first run is a few seconds later, off the start-up path. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
    }

    void afterCommit(@Observes OutboxWritten written) {
        fresh.addAll(written.events());
        if (scheduled.compareAndSet(false, true)) {
            // a moment's wait gathers the commits of several journal batches into one delivery: under load
            // that is a few ledger and outbox statements per hundreds of calls instead of per handful
            scheduler.schedule(() -> {
                scheduled.set(false);
                deliverFresh();
            }, GATHER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Delivers what was committed until now; what is committed meanwhile waits for the next pass, gathering too. */
    synchronized void deliverFresh() {
        List<PendingEvent> all = new ArrayList<>();
        for (PendingEvent next; (next = fresh.poll()) != null; ) {
            all.add(next);
        }
        for (int from = 0; from < all.size(); from += BATCH) {
            deliver(all.subList(from, Math.min(all.size(), from + BATCH)), true);
        }
    }

    synchronized void sweep() {
        try {
            List<PendingEvent> events;
            do {
                events = outbox.pending(Instant.now().minus(LEFT_OVER), BATCH);
                if (deliver(events, false) == 0) {
                    return;
                }
            } while (events.size() == BATCH);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox sweep failed; will retry", e);
        }
    }

    /**
     * Settles, fires and marks one batch; what fails stays in the outbox for the sweep. Returns how many were delivered.
     *
     * @param ranHere whether the calls certainly ran on this server since it started (events handed over by its
     *                journal); the sweep's may be of an earlier run
     */
    private int deliver(List<PendingEvent> events, boolean ranHere) {
        if (events.isEmpty()) {
            return 0;
        }
        try {
            // the money first, for the whole batch in one ledger commit; a call it could not settle stays for the sweep
            Set<UUID> unsettled = settlement.settleAll(events.stream().map(PendingEvent::event).toList(), ranHere);
            List<UUID> delivered = new ArrayList<>(events.size());
            for (PendingEvent pending : events) {
                if (unsettled.contains(pending.event().requestId())) {
                    continue;
                }
                try {
                    modelUsed.fire(pending.event());
                    delivered.add(pending.id());
                } catch (RuntimeException e) {
                    // stays in the outbox for the sweep; one failing event must not hold up the others
                    LOG.log(Level.WARNING, "An observer failed on ModelUsed " + pending.id() + "; will retry", e);
                }
            }
            outbox.delivered(delivered);
            return delivered.size();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox relay failed; the sweep will retry", e);
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}
