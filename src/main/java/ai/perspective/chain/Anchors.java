package ai.perspective.chain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Commits Merkle roots to the chain, for anyone to verify a leaf against them.
 *
 * <p>{@link #anchor} only writes an outbox row, in the caller's transaction: a relay submits it
 * to the anchor contract in the background, retries while the chain is unreachable and marks it
 * confirmed after enough blocks ({@link AnchorConfirmed} is published then). A batch (kind +
 * reference) is anchored at most once: here, and by the contract itself.
 */
public interface Anchors {

    /**
     * Queues {@code root} for anchoring as batch {@code reference} of {@code kind}. Idempotent: the
     * same kind, reference and root return the existing anchor; a different root for an existing
     * batch is a conflict.
     */
    AnchorStatus anchor(AnchorKind kind, String reference, Bytes32 root);

    Optional<AnchorStatus> status(AnchorKind kind, String reference);

    /** Asks the anchor contract itself whether {@code leaf} with {@code proof} belongs to the anchored root. */
    Verification verify(AnchorKind kind, String reference, Bytes32 leaf, List<Bytes32> proof);

    /** Where the hub anchors, and whether it can right now. */
    ChainNetwork network();

    enum State {
        /** Queued; not yet sent (or sent and lost, to be sent again). */
        PENDING,
        /** A signed transaction was sent; waiting to be mined and confirmed. */
        SUBMITTED,
        /** Mined and buried under the configured number of blocks. */
        CONFIRMED,
        /** The contract holds another root for this batch: needs a human. */
        REJECTED
    }

    record AnchorStatus(AnchorKind kind, String reference, Bytes32 root, State state, String transactionHash,
            Long blockNumber, Instant requestedAt, Instant confirmedAt) {
    }

    record Verification(AnchorStatus anchor, String contract, long chainId, Bytes32 leaf, List<Bytes32> proof,
            boolean valid) {
    }

    /**
     * @param rpcUrl only for the hub's own dev chain (a production URL may carry an API key)
     */
    record ChainNetwork(String state, Long chainId, String rpcUrl, String hubAddress, String tokenAddress,
            String anchorAddress, int confirmations, String lastError) {
    }
}
