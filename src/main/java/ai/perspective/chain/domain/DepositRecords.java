package ai.perspective.chain.domain;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.identity.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The deposit outbox and the watcher's cursor. */
public interface DepositRecords {

    /**
     * Records a deposit unless its id is there already (a log seen twice is one deposit).
     *
     * @return true when this call recorded it
     */
    boolean addIfAbsent(Deposit deposit);

    Optional<Deposit> byId(String id);

    /** Deposits with an account that the ledger has not taken yet, due at {@code now}, oldest first. */
    List<Deposit> undelivered(Instant now, int limit);

    /** The senders of deposits that wait for their wallet to be linked. */
    List<EthereumAddress> unclaimedSenders(int limit);

    /** Gives the unclaimed deposits from {@code from} to {@code account}; returns how many. */
    int claim(EthereumAddress from, AccountId account, Instant now);

    void delivered(String id, Instant at);

    void deliveryFailed(String id, String error, Instant retryAt);

    List<Deposit> ofAccount(AccountId account, int offset, int limit);

    /** Where the watcher goes on: the next block to read, for this chain and token. */
    Optional<Cursor> cursor(String name);

    void saveCursor(String name, Cursor cursor);

    record Cursor(long chainId, EthereumAddress contract, long nextBlock) {
    }
}
