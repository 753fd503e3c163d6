package ai.perspective.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** The wallet received a withdrawal: its transfer is buried under the configured number of blocks. */
public record WithdrawalConfirmed(UUID id, EthereumAddress to, BigInteger amount, long chainId, String token,
        String transactionHash, long blockNumber, Instant confirmedAt) {
}
