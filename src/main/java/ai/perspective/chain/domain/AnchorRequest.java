package ai.perspective.chain.domain;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors.State;
import ai.perspective.chain.Bytes32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One root to anchor: the outbox row the relay works through (see {@link OutgoingTransaction}
 * for the states). A request the contract answers with another root for its batch ends
 * {@link State#REJECTED}.
 */
public class AnchorRequest extends OutgoingTransaction {

    private final AnchorKind kind;
    private final String reference;
    private final Bytes32 root;

    public AnchorRequest(UUID id, AnchorKind kind, String reference, Bytes32 root, Instant requestedAt) {
        super(id, requestedAt);
        this.kind = Objects.requireNonNull(kind);
        this.reference = Objects.requireNonNull(reference);
        this.root = Objects.requireNonNull(root);
    }

    /** Rebuilds a request from storage. */
    public AnchorRequest(UUID id, AnchorKind kind, String reference, Bytes32 root, Instant requestedAt, State state,
            String transactionHash, BigInteger nonce, BigInteger gasPrice, String signedTransaction,
            String earlierHashes, Instant submittedAt, Long blockNumber, Instant confirmedAt, int attempts,
            Instant nextAttemptAt, String lastError, long version) {
        super(id, requestedAt, stageOf(state), transactionHash, nonce, gasPrice, signedTransaction, earlierHashes,
                submittedAt, blockNumber, confirmedAt, attempts, nextAttemptAt, lastError, version);
        this.kind = Objects.requireNonNull(kind);
        this.reference = Objects.requireNonNull(reference);
        this.root = Objects.requireNonNull(root);
    }

    /** The contract holds another root for this batch: nothing more the relay can do. */
    public void rejected(String reason) {
        failedForGood(reason, null);
    }

    public boolean sameRoot(Bytes32 other) {
        return root.equals(other);
    }

    public State state() {
        return switch (stage()) {
            case PENDING -> State.PENDING;
            case SUBMITTED -> State.SUBMITTED;
            case CONFIRMED -> State.CONFIRMED;
            case FAILED -> State.REJECTED;
        };
    }

    private static Stage stageOf(State state) {
        return switch (state) {
            case PENDING -> Stage.PENDING;
            case SUBMITTED -> Stage.SUBMITTED;
            case CONFIRMED -> Stage.CONFIRMED;
            case REJECTED -> Stage.FAILED;
        };
    }

    @Override
    public String describe() {
        return "anchor " + kind.slug() + "/" + reference;
    }

    public AnchorKind kind() { return kind; }
    public String reference() { return reference; }
    public Bytes32 root() { return root; }
}
