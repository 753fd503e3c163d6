package ai.perspective.rewards.application;

import ai.perspective.rewards.HubParameters;
import ai.perspective.rewards.domain.FeeSchedule;
import ai.perspective.rewards.domain.ParameterStore;
import ai.perspective.shared.HubException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ledger's hub parameters: validated as a whole on every change, every change logged. */
@ApplicationScoped
@Transactional
public class ParametersService implements HubParameters {

    static final int MAX_REASON = 500;
    static final int MAX_PAGE = 200;
    private static final Set<String> NAMES = Set.of(FEES_CREATOR_BPS, FEES_TREASURY_BPS, FEES_NODES_BPS, FEES_DATA_BPS,
            GRANTS_SIGNUP, BATCHES_MAX_SECONDS, BATCHES_MAX_TRANSFERS, HOLDS_TIMEOUT_SECONDS);

    @Inject
    ParameterStore store;

    Clock clock = Clock.systemUTC();

    /** The parameters as the ledger uses them. */
    public record Settings(FeeSchedule fees, BigInteger signupGrant, Duration batchMaxAge, int batchMaxTransfers,
            Duration holdTimeout) {
    }

    /**
     * The parameters as the ledger uses them, read at most every {@value #CACHE_MILLIS} ms (every
     * charge's split needs them); a change on this server is seen as soon as it commits.
     */
    public Settings settings() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c != null && now - c.readAt() < CACHE_MILLIS * 1_000_000L) {
            return c.settings();
        }
        Settings settings = parse(values(store.all()));
        cached = new Cached(settings, now);
        return settings;
    }

    static final long CACHE_MILLIS = 2_000;

    private record Cached(Settings settings, long readAt) {
    }

    private volatile Cached cached;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Override
    public List<Parameter> parameters() {
        return store.all();
    }

    @Override
    public List<Parameter> change(Map<String, String> changes, String reason, String changedBy) {
        if (changes == null || changes.isEmpty()) {
            throw HubException.invalid("changes", "missing-field", "Name at least one parameter to change.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw HubException.invalid("reason", "missing-field", "Say why (1 to " + MAX_REASON + " characters): it goes into the audit trail.");
        }
        Map<String, String> current = values(store.allForUpdate());
        Map<String, String> next = new LinkedHashMap<>(current);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (!NAMES.contains(change.getKey())) {
                throw HubException.invalid(change.getKey(), "unknown-parameter", "'" + change.getKey() + "' is not a hub parameter; known: "
                        + String.join(", ", NAMES.stream().sorted().toList()) + ".");
            }
            next.put(change.getKey(), change.getValue() == null ? "" : change.getValue().strip());
        }
        parse(next);
        var now = clock.instant();
        for (Map.Entry<String, String> change : next.entrySet()) {
            String old = current.get(change.getKey());
            if (!change.getValue().equals(old)) {
                store.change(new Change(change.getKey(), old, change.getValue(), now, changedBy, why));
            }
        }
        cached = null;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cached = null;
            }
        });
        return store.all();
    }

    @Override
    public List<Change> history(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw HubException.invalid("limit", "invalid-page", "Use offset >= 0 and 1 <= limit <= " + MAX_PAGE + ".");
        }
        return store.history(offset, limit);
    }

    private static Map<String, String> values(List<Parameter> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach(p -> values.put(p.name(), p.value()));
        return values;
    }

    /** Checks every rule; a bad value is a 400 naming the parameter. */
    static Settings parse(Map<String, String> v) {
        FeeSchedule fees = new FeeSchedule(integer(v, FEES_CREATOR_BPS, 0, FeeSchedule.WHOLE),
                integer(v, FEES_TREASURY_BPS, 0, FeeSchedule.WHOLE), integer(v, FEES_NODES_BPS, 0, FeeSchedule.WHOLE),
                integer(v, FEES_DATA_BPS, 0, FeeSchedule.WHOLE));
        BigInteger grant;
        try {
            grant = new BigInteger(v.get(GRANTS_SIGNUP));
        } catch (NumberFormatException | NullPointerException e) {
            throw HubException.invalid(GRANTS_SIGNUP, "invalid-parameter", GRANTS_SIGNUP + " is an amount in base units (1 POV = 10^18).");
        }
        if (grant.signum() < 0 || grant.bitLength() > 200) {
            throw HubException.invalid(GRANTS_SIGNUP, "invalid-parameter", GRANTS_SIGNUP + " must be >= 0 and reasonable.");
        }
        return new Settings(fees, grant, Duration.ofSeconds(integer(v, BATCHES_MAX_SECONDS, 1, 86_400)),
                integer(v, BATCHES_MAX_TRANSFERS, 1, 100_000), Duration.ofSeconds(integer(v, HOLDS_TIMEOUT_SECONDS, 60, 86_400)));
    }

    private static int integer(Map<String, String> v, String name, int min, int max) {
        try {
            int value = Integer.parseInt(v.get(name));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        throw HubException.invalid(name, "invalid-parameter", name + " must be a whole number from " + min + " to " + max + ".");
    }
}
