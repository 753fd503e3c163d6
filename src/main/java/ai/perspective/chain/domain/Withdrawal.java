package ai.perspective.chain.domain;

import ai.perspective.chain.EthereumAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * POV the hub sends from its own address to a user's wallet: an ERC-20 transfer through the
 * relay (see {@link OutgoingTransaction}). It ends CONFIRMED after enough blocks, or FAILED when
 * the transfer reverted; either way its outcome is then delivered to the ledger until it is
 * accepted ({@link #delivered}).
 */
public class Withdrawal extends OutgoingTransaction {

    private final EthereumAddress to;
    private final BigInteger amount;
    private final Instant deliveredAt;

    public Withdrawal(UUID id, EthereumAddress to, BigInteger amount, Instant requestedAt) {
        super(id, requestedAt);
        this.to = Objects.requireNonNull(to);
        this.amount = Objects.requireNonNull(amount);
        this.deliveredAt = null;
    }

    /** Rebuilds a withdrawal from storage. */
    public Withdrawal(UUID id, EthereumAddress to, BigInteger amount, Instant requestedAt, Stage stage,
            String transactionHash, BigInteger nonce, BigInteger gasPrice, String signedTransaction,
            String earlierHashes, Instant submittedAt, Long blockNumber, Instant confirmedAt, int attempts,
            Instant nextAttemptAt, String lastError, Instant deliveredAt, long version) {
        super(id, requestedAt, stage, transactionHash, nonce, gasPrice, signedTransaction, earlierHashes, submittedAt,
                blockNumber, confirmedAt, attempts, nextAttemptAt, lastError, version);
        this.to = Objects.requireNonNull(to);
        this.amount = Objects.requireNonNull(amount);
        this.deliveredAt = deliveredAt;
    }

    /** Whether the ledger has taken the outcome (posted or voided its pending transfer). */
    public boolean delivered() {
        return deliveredAt != null;
    }

    public boolean sameRequest(EthereumAddress otherTo, BigInteger otherAmount) {
        return to.equals(otherTo) && amount.equals(otherAmount);
    }

    @Override
    public String describe() {
        return "withdrawal " + id() + " of " + amount + " to " + to;
    }

    public EthereumAddress to() { return to; }
    public BigInteger amount() { return amount; }
    public Instant deliveredAt() { return deliveredAt; }
}
