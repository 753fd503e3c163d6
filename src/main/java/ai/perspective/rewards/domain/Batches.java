package ai.perspective.rewards.domain;

import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Transfer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Settlement batches and which transfers each sealed, in the caller's transaction. */
public interface Batches {

    /** Locks sealing for this transaction: one sealer at a time across every server of the hub. */
    void lockSealer();

    /**
     * The lowest seq that may still be unsealed. Transfers commit in a different order than they
     * take their seq, but no transaction lives longer than {@code settleAfter}: above the highest
     * seq sealed before then, every transfer is either sealed or still to be found.
     */
    long sealedFloor(Instant settledBefore);

    /** Transfers above {@code floor} in no batch yet, by seq. */
    List<Transfer> unsealed(long floor, int limit);

    /** When the oldest unsealed transfer above {@code floor} was made, if any. */
    Optional<Instant> oldestUnsealed(long floor);

    long nextId();

    void add(Ledger.Batch batch, List<Transfer> transfers, long maxSeq);

    List<Ledger.Batch> page(int offset, int limit);

    /** The batch a transfer was sealed into, if any. */
    Optional<Ledger.Batch> batchOf(UUID transferId);

    /** The transfers of a batch in the order they were sealed. */
    List<Transfer> transfers(long batchId);
}
