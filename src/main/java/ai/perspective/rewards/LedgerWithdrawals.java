package ai.perspective.rewards;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Withdrawals of spendable POV to a wallet linked to the account. A withdrawal is a pending
 * ledger transfer from the account's spendable balance to the chain boundary, committed together
 * with the chain module's request to send the ERC-20 transfer; it is posted when the transfer is
 * confirmed on chain and voided when it failed. Deposits need no call: the chain module reports
 * them and the ledger credits them.
 */
public interface LedgerWithdrawals {

    /**
     * Withdraws {@code amount} base units to {@code address}, a wallet linked to {@code owner}.
     * Idempotent on {@code id}. Bad input is a 400 (e.g. {@code invalid-address},
     * {@code wallet-not-linked}); more than the available balance a 409 {@code insufficient-balance}
     * that changes nothing.
     */
    Withdrawal withdraw(AccountId owner, UUID id, String address, BigInteger amount);

    Optional<Withdrawal> withdrawal(AccountId owner, UUID id);

    /** The owner's withdrawals, newest first. */
    List<Withdrawal> withdrawals(AccountId owner, int limit);

    enum State {
        /** Reserved on the ledger; the chain transfer is queued or sent. */
        PENDING,
        /** Confirmed on chain; the ledger transfer is posted. */
        COMPLETED,
        /** The chain transfer failed; the ledger transfer is voided and the POV is spendable again. */
        FAILED
    }

    /**
     * @param chainState the chain module's view (PENDING, SUBMITTED, CONFIRMED, FAILED), null if unknown
     */
    record Withdrawal(UUID id, String address, BigInteger amount, State state, String chainState,
            String transactionHash, Instant requestedAt, Instant finishedAt, String error) {
    }
}
