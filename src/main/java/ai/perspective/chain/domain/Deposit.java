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
 * @param id {@code <txHash>:<logIndex>}: a log is one deposit, whatever else is in its transaction
 */
public record Deposit(String id, long chainId, String transactionHash, int logIndex, long blockNumber,
        EthereumAddress from, BigInteger amount, AccountId account, Instant seenAt, Instant creditedAt, int attempts,
        Instant nextAttemptAt, String lastError) {

    public static String idOf(String transactionHash, int logIndex) {
        return transactionHash + ":" + logIndex;
    }
}
