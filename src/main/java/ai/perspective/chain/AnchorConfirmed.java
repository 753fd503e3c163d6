package ai.perspective.chain;

import java.time.Instant;

/** Published once an anchored root is buried under the configured number of blocks. */
public record AnchorConfirmed(AnchorKind kind, String reference, Bytes32 root, long chainId, String contract,
        String transactionHash, long blockNumber, Instant confirmedAt) {
}
