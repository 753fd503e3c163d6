package ai.perspective.chain.domain;

import ai.perspective.chain.AnchorKind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The anchoring outbox. */
public interface AnchorRequests {

    /** Adds the request unless its batch (kind + reference) is there already; returns the stored one. */
    AnchorRequest addIfAbsent(AnchorRequest request);

    Optional<AnchorRequest> byBatch(AnchorKind kind, String reference);

    /** PENDING and SUBMITTED requests due at {@code now}, submitted ones (lowest nonce) first, then oldest. */
    List<AnchorRequest> due(Instant now, int limit);

    /** The highest nonce of a SUBMITTED request, if any. */
    Optional<BigInteger> highestOutstandingNonce();

    /**
     * Writes the request's new state if nobody changed it since it was read (optimistic lock).
     *
     * @return false when another writer got there first
     */
    boolean update(AnchorRequest request);

    long count(ai.perspective.chain.Anchors.State state);
}
