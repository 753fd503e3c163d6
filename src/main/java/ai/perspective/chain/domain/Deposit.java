package ai.perspective.chain.domain;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One ERC-20 transfer to the hub's address, seen with enough confirmations: the deposit outbox
 * row. {@code account} is null while the sending wallet is linked to no account; {@code creditedAt}
 * is set once the ledger took it.
 *
 * @param id {@code <chainId>:<txHash>:<logIndex>} (see {@link #idOf}); rows recorded before the chain id
 *           was part of it keep their {@code <txHash>:<logIndex>}
 */
public record Deposit(String id, long chainId, String transactionHash, int logIndex, long blockNumber,
        EthereumAddress from, BigInteger amount, AccountId account, Instant seenAt, Instant creditedAt, int attempts,
        Instant nextAttemptAt, String lastError) {

    /**
     * A log is one deposit, whatever else is in its transaction, and only on its own chain: the same
     * transaction hash and log index on another chain (e.g. a dev chain started afresh under another
     * id) is another deposit.
     */
    public static String idOf(long chainId, String transactionHash, int logIndex) {
        return chainId + ":" + transactionHash + ":" + logIndex;
    }
}
