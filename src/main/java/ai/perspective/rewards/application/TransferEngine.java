package ai.perspective.rewards.application;

import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.Journal;
import ai.perspective.rewards.domain.Postings;
import ai.perspective.rewards.domain.TransferIds;
import ai.perspective.rewards.domain.Transfers;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Applies transfers atomically in the caller's transaction: creates missing accounts (a new
 * spendable account always with its sign-up grant), appends each transfer unless the same one
 * exists, and moves the running totals of owned accounts in one lock order. A transfer id reused
 * with other fields, or an owned account that would go below zero, fails the whole transaction.
 */
@ApplicationScoped
public class TransferEngine {

    @Inject
    Journal journal;
    @Inject
    ParametersService parameters;

    Clock clock = Clock.systemUTC();

    /** Thrown when an owned account would go below zero; callers turn it into their own problem. */
    public static final class Overdraft extends RuntimeException {

        private final String account;
        private final BigInteger available;

        Overdraft(String account) {
            this(account, null);
        }

        Overdraft(String account, BigInteger available) {
            super("account " + account + " would go below zero", null, false, false);
            this.account = account;
            this.available = available;
        }

        public String account() {
            return account;
        }

        /** What the account had available when it was refused, if known. */
        public BigInteger available() {
            return available;
        }
    }

    /**
     * @param transfers   the transfers to make, all or none
     * @param pendingById the holds that POST and VOID transfers in the list resolve
     * @return per transfer, the stored one (the existing one when it was a retry)
     */
    public List<Transfer> apply(List<Transfer> transfers, Function<java.util.UUID, Transfer> pendingById) {
        List<Transfer> all = new ArrayList<>(grantsForNewAccounts(transfers));
        all.addAll(transfers);
        Postings postings = new Postings();
        List<Transfer> stored = new ArrayList<>();
        for (Transfer transfer : all) {
            Transfers.check(transfer);
            Transfer pending = transfer.pendingId() == null ? null : pendingById.apply(transfer.pendingId());
            if (journal.append(transfer)) {
                postings.add(transfer, pending);
                stored.add(transfer);
            } else {
                stored.add(existing(transfer));
            }
        }
        for (Map.Entry<String, Journal.Totals> delta : postings.byAccount().entrySet()) {
            if (isOwned(delta.getKey()) && !delta.getValue().isZero() && !journal.adjust(delta.getKey(), delta.getValue())) {
                throw new Overdraft(delta.getKey());
            }
        }
        return stored.subList(all.size() - transfers.size(), all.size());
    }

    /** A retry returns the existing transfer; anything else under the same id, or a second resolution, is a conflict. */
    private Transfer existing(Transfer transfer) {
        Optional<Transfer> sameId = journal.byId(transfer.id());
        if (sameId.isPresent()) {
            if (Transfers.sameRequest(sameId.get(), transfer)) {
                return sameId.get();
            }
            throw new HubException(HubException.Kind.CONFLICT, "transfer-id-conflict", "id",
                    "Transfer " + transfer.id() + " exists with other fields; use a new id for a new transfer.");
        }
        if (transfer.pendingId() != null) {
            Transfer resolution = journal.resolutionOf(transfer.pendingId()).orElseThrow();
            throw new HubException(HubException.Kind.CONFLICT, "hold-already-" + (resolution.kind() == Kind.POST ? "settled" : "released"),
                    null, "The hold " + transfer.pendingId() + " was already " + (resolution.kind() == Kind.POST ? "settled" : "released") + ".");
        }
        throw new HubException(HubException.Kind.CONFLICT, "already-reversed", "transferId",
                "Transfer " + transfer.reversalOf() + " was already reversed.");
    }

    /** Creates the owned accounts the transfers touch; a new spendable account gets its sign-up grant first. */
    private List<Transfer> grantsForNewAccounts(List<Transfer> transfers) {
        TreeSet<String> keys = new TreeSet<>();
        Map<String, LedgerAccount> accounts = new java.util.HashMap<>();
        for (Transfer t : transfers) {
            for (LedgerAccount account : List.of(t.debit(), t.credit())) {
                if (account.kind().owned()) {
                    keys.add(account.key());
                    accounts.put(account.key(), account);
                }
            }
        }
        List<Transfer> grants = new ArrayList<>();
        for (String key : keys) {
            LedgerAccount account = accounts.get(key);
            if (journal.ensureAccount(account, clock.instant()) && account.kind() == LedgerAccount.Kind.SPENDABLE) {
                BigInteger grant = parameters.settings().signupGrant();
                if (grant.signum() > 0) {
                    grants.add(signupGrant(account, grant));
                }
            }
        }
        return grants;
    }

    Transfer signupGrant(LedgerAccount spendable, BigInteger amount) {
        return new Transfer(TransferIds.signupGrant(spendable.owner().value()), 0, LedgerAccount.TREASURY, spendable,
                amount, Kind.SINGLE, Code.SIGNUP_GRANT, null, null, null, "sign-up grant", clock.instant());
    }

    private static boolean isOwned(String key) {
        return key.contains(":");
    }
}
