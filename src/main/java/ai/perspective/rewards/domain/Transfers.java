package ai.perspective.rewards.domain;

import ai.perspective.rewards.Ledger.Transfer;
import java.util.Objects;

/** Rules about transfers that need no storage. */
public final class Transfers {

    private Transfers() {
    }

    /**
     * Whether a retry asks for the same transfer: every field the client chose is equal. seq and
     * createdAt are the ledger's, not the client's, and are not compared.
     */
    public static boolean sameRequest(Transfer a, Transfer b) {
        return a.id().equals(b.id()) && a.debit().equals(b.debit()) && a.credit().equals(b.credit())
                && a.amount().equals(b.amount()) && a.kind() == b.kind() && a.code() == b.code()
                && Objects.equals(a.pendingId(), b.pendingId()) && Objects.equals(a.reversalOf(), b.reversalOf())
                && Objects.equals(a.model(), b.model()) && Objects.equals(a.memo(), b.memo());
    }

    /** The structural rules every transfer obeys before it is stored. */
    public static void check(Transfer t) {
        if (t.amount() == null || t.amount().signum() < 0) {
            throw new IllegalArgumentException("amount must be >= 0");
        }
        if (t.amount().bitLength() > 256) {
            throw new IllegalArgumentException("amount must fit a uint256");
        }
        if (t.debit().equals(t.credit())) {
            throw new IllegalArgumentException("a transfer debits one account and credits another");
        }
        boolean resolves = t.kind() == ai.perspective.rewards.Ledger.Kind.POST || t.kind() == ai.perspective.rewards.Ledger.Kind.VOID;
        if (resolves != (t.pendingId() != null)) {
            throw new IllegalArgumentException("POST and VOID, and only they, name a pending transfer");
        }
    }
}
