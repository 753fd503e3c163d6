package ai.perspective.rewards;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's API: balances, transfers, corrections, settlement proofs.
 *
 * <p>Transfers are immutable and each debits one account and credits another, so the balances of
 * all accounts always sum to zero. The transfer id is the idempotency key: the same id with the
 * same fields returns the existing transfer, with different fields it is a CONFLICT
 * {@link ai.perspective.shared.HubException}. Balances are derived from the transfers and
 * {@link #verify()} recomputes them.
 */
public interface Ledger {

    /** Why a transfer was made. The numbers are part of the Merkle leaf encoding: never renumber. */
    enum Code {
        SIGNUP_GRANT(1), GRANT(2), CHARGE(3), CREATOR_SHARE(4), TREASURY_SHARE(5), NODE_SHARE(6), DATA_SHARE(7),
        DEPOSIT(8), WITHDRAWAL(9), CORRECTION(10), TRANSFER(11);

        private final int number;

        Code(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    /** How a transfer moves money: at once, or as a hold that is later posted or voided. Numbers as {@link Code}. */
    enum Kind {
        SINGLE(0), PENDING(1), POST(2), VOID(3);

        private final int number;

        Kind(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    /** A transfer to make at once; {@code id} is the caller's idempotency key. */
    record TransferRequest(UUID id, LedgerAccount debit, LedgerAccount credit, BigInteger amount, Code code,
            String model, String memo) {
    }

    record Transfer(UUID id, long seq, LedgerAccount debit, LedgerAccount credit, BigInteger amount, Kind kind,
            Code code, UUID pendingId, UUID reversalOf, String model, String memo, Instant createdAt) {
    }

    /**
     * Posted = credits minus debits of posted transfers; pending = what open holds take away
     * ({@code pendingDebits}) or will bring ({@code pendingCredits}); available = posted - pendingDebits.
     */
    record Balance(LedgerAccount account, BigInteger posted, BigInteger pendingDebits, BigInteger pendingCredits) {

        public BigInteger available() {
            return posted.subtract(pendingDebits);
        }
    }

    /** What a hub account holds: its spendable balance and its earnings. */
    record Wallet(AccountId owner, Balance spendable, Balance earnings) {
    }

    /** Filters for the transfers of one hub account (both its ledger accounts); nulls match all. */
    record TransferQuery(AccountId owner, Code code, Instant from, Instant to, int offset, int limit) {

        public TransferQuery withPage(int offset, int limit) {
            return new TransferQuery(owner, code, from, to, offset, limit);
        }

        public TransferQuery withLimit(int limit) {
            return withPage(offset, limit);
        }
    }

    record Page<T>(List<T> items, long total) {
    }

    /** Earnings credited to an account for one model on one (UTC) day. */
    record DailyEarnings(LocalDate day, String model, BigInteger amount) {
    }

    /** A settlement batch: the transfers sealed into it have a Merkle root the chain can anchor. */
    record Batch(long id, String merkleRoot, int transferCount, Instant sealedAt) {
    }

    /** Everything needed to check a transfer is in its batch, e.g. with OpenZeppelin's MerkleProof.verify. */
    record Proof(UUID transferId, long batchId, String leaf, List<String> proof, String root, String leafEncoding) {
    }

    /**
     * The result of recomputing every balance from the transfers: the sum over all accounts (must be
     * zero) and the accounts whose stored totals differ from the recomputed ones (must be none).
     */
    record Verification(long transfers, long accounts, BigInteger sum, List<String> mismatchedAccounts, long openHolds) {

        public boolean sound() {
            return sum.signum() == 0 && mismatchedAccounts.isEmpty();
        }
    }

    Balance balance(LedgerAccount account);

    Wallet wallet(AccountId owner);

    /** Makes a transfer at once. For other modules (e.g. chain deposits) and admins. */
    Transfer transfer(TransferRequest request);

    /**
     * Opens a pending transfer (two-phase, e.g. a withdrawal): the amount leaves the debit
     * account's available balance now and moves when {@link #post}ed, or comes back when
     * {@link #voidPending voided}. For other modules; idempotent on the id like {@link #transfer}.
     * An owned debit account that does not hold the amount is a CONFLICT {@code insufficient-balance}.
     */
    Transfer pending(TransferRequest request);

    /** Posts the whole amount of a pending transfer, as transfer {@code id}. Idempotent; after a void it is a conflict. */
    Transfer post(UUID pendingId, UUID id);

    /** Voids a pending transfer, as transfer {@code id}. Idempotent; after a post it is a conflict. */
    Transfer voidPending(UUID pendingId, UUID id);

    /**
     * Makes many transfers, each on its own (one may fail while the others succeed) but all in the
     * same commit when the caller has no transaction of its own: the fast way to post in bulk.
     *
     * @return per request, in order, the stored transfer or why it was refused
     */
    List<TransferResult> transferAll(List<TransferRequest> requests);

    /** One transfer of {@link #transferAll}: exactly one of {@code transfer} and {@code error} is set. */
    record TransferResult(Transfer transfer, ai.perspective.shared.HubException error) {
    }

    /** Admins give POV from the treasury to an account's spendable balance. */
    Transfer grant(UUID id, AccountId to, BigInteger amount, String memo);

    /** Reverses a posted single transfer with a new one (same amount, accounts swapped). Admins. */
    Transfer reverse(UUID transferId, UUID correctionId, String memo);

    Optional<Transfer> find(UUID id);

    /** The transfers of one hub account, newest first; a caller sees only their own unless admin. */
    Page<Transfer> transfers(TransferQuery query);

    /** The last transfers of a system account (treasury, chain, clearing), newest first. Admins. */
    Page<Transfer> systemTransfers(LedgerAccount account, int offset, int limit);

    /** Earnings per model and day of the owner's earnings account, between two days inclusive. */
    List<DailyEarnings> earningsByModel(AccountId owner, LocalDate from, LocalDate to);

    /** Funds the sign-up grant of every given account that has none yet; returns how many were funded. */
    int backfillSignupGrants(List<AccountId> accounts);

    List<Batch> batches(int offset, int limit);

    /** The Merkle proof of a sealed transfer; empty while it is not sealed yet. */
    Optional<Proof> proof(UUID transferId);

    /**
     * A transfer and (once sealed) its proof, for public verification: anyone holding the id may
     * check it against the anchored root, so this needs no account.
     */
    Optional<Verifiable> verifiable(UUID transferId);

    /** @param proof {@code null} while the transfer is not sealed */
    record Verifiable(Transfer transfer, Proof proof) {
    }

    /** Seals the transfers not in a batch yet (up to the configured maximum); empty when there were none. */
    Optional<Batch> sealBatch();

    /** Recomputes every balance from the transfers. Admins. */
    Verification verify();
}
