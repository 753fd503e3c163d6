package ai.perspective.chain.domain;

import ai.perspective.chain.AnchorKind;
import java.util.Optional;

/** The anchoring outbox. */
public interface AnchorRequests extends OutgoingTransactions<AnchorRequest> {

    /** Adds the request unless its batch (kind + reference) is there already; returns the stored one. */
    AnchorRequest addIfAbsent(AnchorRequest request);

    Optional<AnchorRequest> byBatch(AnchorKind kind, String reference);

    long count(ai.perspective.chain.Anchors.State state);
}
