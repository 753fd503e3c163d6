package ai.perspective.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends POV from the hub's address to a wallet. {@link #request} only writes an outbox row, in
 * the caller's transaction (the ledger's pending transfer commits with it); the relay that sends
 * anchors sends it with the same nonces and retries, and publishes {@link WithdrawalConfirmed}
 * after enough blocks or {@link WithdrawalFailed} when the transfer reverted, until an observer
 * accepts the outcome.
 */
public interface Withdrawals {

    /**
     * Queues the ERC-20 transfer. Idempotent on {@code id}: the same id, address and amount
     * return the existing withdrawal; the same id with others is a conflict.
     */
    WithdrawalStatus request(UUID id, EthereumAddress to, BigInteger amount);

    Optional<WithdrawalStatus> status(UUID id);

    enum State {
        /** Queued; not yet sent (or sent and lost, to be sent again). */
        PENDING,
        /** A signed transaction was sent; waiting to be mined and confirmed. */
        SUBMITTED,
        /** Mined and buried under the configured number of blocks: the wallet has the POV. */
        CONFIRMED,
        /** The transfer reverted (e.g. the hub's address holds too little POV): nothing moved. */
        FAILED
    }

    record WithdrawalStatus(UUID id, EthereumAddress to, BigInteger amount, State state, String transactionHash,
            Long blockNumber, Instant requestedAt, Instant finishedAt, String error) {
    }
}
