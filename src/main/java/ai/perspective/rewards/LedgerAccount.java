package ai.perspective.rewards;

import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import java.util.Objects;
import java.util.UUID;

/**
 * An account of the ledger: a hub account's spendable balance or earnings, or one of the hub's
 * system accounts. Its {@link #key()} names it in transfers, the API and Merkle leaves.
 */
public record LedgerAccount(Kind kind, AccountId owner) {

    public enum Kind {
        /** What a user pays model calls with; never below zero. */
        SPENDABLE(true),
        /** What creators, data contributors and node operators earn; never below zero. */
        EARNINGS(true),
        /** The hub's own account: receives fees, pays grants; may go negative (it issues POV). */
        TREASURY(false),
        /** The boundary to the chain: debited by deposits, credited by withdrawals. */
        CHAIN(false),
        /** Where holds wait and settled charges are split from; zero whenever no charge is open. */
        CLEARING(false);

        private final boolean owned;

        Kind(boolean owned) {
            this.owned = owned;
        }

        /** Owned accounts belong to a hub account and must never go below zero. */
        public boolean owned() {
            return owned;
        }
    }

    public static final LedgerAccount TREASURY = new LedgerAccount(Kind.TREASURY, null);
    public static final LedgerAccount CHAIN = new LedgerAccount(Kind.CHAIN, null);
    public static final LedgerAccount CLEARING = new LedgerAccount(Kind.CLEARING, null);

    public LedgerAccount {
        Objects.requireNonNull(kind, "kind");
        if (kind.owned() != (owner != null)) {
            throw new IllegalArgumentException(kind + (kind.owned() ? " needs" : " has no") + " owner");
        }
    }

    public static LedgerAccount spendable(AccountId owner) {
        return new LedgerAccount(Kind.SPENDABLE, owner);
    }

    public static LedgerAccount earnings(AccountId owner) {
        return new LedgerAccount(Kind.EARNINGS, owner);
    }

    /** e.g. {@code spendable:0f8c…}, {@code earnings:0f8c…}, {@code treasury}. */
    public String key() {
        return owner == null ? kind.name().toLowerCase() : kind.name().toLowerCase() + ":" + owner.value();
    }

    public static LedgerAccount parse(String key) {
        if (key == null) {
            throw HubException.invalid("account", "invalid-ledger-account", "Name a ledger account, e.g. treasury or spendable:<account id>.");
        }
        int colon = key.indexOf(':');
        try {
            Kind kind = Kind.valueOf((colon < 0 ? key : key.substring(0, colon)).toUpperCase());
            AccountId owner = colon < 0 ? null : new AccountId(UUID.fromString(key.substring(colon + 1)));
            return new LedgerAccount(kind, owner);
        } catch (IllegalArgumentException e) {
            throw HubException.invalid("account", "invalid-ledger-account",
                    "'" + key + "' is not a ledger account; use treasury, chain, spendable:<account id> or earnings:<account id>.");
        }
    }

    @Override
    public String toString() {
        return key();
    }
}
