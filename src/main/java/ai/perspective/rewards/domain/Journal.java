package ai.perspective.rewards.domain;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's storage: append-only transfers and the running totals of owned accounts. Every
 * method joins the caller's transaction; the application decides what is atomic.
 */
public interface Journal {

    /**
     * Creates the account unless it exists.
     *
     * @return true when this call created it
     */
    boolean ensureAccount(LedgerAccount account, Instant now);

    /**
     * Appends the transfer unless one with its id, or one resolving the same hold, or one reversing
     * the same transfer, exists already (whoever commits first wins; a concurrent caller waits).
     *
     * @return true when this call appended it
     */
    boolean append(Transfer transfer);

    Optional<Transfer> byId(UUID id);

    /** The POST or VOID that resolved a hold, if any. */
    Optional<Transfer> resolutionOf(UUID pendingId);

    /** The correction that reversed a transfer, if any. */
    Optional<Transfer> reversalOf(UUID transferId);

    /**
     * Adds the deltas to an owned account's totals if its available balance stays at or above zero;
     * in PostgreSQL the row lock serialises concurrent callers and the condition is checked again
     * on the newest row, so concurrent holds can never overdraw.
     *
     * @return false when the account would go below zero (nothing changed)
     */
    boolean adjust(String accountKey, Totals delta);

    /** Running totals of an owned account, or the fold of the transfers for a system account. */
    Totals totals(LedgerAccount account);

    Ledger.Page<Transfer> transfers(AccountId owner, Ledger.Code code, Instant from, Instant to, int offset, int limit);

    Ledger.Page<Transfer> transfersOf(String accountKey, int offset, int limit);

    List<Ledger.DailyEarnings> earningsByModel(String accountKey, Instant from, Instant to);

    /** Holds neither posted nor voided, created before {@code before}, oldest first. */
    List<Transfer> openHolds(Instant before, int limit);

    /** Every account's totals recomputed from the transfers, next to the stored running totals. */
    List<Recount> recount();

    long countTransfers();

    /** Stored and recomputed totals of one account; system accounts store none ({@code stored} null). */
    record Recount(String accountKey, boolean owned, Totals stored, Totals folded) {
    }

    /** The four running totals TigerBeetle keeps per account. */
    record Totals(BigInteger postedDebits, BigInteger postedCredits, BigInteger pendingDebits, BigInteger pendingCredits) {

        public static final Totals ZERO = new Totals(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        public Totals plus(Totals other) {
            return new Totals(postedDebits.add(other.postedDebits), postedCredits.add(other.postedCredits),
                    pendingDebits.add(other.pendingDebits), pendingCredits.add(other.pendingCredits));
        }

        public BigInteger posted() {
            return postedCredits.subtract(postedDebits);
        }

        public boolean isZero() {
            return this.equals(ZERO);
        }
    }
}
