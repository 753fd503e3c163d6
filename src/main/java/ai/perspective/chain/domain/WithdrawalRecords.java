package ai.perspective.chain.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The withdrawal outbox. */
public interface WithdrawalRecords extends OutgoingTransactions<Withdrawal> {

    /** Adds the withdrawal unless its id is there already; returns the stored one. */
    Withdrawal addIfAbsent(Withdrawal withdrawal);

    Optional<Withdrawal> byId(UUID id);

    /** CONFIRMED and FAILED withdrawals whose outcome the ledger has not taken yet, due at {@code now}. */
    List<Withdrawal> undelivered(Instant now, int limit);

    /** The ledger took the outcome. */
    void delivered(UUID id, Instant at);

    /** The ledger did not take the outcome (e.g. the database was busy): offer it again later. */
    void deliveryFailed(UUID id, String error, Instant retryAt);
}
