package ai.perspective.chain;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * POV users send to the hub on chain. A deposit is a plain ERC-20 {@code transfer} of the POV
 * token to the hub's address from a wallet linked to the account (see {@link Wallets}): the
 * linked address is the tag. The hub reads the token's Transfer logs once they have the
 * configured number of confirmations and publishes {@link DepositConfirmed} once per log.
 * POV from a wallet that is not linked (yet) waits, and is credited when the wallet is linked.
 */
public interface Deposits {

    /** Where and how {@code owner} deposits. */
    Instructions instructions(AccountId owner);

    /** The deposits seen from {@code owner}'s wallets, newest first. */
    List<DepositStatus> deposits(AccountId owner, int offset, int limit);

    enum State {
        /** Seen and confirmed on chain; being credited. */
        CONFIRMED,
        /** The ledger credited it. */
        CREDITED
    }

    /**
     * @param hubAddress where to send POV (null while the hub is not connected to its chain)
     * @param wallets    the owner's linked wallets: only POV sent from these is credited to them
     */
    record Instructions(Long chainId, String tokenAddress, String hubAddress, int confirmations,
            List<EthereumAddress> wallets, String text) {
    }

    record DepositStatus(String id, EthereumAddress from, BigInteger amount, State state, String transactionHash,
            long blockNumber, Instant seenAt, Instant creditedAt) {
    }
}
