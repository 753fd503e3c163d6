package ai.perspective.chain.domain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An outbox of transactions the hub sends: what the relay needs of it, whatever the transaction is for. */
public interface OutgoingTransactions<T extends OutgoingTransaction> {

    /** PENDING and SUBMITTED rows due at {@code now}, submitted ones (lowest nonce) first, then oldest. */
    List<T> due(Instant now, int limit);

    /** The highest nonce of a SUBMITTED row, if any. */
    Optional<BigInteger> highestOutstandingNonce();

    /**
     * Writes the row's new state if nobody changed it since it was read (optimistic lock).
     *
     * @return false when another writer got there first
     */
    boolean update(T transaction);
}
