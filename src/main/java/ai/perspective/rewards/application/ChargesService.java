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
import ai.perspective.rewards.domain.TransferStore;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds, settles and releases charges. A hold is a pending transfer from the payer's spendable
 * account to clearing; settling posts the cost and splits it from clearing to the beneficiaries
 * in the same command; releasing voids it. Every operation goes through the {@link LedgerWriter},
 * so concurrent calls share one commit, and each returns only once its command is durable. The
 * holds this server made are remembered until they are resolved, so settling, releasing and
 * finding them reads nothing from the database.
 */
@ApplicationScoped
public class ChargesService implements Charges {

    /** Open holds remembered; past this many the memory is dropped and the database answers. */
    static final int MAX_REMEMBERED = 200_000;

    static final int MAX_KEY = 200;
    static final int MAX_MODEL = 200;

    @Inject
    LedgerWriter writer;
    @Inject
    TransferStore store;
    @Inject
    Journal journal;

    /** The holds (pending transfers) by request key, made or read here and not resolved yet. */
    private final ConcurrentHashMap<String, Transfer> holds = new ConcurrentHashMap<>();
    /** Holds this server expired: their calls may still be charged late, so their settlement reads the hold. */
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    /**
     * Since when every hold this server made and did not resolve or expire is in {@link #holds}:
     * start-up, or the last time the memory was dropped. (One hub server per ledger: holds made by
     * another process would not be remembered here.)
     */
    private volatile Instant rememberedSince = Instant.now();
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
        Transfer stored;
        try {
            stored = writer.apply(List.of(pending)).stored().get(0);
        } catch (TransferEngine.Overdraft e) {
            throw insufficient(maximum, e.available());
        }
        remember(stored);
        return new Hold(key, payer, maximum);
    }

    private void remember(Transfer pending) {
        if (holds.size() >= MAX_REMEMBERED || expired.size() >= MAX_REMEMBERED) {
            forget();
        }
        holds.put(pending.memo(), pending);
    }

    /** Drops the memory; calls started before now find their holds in the database again. */
    private void forget() {
        holds.clear();
        expired.clear();
        rememberedSince = clock.instant(); // after clearing: a hold forgotten now belongs to a call started before
    }

    private static HubException insufficient(BigInteger maximum, BigInteger available) {
        available = available == null ? BigInteger.ZERO : available;
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
        LedgerWriter.await(submitSettle(hold, cost, beneficiaries));
        holds.remove(hold.requestKey());
    }

    /** Validates and queues the settlement of one hold; the future completes after its commit. */
    private CompletableFuture<LedgerWriter.Outcome> submitSettle(Hold hold, BigInteger cost, Beneficiaries beneficiaries) {
        Transfer pending = pendingOf(hold);
        if (beneficiaries == null) {
            throw HubException.invalid("creator", "missing-field", "Name the creator the charge pays.");
        }
        if (cost == null || cost.signum() < 0 || cost.compareTo(pending.amount()) > 0) {
            throw HubException.invalid("cost", "invalid-cost", "The cost must be between 0 and the held " + pending.amount() + ".");
        }
        String model = modelOf(beneficiaries);
        if (model != null && (model.isEmpty() || model.length() > MAX_MODEL)) {
            throw HubException.invalid("model", "invalid-model", "A model name has 1 to " + MAX_MODEL + " characters.");
        }
        // the post comes first: a retry of a settle that committed is recognised by it (the writer
        // returns the stored command), and a second resolution of the hold is a conflict
        Transfer post = new Transfer(TransferIds.post(hold.requestKey()), 0, pending.debit(), pending.credit(), cost, Kind.POST,
                Code.CHARGE, pending.id(), null, model, hold.requestKey(), clock.instant());
        return writer.submit(withShares(post, beneficiaries));
    }

    /** The charge followed by its split from clearing to the beneficiaries, all in one command. */
    private List<Transfer> withShares(Transfer charge, Beneficiaries beneficiaries) {
        String key = charge.memo();
        List<Transfer> transfers = new ArrayList<>();
        transfers.add(charge);
        FeeSchedule fees = parameters.settings().fees();
        List<FeeSchedule.Share> shares = fees.split(charge.amount(), beneficiaries.creator(), beneficiaries.nodeOperators(),
                beneficiaries.dataContributors());
        for (int i = 0; i < shares.size(); i++) {
            FeeSchedule.Share share = shares.get(i);
            transfers.add(new Transfer(TransferIds.share(key, i), 0, LedgerAccount.CLEARING, share.to(), share.amount(),
                    Kind.SINGLE, share.code(), null, null, charge.model(), key, clock.instant()));
        }
        return transfers;
    }

    /**
     * Charges a call whose hold was voided before its cost arrived: the call outlived
     * {@code holds.timeout-seconds}, or its usage was delivered that much later. The cost (at most
     * the hold) is taken from the payer's balance as it is now; what the balance no longer covers
     * is not charged. Idempotent: a redelivery finds the charge made before and makes no other.
     *
     * @return what was charged
     */
    private BigInteger chargeLate(Hold hold, BigInteger cost, Beneficiaries beneficiaries) {
        Optional<Transfer> earlier = journal.byId(TransferIds.lateCharge(hold.requestKey()));
        if (earlier.isPresent()) {
            return earlier.get().amount();
        }
        try {
            LedgerWriter.await(writer.submit(lateCharge(hold, cost, beneficiaries)));
            return cost;
        } catch (TransferEngine.Overdraft e) {
            BigInteger covered = e.available() == null ? BigInteger.ZERO : e.available().max(BigInteger.ZERO).min(cost);
            if (covered.signum() > 0) {
                LedgerWriter.await(writer.submit(lateCharge(hold, covered, beneficiaries)));
            }
            return covered;
        }
    }

    private List<Transfer> lateCharge(Hold hold, BigInteger amount, Beneficiaries beneficiaries) {
        return withShares(new Transfer(TransferIds.lateCharge(hold.requestKey()), 0, LedgerAccount.spendable(hold.payer()),
                LedgerAccount.CLEARING, amount, Kind.SINGLE, Code.CHARGE, null, null, modelOf(beneficiaries), hold.requestKey(),
                clock.instant()), beneficiaries);
    }

    private static String modelOf(Beneficiaries beneficiaries) {
        return beneficiaries.model() == null ? null : beneficiaries.model().strip();
    }

    @Override
    public void release(Hold hold) {
        Transfer pending = pendingOf(hold);
        LedgerWriter.await(writer.submit(List.of(voiding(pending, "released"))));
        holds.remove(hold.requestKey());
    }

    @Override
    public Map<String, Settled> settleAll(List<Settlement> settlements) {
        Map<String, Hold> found = findAll(settlements.stream().filter(this::mayHaveHold).map(Settlement::requestKey).toList());
        Map<String, CompletableFuture<LedgerWriter.Outcome>> queued = new LinkedHashMap<>();
        Map<String, Settled> results = new LinkedHashMap<>();
        Map<String, BigInteger> charged = new HashMap<>();
        Map<String, Beneficiaries> paid = new HashMap<>();
        for (Settlement settlement : settlements) {
            String key = settlement.requestKey();
            Hold hold = found.get(key);
            if (hold == null) {
                results.put(key, new Settled(key, null, BigInteger.ZERO, null));
                continue;
            }
            try {
                BigInteger cost = settlement.cost() == null ? BigInteger.ZERO : settlement.cost().min(hold.amount());
                charged.put(key, cost);
                paid.put(key, settlement.beneficiaries());
                queued.put(key, cost.signum() > 0 ? submitSettle(hold, cost, settlement.beneficiaries())
                        : writer.submit(List.of(voiding(pendingOf(hold), "released"))));
            } catch (RuntimeException e) {
                results.put(key, new Settled(key, hold, BigInteger.ZERO, e));
            }
        }
        for (Map.Entry<String, CompletableFuture<LedgerWriter.Outcome>> q : queued.entrySet()) {
            String key = q.getKey();
            try {
                results.put(key, new Settled(key, found.get(key), awaitCharged(q.getValue(), found.get(key), charged.get(key),
                        paid.get(key)), null));
                holds.remove(key);
                expired.remove(key);
            } catch (RuntimeException e) {
                results.put(key, new Settled(key, found.get(key), BigInteger.ZERO, e));
            }
        }
        Map<String, Settled> ordered = new LinkedHashMap<>();
        settlements.forEach(s -> ordered.put(s.requestKey(), results.get(s.requestKey())));
        return ordered;
    }

    /**
     * False when the call certainly has no hold: this server started it while remembering every
     * hold it made, and remembers none for it (nor expired one). Most such calls are of free models.
     */
    private boolean mayHaveHold(Settlement settlement) {
        String key = requireKey(settlement.requestKey());
        return settlement.startedAt() == null || !settlement.startedAt().isAfter(rememberedSince)
                || holds.containsKey(key) || expired.contains(key);
    }

    /** Waits for a queued settlement and returns what it charged; a hold voided meanwhile (expired) is charged late. */
    private BigInteger awaitCharged(CompletableFuture<LedgerWriter.Outcome> queued, Hold hold, BigInteger cost,
            Beneficiaries beneficiaries) {
        try {
            LedgerWriter.await(queued);
            return cost;
        } catch (HubException e) {
            if (cost.signum() > 0 && "hold-already-released".equals(e.type())) {
                return chargeLate(hold, cost, beneficiaries);
            }
            throw e;
        }
    }

    /** Voids a hold nobody settled or released in time (the sweeper); false when it was resolved meanwhile. */
    public boolean expire(Transfer pending) {
        // a settle or release racing this one wins or loses on the hold's single resolution:
        // the loser fails with a conflict and writes nothing
        try {
            Transfer voiding = voiding(pending, "expired");
            Transfer stored = LedgerWriter.await(writer.submit(List.of(voiding))).stored().get(0);
            expired.add(pending.memo());
            holds.remove(pending.memo());
            return stored.createdAt().equals(voiding.createdAt());
        } catch (HubException e) {
            if (e.kind() == HubException.Kind.CONFLICT) {
                holds.remove(pending.memo());
                return false;
            }
            throw e;
        }
    }

    private Transfer voiding(Transfer pending, String why) {
        // the memo stays the request key, so a release and an expiry of one hold are the same transfer
        return new Transfer(TransferIds.voiding(pending.memo()), 0, pending.debit(), pending.credit(), pending.amount(),
                Kind.VOID, Code.CHARGE, pending.id(), null, null, pending.memo(), clock.instant());
    }

    @Override
    public Optional<Hold> find(String requestKey) {
        String key = requireKey(requestKey);
        Transfer remembered = holds.get(key);
        if (remembered != null) {
            return Optional.of(hold(remembered));
        }
        return journal.byId(TransferIds.hold(key)).map(ChargesService::hold);
    }

    @Override
    public Map<String, Hold> findAll(Collection<String> requestKeys) {
        Map<String, Hold> found = new LinkedHashMap<>();
        Map<UUID, String> missing = new HashMap<>();
        for (String requestKey : requestKeys) {
            String key = requireKey(requestKey);
            Transfer remembered = holds.get(key);
            if (remembered != null) {
                found.put(key, hold(remembered));
            } else {
                missing.put(TransferIds.hold(key), key);
            }
        }
        if (!missing.isEmpty()) {
            try (TransferStore.Session session = store.open()) {
                session.byIds(missing.keySet()).forEach((id, t) -> {
                    if (t.kind() == Kind.PENDING) {
                        found.put(missing.get(id), hold(t));
                    }
                });
            }
        }
        return found;
    }

    private Transfer pendingOf(Hold hold) {
        if (hold == null) {
            throw HubException.invalid("hold", "missing-field", "Name the hold.");
        }
        String key = requireKey(hold.requestKey());
        Transfer pending = holds.get(key);
        if (pending == null) {
            pending = journal.byId(TransferIds.hold(key))
                    .orElseThrow(() -> HubException.notFound("hold-not-found", "There is no hold for request " + hold.requestKey() + "."));
        }
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
