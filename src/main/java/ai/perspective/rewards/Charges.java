package ai.perspective.rewards;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Charging around a model call: hold the most the call can cost before the upstream call, then
 * settle the real cost (split between the beneficiaries) or release the hold. Every method runs in
 * a transaction of its own, so a failing caller never half-writes money, and every method is
 * idempotent, so a caller may retry any of them after a timeout.
 */
public interface Charges {

    /**
     * Reserves up to {@code maximum} from the payer's spendable balance (pending transfer, id
     * derived from requestKey). Throws HubException kind PAYMENT_REQUIRED when the balance does not
     * cover it. Idempotent on requestKey.
     */
    Hold hold(String requestKey, AccountId payer, BigInteger maximum);

    /** Posts {@code cost} (<= hold amount) and splits it for {@code creator} of {@code model}, voids the rest. Idempotent. */
    void settle(Hold hold, BigInteger cost, AccountId creator, String model);

    /**
     * As {@link #settle(Hold, BigInteger, AccountId, String)}, paying the node operators and data
     * contributors their shares too (split equally within each group; remainders go to the creator).
     */
    void settle(Hold hold, BigInteger cost, Beneficiaries beneficiaries);

    /**
     * Voids the whole hold (upstream failed or client was refused). Idempotent. A hold that was
     * already settled cannot be released: that is a conflict.
     */
    void release(Hold hold);

    /** The hold of a request, if one was made and whatever its state. */
    Optional<Hold> find(String requestKey);

    /**
     * The holds of many requests at once (one database read for those this server does not
     * remember), by request key; keys without a hold are absent.
     */
    default Map<String, Hold> findAll(Collection<String> requestKeys) {
        Map<String, Hold> found = new LinkedHashMap<>();
        for (String key : requestKeys) {
            find(key).ifPresent(hold -> found.put(key, hold));
        }
        return found;
    }

    /**
     * Settles or releases the holds of many finished calls with one commit: per settlement, a cost
     * above zero is charged (capped at the hold) and split, a zero or null cost releases the hold;
     * a request without a hold is skipped. A hold voided before its settlement arrived (it expired:
     * the call outlived {@code holds.timeout-seconds}) is charged late, from the payer's balance as
     * it is then and as far as it covers the cost. Each settlement succeeds or fails on its own (failures
     * are returned, not thrown) and is idempotent like {@link #settle}. For a relay that delivers
     * many finished calls at once.
     *
     * @return per request key, in the order given, what happened
     */
    default Map<String, Settled> settleAll(List<Settlement> settlements) {
        Map<String, Settled> results = new LinkedHashMap<>();
        for (Settlement s : settlements) {
            Optional<Hold> hold = find(s.requestKey());
            if (hold.isEmpty()) {
                results.put(s.requestKey(), new Settled(s.requestKey(), null, BigInteger.ZERO, null));
                continue;
            }
            BigInteger cost = s.cost() == null ? BigInteger.ZERO : s.cost().min(hold.get().amount());
            try {
                if (cost.signum() > 0) {
                    settle(hold.get(), cost, s.beneficiaries());
                } else {
                    release(hold.get());
                }
                results.put(s.requestKey(), new Settled(s.requestKey(), hold.get(), cost, null));
            } catch (RuntimeException e) {
                results.put(s.requestKey(), new Settled(s.requestKey(), hold.get(), BigInteger.ZERO, e));
            }
        }
        return results;
    }

    record Hold(String requestKey, AccountId payer, BigInteger amount) {
    }

    /**
     * What a finished call costs its payer; {@code cost} zero or null releases the hold.
     * {@code startedAt}, when known, is no later than the call's hold would have been made: a call
     * this server started after it began remembering holds, and whose hold it does not remember,
     * has none (a free model), and no database read is needed to know it.
     */
    record Settlement(String requestKey, BigInteger cost, Beneficiaries beneficiaries, Instant startedAt) {

        public Settlement(String requestKey, BigInteger cost, Beneficiaries beneficiaries) {
            this(requestKey, cost, beneficiaries, null);
        }
    }

    /**
     * The result of one {@link Settlement}: {@code hold} null when the request had none (nothing
     * done); {@code charged} what was posted (zero for a release); {@code failure} non-null when
     * it could not be settled (e.g. a conflict, or the database was down: try again later).
     */
    record Settled(String requestKey, Hold hold, BigInteger charged, RuntimeException failure) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    /** Who is paid from a charge besides the treasury. Empty lists: that share goes to the creator. */
    record Beneficiaries(AccountId creator, String model, List<AccountId> nodeOperators, List<AccountId> dataContributors) {

        public Beneficiaries {
            Objects.requireNonNull(creator, "creator");
            nodeOperators = nodeOperators == null ? List.of() : List.copyOf(nodeOperators);
            dataContributors = dataContributors == null ? List.of() : List.copyOf(dataContributors);
        }

        public static Beneficiaries creatorOnly(AccountId creator, String model) {
            return new Beneficiaries(creator, model, List.of(), List.of());
        }
    }
}
