package ai.perspective.chain.rest;

import ai.perspective.chain.Anchors;
import java.time.Instant;

/** An anchor as the API shows it: the batch, its root, and where it is on chain. */
public record AnchorJson(String kind, String reference, String root, String state, String transactionHash,
        Long blockNumber, Long chainId, String contract, Instant requestedAt, Instant confirmedAt) {

    static AnchorJson of(Anchors.AnchorStatus a, Anchors.ChainNetwork network) {
        return new AnchorJson(a.kind().slug(), a.reference(), a.root().hex(), a.state().name(), a.transactionHash(),
                a.blockNumber(), network.chainId(), network.anchorAddress(), a.requestedAt(), a.confirmedAt());
    }
}
