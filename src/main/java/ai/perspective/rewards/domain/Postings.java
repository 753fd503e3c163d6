package ai.perspective.rewards.domain;

import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.domain.Journal.Totals;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of transfers does to the running totals, summed per account. Kept in a sorted map so
 * accounts are locked in one global order, which keeps concurrent transactions free of deadlocks.
 */
public final class Postings {

    private final Map<String, Totals> deltas = new TreeMap<>();

    /**
     * Adds the effect of a new transfer. {@code pending} is the hold a POST or VOID resolves (null
     * otherwise): resolving releases the whole hold, and a POST then moves its own amount.
     */
    public void add(Transfer transfer, Transfer pending) {
        BigInteger amount = transfer.amount();
        BigInteger zero = BigInteger.ZERO;
        switch (transfer.kind()) {
            case SINGLE -> {
                add(transfer.debit().key(), new Totals(amount, zero, zero, zero));
                add(transfer.credit().key(), new Totals(zero, amount, zero, zero));
            }
            case PENDING -> {
                add(transfer.debit().key(), new Totals(zero, zero, amount, zero));
                add(transfer.credit().key(), new Totals(zero, zero, zero, amount));
            }
            case POST, VOID -> {
                if (pending == null || pending.kind() != Kind.PENDING) {
                    throw new IllegalArgumentException(transfer.kind() + " needs the pending transfer it resolves");
                }
                BigInteger held = pending.amount().negate();
                BigInteger posted = transfer.kind() == Kind.POST ? amount : zero;
                add(pending.debit().key(), new Totals(posted, zero, held, zero));
                add(pending.credit().key(), new Totals(zero, posted, zero, held));
            }
            default -> throw new IllegalStateException(transfer.kind().name());
        }
    }

    private void add(String account, Totals delta) {
        deltas.merge(account, delta, Totals::plus);
    }

    /** Per account, in lock order. */
    public Map<String, Totals> byAccount() {
        return java.util.Collections.unmodifiableMap(deltas);
    }
}
