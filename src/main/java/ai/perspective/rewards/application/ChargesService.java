package ai.perspective.rewards.application;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Charges;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.FeeSchedule;
import ai.perspective.rewards.domain.Journal;
import ai.perspective.rewards.domain.TransferIds;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds, settles and releases charges. A hold is a pending transfer from the payer's spendable
 * account to clearing; settling posts the cost and splits it from clearing to the beneficiaries
 * in the same transaction; releasing voids it. Each call is a transaction of its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ChargesService implements Charges {

    static final int MAX_KEY = 200;
    static final int MAX_MODEL = 200;

    @Inject
    TransferEngine engine;
    @Inject
    Journal journal;
    @Inject
    ParametersService parameters;

    Clock clock = Clock.systemUTC();

    @Override
    public Hold hold(String requestKey, AccountId payer, BigInteger maximum) {
        String key = requireKey(requestKey);
        if (payer == null) {
            throw HubException.invalid("payer", "missing-field", "Name the account that pays.");
        }
        if (maximum == null || maximum.signum() < 0 || maximum.bitLength() > 256) {
            throw HubException.invalid("maximum", "invalid-amount", "The most a call can cost is an amount >= 0 in base units.");
        }
        LedgerAccount spendable = LedgerAccount.spendable(payer);
        Transfer pending = new Transfer(TransferIds.hold(key), 0, spendable, LedgerAccount.CLEARING, maximum,
                Kind.PENDING, Code.CHARGE, null, null, null, key, clock.instant());
        try {
            engine.apply(List.of(pending), id -> null);
        } catch (TransferEngine.Overdraft e) {
            throw insufficient(spendable, maximum);
        }
        return new Hold(key, payer, maximum);
    }

    private HubException insufficient(LedgerAccount spendable, BigInteger maximum) {
        // read after the failed update, in this transaction: what the caller had available then
        BigInteger available = journal.totals(spendable).posted().subtract(journal.totals(spendable).pendingDebits());
        return new HubException(HubException.Kind.PAYMENT_REQUIRED, "insufficient-balance", null,
                "This call may cost up to " + Pov.format(maximum) + " POV but your available balance is "
                        + Pov.format(available.max(BigInteger.ZERO)) + " POV. Top up your wallet or lower max_tokens.");
    }

    @Override
    public void settle(Hold hold, BigInteger cost, AccountId creator, String model) {
        settle(hold, cost, Beneficiaries.creatorOnly(creator, model));
    }

    @Override
    public void settle(Hold hold, BigInteger cost, Beneficiaries beneficiaries) {
        Transfer pending = pendingOf(hold);
        if (beneficiaries == null) {
            throw HubException.invalid("creator", "missing-field", "Name the creator the charge pays.");
        }
        if (cost == null || cost.signum() < 0 || cost.compareTo(pending.amount()) > 0) {
            throw HubException.invalid("cost", "invalid-cost", "The cost must be between 0 and the held " + pending.amount() + ".");
        }
        String model = beneficiaries.model() == null ? null : beneficiaries.model().strip();
        if (model != null && (model.isEmpty() || model.length() > MAX_MODEL)) {
            throw HubException.invalid("model", "invalid-model", "A model name has 1 to " + MAX_MODEL + " characters.");
        }
        Optional<Transfer> resolution = journal.resolutionOf(pending.id());
        if (resolution.isPresent()) {
            Transfer done = resolution.get();
            if (done.kind() == Kind.POST && done.amount().equals(cost)) {
                // a retry of a settle that committed: its shares committed with it
                return;
            }
            throw new HubException(HubException.Kind.CONFLICT, done.kind() == Kind.POST ? "hold-already-settled" : "hold-already-released",
                    null, "The hold of request " + hold.requestKey() + " was already "
                            + (done.kind() == Kind.POST ? "settled for " + done.amount() : "released") + ".");
        }
        List<Transfer> transfers = new ArrayList<>();
        transfers.add(new Transfer(TransferIds.post(hold.requestKey()), 0, pending.debit(), pending.credit(), cost, Kind.POST,
                Code.CHARGE, pending.id(), null, model, hold.requestKey(), clock.instant()));
        FeeSchedule fees = parameters.settings().fees();
        List<FeeSchedule.Share> shares = fees.split(cost, beneficiaries.creator(), beneficiaries.nodeOperators(),
                beneficiaries.dataContributors());
        for (int i = 0; i < shares.size(); i++) {
            FeeSchedule.Share share = shares.get(i);
            transfers.add(new Transfer(TransferIds.share(hold.requestKey(), i), 0, LedgerAccount.CLEARING, share.to(),
                    share.amount(), Kind.SINGLE, share.code(), null, null, model, hold.requestKey(), clock.instant()));
        }
        engine.apply(transfers, id -> pending);
    }

    @Override
    public void release(Hold hold) {
        Transfer pending = pendingOf(hold);
        Optional<Transfer> resolution = journal.resolutionOf(pending.id());
        if (resolution.isPresent()) {
            if (resolution.get().kind() == Kind.VOID) {
                return;
            }
            throw new HubException(HubException.Kind.CONFLICT, "hold-already-settled", null,
                    "The hold of request " + hold.requestKey() + " was already settled; it cannot be released.");
        }
        engine.apply(List.of(voiding(pending, "released")), id -> pending);
    }

    /** Voids a hold nobody settled or released in time (the sweeper); false when it was resolved meanwhile. */
    public boolean expire(Transfer pending) {
        if (journal.resolutionOf(pending.id()).isPresent()) {
            return false;
        }
        // a settle or release racing this one wins or loses on the hold's single resolution:
        // the loser fails with a conflict and writes nothing
        engine.apply(List.of(voiding(pending, "expired")), id -> pending);
        return true;
    }

    private Transfer voiding(Transfer pending, String why) {
        // the memo stays the request key, so a release and an expiry of one hold are the same transfer
        return new Transfer(TransferIds.voiding(pending.memo()), 0, pending.debit(), pending.credit(), pending.amount(),
                Kind.VOID, Code.CHARGE, pending.id(), null, null, pending.memo(), clock.instant());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Hold> find(String requestKey) {
        return journal.byId(TransferIds.hold(requireKey(requestKey))).map(ChargesService::hold);
    }

    private Transfer pendingOf(Hold hold) {
        if (hold == null) {
            throw HubException.invalid("hold", "missing-field", "Name the hold.");
        }
        Transfer pending = journal.byId(TransferIds.hold(requireKey(hold.requestKey())))
                .orElseThrow(() -> HubException.notFound("hold-not-found", "There is no hold for request " + hold.requestKey() + "."));
        if (!hold(pending).equals(hold)) {
            throw new HubException(HubException.Kind.CONFLICT, "hold-mismatch", null,
                    "The hold of request " + hold.requestKey() + " has another payer or amount.");
        }
        return pending;
    }

    private static Hold hold(Transfer pending) {
        return new Hold(pending.memo(), pending.debit().owner(), pending.amount());
    }

    private static String requireKey(String requestKey) {
        String key = requestKey == null ? "" : requestKey.strip();
        if (key.isEmpty() || key.length() > MAX_KEY) {
            throw HubException.invalid("requestKey", "invalid-request-key", "A request key has 1 to " + MAX_KEY + " characters.");
        }
        return key;
    }
}
