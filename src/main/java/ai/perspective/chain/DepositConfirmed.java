package ai.perspective.chain;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;

/**
 * POV arrived at the hub's address from a wallet linked to {@code account}, buried under the
 * configured number of blocks. Published at least once until an observer accepts it; {@code id}
 * ({@code <chainId>:<txHash>:<logIndex>}) names the deposit for good, so observers credit it once.
 */
public record DepositConfirmed(String id, AccountId account, EthereumAddress from, BigInteger amount, long chainId,
        String transactionHash, int logIndex, long blockNumber, Instant confirmedAt) {
}
