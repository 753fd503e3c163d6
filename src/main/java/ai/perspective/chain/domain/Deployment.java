package ai.perspective.chain.domain;

import ai.perspective.chain.EthereumAddress;
import java.time.Instant;

/** A contract the hub deployed on a chain, found again at the next start. */
public record Deployment(long chainId, String contract, EthereumAddress address, String transactionHash,
        Instant deployedAt) {

    public static final String TOKEN = "PovToken";
    public static final String ANCHOR = "PerspectiveAnchor";
}
