package ai.perspective.rewards;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.util.List;
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

    record Hold(String requestKey, AccountId payer, BigInteger amount) {
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
