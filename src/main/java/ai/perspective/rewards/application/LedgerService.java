package ai.perspective.rewards.application;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors;
import ai.perspective.chain.Bytes32;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Role;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.Batches;
import ai.perspective.rewards.domain.Journal;
import ai.perspective.rewards.domain.TransferIds;
import ai.perspective.rewards.merkle.MerkleTree;
import ai.perspective.rewards.merkle.TransferLeaf;
import ai.perspective.shared.HubException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class LedgerService implements Ledger {

    static final int MAX_PAGE = 500;
    static final int MAX_MEMO = 200;
    static final int MAX_EARNINGS_DAYS = 366;
    /** Longer than any transaction may live (the server's default timeout is 300 s); see Batches.sealedFloor. */
    static final Duration STRAGGLERS = Duration.ofMinutes(10);

    @Inject
    Anchors anchors;
    @Inject
    TransferEngine engine;
    @Inject
    LedgerWriter writer;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @Inject
    Journal journal;
    @Inject
    Batches batches;
    @Inject
    ParametersService parameters;
    @Inject
    CurrentAccount caller;

    Clock clock = Clock.systemUTC();

    @Override
    public Balance balance(LedgerAccount account) {
        Journal.Totals t = journal.totals(account);
        return new Balance(account, t.posted(), t.pendingDebits(), t.pendingCredits());
    }

    @Override
    public Wallet wallet(AccountId owner) {
        requireSelfOrAdmin(owner);
        // an account whose AccountCreated event was lost (process died right after sign-up) is funded on first look
        ensureFunded(LedgerAccount.spendable(owner));
        return new Wallet(owner, balance(LedgerAccount.spendable(owner)), balance(LedgerAccount.earnings(owner)));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Transfer transfer(TransferRequest request) {
        return applyOne(checked(request, Kind.SINGLE));
    }

    @Override
    public Transfer pending(TransferRequest request) {
        return applyOne(checked(request, Kind.PENDING));
    }

    @Override
    public Transfer post(UUID pendingId, UUID id) {
        return resolve(pendingId, id, Kind.POST);
    }

    @Override
    public Transfer voidPending(UUID pendingId, UUID id) {
        return resolve(pendingId, id, Kind.VOID);
    }

    private Transfer resolve(UUID pendingId, UUID id, Kind kind) {
        if (pendingId == null || id == null) {
            throw HubException.invalid("id", "missing-field", "Name the pending transfer and the id of its " + kind + ".");
        }
        Transfer pending = journal.byId(pendingId).filter(t -> t.kind() == Kind.PENDING)
                .orElseThrow(() -> HubException.notFound("transfer-not-found", "There is no pending transfer " + pendingId + "."));
        Transfer resolution = new Transfer(id, 0, pending.debit(), pending.credit(), pending.amount(), kind, pending.code(),
                pendingId, null, pending.model(), pending.memo(), clock.instant());
        engine.apply(List.of(resolution), pid -> pending);
        return journal.byId(id).orElseThrow();
    }

    private Transfer checked(TransferRequest request, Kind kind) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send id, debit, credit, amount and code.");
        }
        if (request.id() == null) {
            throw HubException.invalid("id", "missing-field", "Choose a transfer id (a UUID): it makes retries safe.");
        }
        if (request.debit() == null || request.credit() == null || request.debit().equals(request.credit())) {
            throw HubException.invalid("credit", "invalid-accounts", "A transfer debits one account and credits another.");
        }
        if (request.code() == null) {
            throw HubException.invalid("code", "missing-field", "Say why: a transfer code.");
        }
        requireAmount(request.amount(), "amount");
        return new Transfer(request.id(), 0, request.debit(), request.credit(), request.amount(), kind,
                request.code(), null, null, text(request.model(), "model"), text(request.memo(), "memo"), clock.instant());
    }

    static final int MAX_BULK = 10_000;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TransferResult> transferAll(List<TransferRequest> requests) {
        if (requests == null || requests.isEmpty() || requests.size() > MAX_BULK) {
            throw HubException.invalid("transfers", "invalid-batch", "Send 1 to " + MAX_BULK + " transfers.");
        }
        boolean inTransaction = transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
        List<Object> queued = new ArrayList<>(requests.size());
        for (TransferRequest request : requests) {
            try {
                Transfer transfer = checked(request, Kind.SINGLE);
                queued.add(inTransaction ? transfer : writer.submit(List.of(transfer)));
            } catch (HubException e) {
                queued.add(e);
            }
        }
        List<TransferResult> results = new ArrayList<>(requests.size());
        for (Object q : queued) {
            try {
                if (q instanceof HubException e) {
                    results.add(new TransferResult(null, e));
                } else if (q instanceof Transfer t) {
                    results.add(new TransferResult(applyOne(t), null));
                } else {
                    @SuppressWarnings("unchecked")
                    var future = (java.util.concurrent.CompletableFuture<LedgerWriter.Outcome>) q;
                    results.add(new TransferResult(LedgerWriter.await(future).stored().get(0), null));
                }
            } catch (TransferEngine.Overdraft e) {
                results.add(new TransferResult(null, new HubException(HubException.Kind.CONFLICT, "insufficient-balance", "amount",
                        "The account " + e.account() + " does not hold enough base units.")));
            } catch (HubException e) {
                results.add(new TransferResult(null, e));
            }
        }
        return results;
    }

    /**
     * Through the single writer (group commit) when the caller has no transaction; inside the
     * caller's transaction when it has one, so a module that writes its own records with a
     * transfer (e.g. a withdrawal) keeps both atomic.
     */
    private Transfer applyOne(Transfer transfer) {
        try {
            if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
                return writer.apply(List.of(transfer)).stored().get(0);
            }
            engine.apply(List.of(transfer), id -> null);
            // read back: the stored transfer carries the seq and time the ledger gave it
            return journal.byId(transfer.id()).orElseThrow();
        } catch (TransferEngine.Overdraft e) {
            throw new HubException(HubException.Kind.CONFLICT, "insufficient-balance", "amount",
                    "The account " + e.account() + " does not hold " + transfer.amount() + " base units.");
        }
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Transfer grant(UUID id, AccountId to, BigInteger amount, String memo) {
        requireAdmin();
        if (to == null) {
            throw HubException.invalid("account", "missing-field", "Name the account to grant POV to.");
        }
        requireAmount(amount, "amount");
        Transfer transfer = new Transfer(id == null ? UUID.randomUUID() : id, 0, LedgerAccount.TREASURY,
                LedgerAccount.spendable(to), amount, Kind.SINGLE, Code.GRANT, null, null, null, text(memo, "memo"), clock.instant());
        return applyOne(transfer);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Transfer reverse(UUID transferId, UUID correctionId, String memo) {
        requireAdmin();
        Transfer original = journal.byId(transferId)
                .orElseThrow(() -> HubException.notFound("transfer-not-found", "There is no transfer " + transferId + "."));
        if (original.kind() != Kind.SINGLE) {
            throw HubException.invalid("transferId", "not-reversible",
                    "Only posted single transfers are reversed; a hold is voided, and a posted hold is reversed through its shares.");
        }
        Transfer correction = new Transfer(correctionId == null ? TransferIds.of("reversal", transferId.toString()) : correctionId,
                0, original.credit(), original.debit(), original.amount(), Kind.SINGLE, Code.CORRECTION, null, original.id(),
                original.model(), text(memo, "memo"), clock.instant());
        return applyOne(correction);
    }

    @Override
    public Optional<Transfer> find(UUID id) {
        Optional<Transfer> transfer = journal.byId(id);
        if (transfer.isPresent() && !caller.hasRole(Role.ADMIN) && !ownsAny(transfer.get())) {
            return Optional.empty();
        }
        return transfer;
    }

    private boolean ownsAny(Transfer t) {
        Optional<AccountId> me = caller.id();
        return me.isPresent() && (me.get().equals(t.debit().owner()) || me.get().equals(t.credit().owner()));
    }

    @Override
    public Page<Transfer> transfers(TransferQuery query) {
        requireSelfOrAdmin(query.owner());
        requirePage(query.offset(), query.limit());
        return journal.transfers(query.owner(), query.code(), query.from(), query.to(), query.offset(), query.limit());
    }

    @Override
    public Page<Transfer> systemTransfers(LedgerAccount account, int offset, int limit) {
        requireAdmin();
        requirePage(offset, limit);
        return journal.transfersOf(account.key(), offset, limit);
    }

    @Override
    public List<DailyEarnings> earningsByModel(AccountId owner, LocalDate from, LocalDate to) {
        requireSelfOrAdmin(owner);
        if (from == null || to == null || to.isBefore(from) || from.plusDays(MAX_EARNINGS_DAYS).isBefore(to)) {
            throw HubException.invalid("from", "invalid-period", "Choose from <= to, at most " + MAX_EARNINGS_DAYS + " days apart.");
        }
        return journal.earningsByModel(LedgerAccount.earnings(owner).key(), from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Override
    public int backfillSignupGrants(List<AccountId> accounts) {
        requireAdmin();
        int funded = 0;
        for (AccountId account : accounts) {
            if (ensureFunded(LedgerAccount.spendable(account))) {
                funded++;
            }
        }
        return funded;
    }

    /** Creates the spendable account (and so its sign-up grant) if it is missing; true when it was. */
    public boolean ensureFunded(LedgerAccount spendable) {
        if (journal.byId(TransferIds.signupGrant(spendable.owner().value())).isPresent()) {
            return false;
        }
        BigInteger grant = parameters.settings().signupGrant();
        if (!journal.ensureAccount(spendable, clock.instant()) || grant.signum() == 0) {
            return false;
        }
        engine.apply(List.of(engine.signupGrant(spendable, grant)), id -> null);
        return true;
    }

    @Override
    public List<Batch> batches(int offset, int limit) {
        requirePage(offset, limit);
        return batches.page(offset, limit);
    }

    @Override
    public Optional<Proof> proof(UUID transferId) {
        if (find(transferId).isEmpty()) {
            throw HubException.notFound("transfer-not-found", "There is no transfer " + transferId + " you may see.");
        }
        return proofOf(transferId);
    }

    @Override
    public Optional<Verifiable> verifiable(UUID transferId) {
        return journal.byId(transferId).map(t -> new Verifiable(t, proofOf(transferId).orElse(null)));
    }

    private Optional<Proof> proofOf(UUID transferId) {
        return batches.batchOf(transferId).map(batch -> {
            List<Transfer> sealed = batches.transfers(batch.id());
            List<byte[]> leaves = sealed.stream().map(TransferLeaf::of).toList();
            MerkleTree tree = MerkleTree.of(leaves);
            byte[] leaf = TransferLeaf.of(sealed.stream().filter(t -> t.id().equals(transferId)).findFirst().orElseThrow());
            return new Proof(transferId, batch.id(), MerkleTree.hex(leaf), tree.proof(leaf).stream().map(MerkleTree::hex).toList(),
                    batch.merkleRoot(), TransferLeaf.ENCODING);
        });
    }

    @Override
    public Optional<Batch> sealBatch() {
        batches.lockSealer();
        long floor = batches.sealedFloor(clock.instant().minus(STRAGGLERS));
        List<Transfer> transfers = batches.unsealed(floor, parameters.settings().batchMaxTransfers());
        if (transfers.isEmpty()) {
            return Optional.empty();
        }
        MerkleTree tree = MerkleTree.of(transfers.stream().map(TransferLeaf::of).toList());
        Batch batch = new Batch(batches.nextId(), MerkleTree.hex(tree.root()), transfers.size(), clock.instant());
        batches.add(batch, transfers, transfers.stream().mapToLong(Transfer::seq).max().orElseThrow());
        // queued in this transaction: a sealed batch is always anchored, and only once
        anchors.anchor(AnchorKind.LEDGER_BATCH, String.valueOf(batch.id()), Bytes32.fromHex(batch.merkleRoot()));
        return Optional.of(batch);
    }

    /** Whether a batch is due: enough unsealed transfers, or the oldest waited long enough. */
    public boolean batchDue() {
        ParametersService.Settings settings = parameters.settings();
        long floor = batches.sealedFloor(clock.instant().minus(STRAGGLERS));
        Optional<java.time.Instant> oldest = batches.oldestUnsealed(floor);
        return oldest.isPresent() && (oldest.get().plus(settings.batchMaxAge()).isBefore(clock.instant())
                || batches.unsealed(floor, settings.batchMaxTransfers()).size() >= settings.batchMaxTransfers());
    }

    @Override
    public Verification verify() {
        requireAdmin();
        List<Journal.Recount> recounts = journal.recount();
        BigInteger sum = BigInteger.ZERO;
        BigInteger pendingDebits = BigInteger.ZERO;
        BigInteger pendingCredits = BigInteger.ZERO;
        List<String> mismatched = new ArrayList<>();
        for (Journal.Recount r : recounts) {
            Journal.Totals balance = r.owned() ? r.stored() : r.folded();
            sum = sum.add(balance.posted());
            pendingDebits = pendingDebits.add(balance.pendingDebits());
            pendingCredits = pendingCredits.add(balance.pendingCredits());
            if (r.owned() && !r.stored().equals(r.folded())) {
                mismatched.add(r.accountKey());
            }
        }
        if (!pendingDebits.equals(pendingCredits)) {
            mismatched.add("pending totals: debits " + pendingDebits + " != credits " + pendingCredits);
        }
        long open = journal.openHolds(clock.instant().plusSeconds(1), Integer.MAX_VALUE).size();
        return new Verification(journal.countTransfers(), recounts.size(), sum, mismatched, open);
    }

    private void requireAmount(BigInteger amount, String field) {
        if (amount == null || amount.signum() <= 0 || amount.bitLength() > 256) {
            throw HubException.invalid(field, "invalid-amount", "An amount is a whole number of base units > 0 (1 POV = 10^18).");
        }
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > MAX_MEMO) {
            throw HubException.invalid(field, "too-long", field + " has at most " + MAX_MEMO + " characters.");
        }
        return value.strip();
    }

    private static void requirePage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw HubException.invalid("limit", "invalid-page", "Use offset >= 0 and 1 <= limit <= " + MAX_PAGE + ".");
        }
    }

    private void requireAdmin() {
        caller.require();
        if (!caller.hasRole(Role.ADMIN)) {
            throw HubException.forbidden("Only administrators can do this.");
        }
    }

    private void requireSelfOrAdmin(AccountId owner) {
        AccountId me = caller.require();
        if (owner == null) {
            throw HubException.invalid("account", "missing-field", "Name the account.");
        }
        if (!me.equals(owner) && !caller.hasRole(Role.ADMIN)) {
            throw HubException.forbidden("You can see only your own wallet.");
        }
    }
}
