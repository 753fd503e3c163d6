package ai.perspective.rewards.application;

import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.Journal.Totals;
import ai.perspective.rewards.domain.Postings;
import ai.perspective.rewards.domain.TransferIds;
import ai.perspective.rewards.domain.TransferStore;
import ai.perspective.rewards.domain.Transfers;
import ai.perspective.shared.HubException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ledger's single writer, after TigerBeetle: callers queue commands (a list of transfers to
 * make all or none) and wait on a future; one thread takes every command queued meanwhile and
 * decides them in order against the balances it read and locked for the batch, then writes all
 * accepted transfers and the new totals in one transaction and commits once (group commit). A
 * caller is answered only after that commit, so what it was told is durable.
 *
 * <p>Every rule of the ledger holds per command, exactly as if commands ran one after another:
 * an id reused with the same fields returns the stored transfer, with other fields it is a
 * conflict; a hold is resolved at most once; an owned account never goes below zero — 100
 * concurrent holds against a balance that covers 10 are decided one by one in the batch, 10
 * succeed. A refused command writes nothing and does not affect the others in its batch.
 *
 * <p>The balances are read with {@code SELECT ... FOR UPDATE} at the start of each batch, so the
 * decisions stay exact even when another server, or a transfer made inside a caller's own
 * transaction ({@link TransferEngine}), changes them in between. If a batch cannot commit (e.g. a
 * unique key taken by such a concurrent writer), it is retried once, then its commands run one by
 * one so only the offending command fails.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());
    /** Most transfers decided and committed in one transaction. */
    static final int MAX_BATCH_TRANSFERS = 4096;

    /** What a command did: per requested transfer the stored one (the existing one for a retry), and accounts it created. */
    public record Outcome(List<Transfer> stored, Set<LedgerAccount> createdAccounts) {
    }

    private record Command(List<Transfer> transfers, List<LedgerAccount> ensure, CompletableFuture<Outcome> done) {

        int size() {
            return Math.max(1, transfers.size());
        }
    }

    @Inject
    TransferStore store;
    @Inject
    ParametersService parameters;
    @Resource
    ManagedThreadFactory managedThreads;

    Supplier<BigInteger> signupGrant = () -> parameters.settings().signupGrant();
    ThreadFactory threads;
    Clock clock = Clock.systemUTC();

    private final BlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    public LedgerWriter() {
    }

    /** Outside the server, e.g. in tests. */
    public LedgerWriter(TransferStore store, Supplier<BigInteger> signupGrant, ThreadFactory threads) {
        this.store = store;
        this.signupGrant = signupGrant;
        this.threads = threads;
    }

    /** Queues the transfers, all or none; the future completes after the commit that includes them. */
    public CompletableFuture<Outcome> submit(List<Transfer> transfers) {
        return enqueue(new Command(List.copyOf(transfers), List.of(), new CompletableFuture<>()));
    }

    /** Creates the owned accounts that do not exist yet (a new spendable one with its sign-up grant). */
    public CompletableFuture<Outcome> ensureAccounts(List<LedgerAccount> accounts) {
        return enqueue(new Command(List.of(), List.copyOf(accounts), new CompletableFuture<>()));
    }

    /** {@link #submit} and wait; the ledger's own exceptions (conflict, overdraft, ...) are thrown as they are. */
    public Outcome apply(List<Transfer> transfers) {
        return await(submit(transfers));
    }

    public static Outcome await(CompletableFuture<Outcome> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private CompletableFuture<Outcome> enqueue(Command command) {
        if (stopping) {
            command.done().completeExceptionally(HubException.unavailable("ledger-stopping", "The ledger is shutting down; try again."));
            return command.done();
        }
        startWriter();
        queue.add(command);
        return command.done();
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    ThreadFactory factory = threads != null ? threads : managedThreads;
                    Thread thread = factory.newThread(this::writeLoop);
                    thread.setName("rewards-ledger-writer");
                    thread.setDaemon(true);
                    thread.start();
                    writer = thread;
                }
            }
        }
    }

    @PreDestroy
    public void stop() {
        stopping = true;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
        List<Command> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(c -> c.done().completeExceptionally(HubException.unavailable("ledger-stopping", "The ledger is shutting down; try again.")));
    }

    private void writeLoop() {
        List<Command> batch = new ArrayList<>();
        while (!stopping) {
            try {
                Command first = queue.take();
                batch.add(first);
                int transfers = first.size();
                Command next;
                while (transfers < MAX_BATCH_TRANSFERS && (next = queue.poll()) != null) {
                    batch.add(next);
                    transfers += next.size();
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(c -> c.done().completeExceptionally(HubException.unavailable("ledger-stopping", "The ledger is shutting down.")));
                return;
            } catch (RuntimeException | Error e) {
                // never let the writer die: fail what it held and go on
                LOG.log(Level.SEVERE, "Ledger writer failed on a batch of " + batch.size(), e);
                batch.forEach(c -> c.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Commits the batch, retrying once; if it still fails, each command alone so only the faulty one fails. */
    void run(List<Command> batch) {
        try {
            decideAndCommit(batch);
        } catch (RuntimeException first) {
            LOG.log(Level.FINE, "Ledger batch of " + batch.size() + " failed, retrying", first);
            try {
                decideAndCommit(batch);
            } catch (RuntimeException second) {
                if (batch.size() == 1) {
                    LOG.log(Level.WARNING, "Ledger command failed", second);
                    batch.get(0).done().completeExceptionally(second);
                    return;
                }
                for (Command command : batch) {
                    try {
                        decideAndCommit(List.of(command));
                    } catch (RuntimeException alone) {
                        LOG.log(Level.WARNING, "Ledger command failed", alone);
                        command.done().completeExceptionally(alone);
                    }
                }
            }
        }
    }

    /** The state of one batch while its commands are decided in order. */
    private final class Batch {

        final TransferStore.Session session;
        final Map<UUID, Transfer> stored;
        final Map<UUID, Transfer> resolutions;
        final Map<UUID, Transfer> reversals;
        final Map<String, Totals> balances;
        final Set<String> changed = new LinkedHashSet<>();
        final List<LedgerAccount> created = new ArrayList<>();
        final List<Transfer> inserts = new ArrayList<>();
        BigInteger grant;

        Batch(TransferStore.Session session, List<Command> commands) {
            this.session = session;
            Set<UUID> ids = new HashSet<>();
            Set<UUID> pendingIds = new HashSet<>();
            Set<UUID> reversed = new HashSet<>();
            for (Command c : commands) {
                for (Transfer t : c.transfers()) {
                    ids.add(t.id());
                    if (t.pendingId() != null) {
                        pendingIds.add(t.pendingId());
                    }
                    if (t.reversalOf() != null) {
                        reversed.add(t.reversalOf());
                    }
                }
            }
            Set<String> owned = new HashSet<>();
            for (Command c : commands) {
                for (LedgerAccount a : accountsOf(c)) {
                    owned.add(a.key());
                }
            }
            TransferStore.Snapshot snapshot = session.read(ids, pendingIds, reversed, owned);
            stored = new HashMap<>(snapshot.byId());
            resolutions = new HashMap<>(snapshot.resolutions());
            reversals = new HashMap<>(snapshot.reversals());
            balances = new HashMap<>(snapshot.accounts());
        }

        /** The owned accounts a command touches, including those of the holds it resolves. */
        List<LedgerAccount> accountsOf(Command c) {
            List<LedgerAccount> accounts = new ArrayList<>(c.ensure());
            for (Transfer t : c.transfers()) {
                accounts.add(t.debit());
                accounts.add(t.credit());
            }
            accounts.removeIf(a -> !a.kind().owned());
            return accounts;
        }

        Outcome decide(Command c) {
            Set<LedgerAccount> createdNow = new LinkedHashSet<>();
            for (LedgerAccount account : accountsOf(c)) {
                if (!balances.containsKey(account.key())) {
                    create(account);
                    createdNow.add(account);
                }
            }
            if (!c.transfers().isEmpty() && stored.get(c.transfers().get(0).id()) instanceof Transfer first
                    && Transfers.sameRequest(first, c.transfers().get(0))) {
                // the command's first transfer is stored, and a command is all or none: this is a retry
                // of one that committed (its other transfers are what was decided then)
                return new Outcome(retried(c), createdNow);
            }
            List<Transfer> result = new ArrayList<>(c.transfers().size());
            List<Transfer> fresh = new ArrayList<>();
            Map<UUID, Transfer> local = new HashMap<>();
            Map<UUID, Transfer> localResolutions = new HashMap<>();
            Postings postings = new Postings();
            for (Transfer t : c.transfers()) {
                Transfers.check(t);
                Transfer pending = null;
                if (t.pendingId() != null) {
                    pending = local.containsKey(t.pendingId()) ? local.get(t.pendingId()) : stored.get(t.pendingId());
                    if (pending == null || pending.kind() != Kind.PENDING) {
                        throw HubException.notFound("hold-not-found", "There is no hold " + t.pendingId() + ".");
                    }
                    if (!pending.debit().equals(t.debit()) || !pending.credit().equals(t.credit())) {
                        throw HubException.invalid("pendingId", "hold-mismatch", "A post or void names the accounts of its hold.");
                    }
                    Transfer resolution = localResolutions.containsKey(t.pendingId()) ? localResolutions.get(t.pendingId())
                            : resolutions.get(t.pendingId());
                    if (resolution != null) {
                        if (Transfers.sameRequest(resolution, t)) {
                            result.add(resolution);
                            continue;
                        }
                        String state = resolution.kind() == Kind.POST ? "settled" : "released";
                        throw new HubException(HubException.Kind.CONFLICT, "hold-already-" + state, null,
                                "The hold " + t.pendingId() + " was already " + state + ".");
                    }
                }
                if (t.reversalOf() != null && reversals.get(t.reversalOf()) instanceof Transfer reversal) {
                    if (Transfers.sameRequest(reversal, t)) {
                        result.add(reversal);
                        continue;
                    }
                    throw new HubException(HubException.Kind.CONFLICT, "already-reversed", "transferId",
                            "Transfer " + t.reversalOf() + " was already reversed.");
                }
                Transfer existing = local.containsKey(t.id()) ? local.get(t.id()) : stored.get(t.id());
                if (existing != null) {
                    if (Transfers.sameRequest(existing, t)) {
                        result.add(existing);
                        continue;
                    }
                    throw new HubException(HubException.Kind.CONFLICT, "transfer-id-conflict", "id",
                            "Transfer " + t.id() + " exists with other fields; use a new id for a new transfer.");
                }
                postings.add(t, pending);
                local.put(t.id(), t);
                if (t.pendingId() != null) {
                    localResolutions.put(t.pendingId(), t);
                }
                fresh.add(t);
                result.add(t);
            }
            Map<String, Totals> next = new HashMap<>();
            for (Map.Entry<String, Totals> delta : postings.byAccount().entrySet()) {
                Totals before = balances.get(delta.getKey());
                if (before == null || delta.getValue().isZero()) {
                    continue; // a system account: folded from the transfers, never below zero by rule
                }
                Totals after = before.plus(delta.getValue());
                if (after.posted().subtract(after.pendingDebits()).signum() < 0) {
                    throw new TransferEngine.Overdraft(delta.getKey(), before.posted().subtract(before.pendingDebits()));
                }
                next.put(delta.getKey(), after);
            }
            balances.putAll(next);
            changed.addAll(next.keySet());
            inserts.addAll(fresh);
            for (Transfer t : fresh) {
                stored.put(t.id(), t);
                if (t.pendingId() != null) {
                    resolutions.put(t.pendingId(), t);
                }
                if (t.reversalOf() != null) {
                    reversals.put(t.reversalOf(), t);
                }
            }
            return new Outcome(result, createdNow);
        }

        /** A retried command returns what is stored under each of its ids. */
        private List<Transfer> retried(Command c) {
            List<Transfer> result = new ArrayList<>();
            for (Transfer t : c.transfers()) {
                Transfer existing = stored.get(t.id());
                if (existing == null && t.pendingId() != null) {
                    existing = resolutions.get(t.pendingId());
                }
                result.add(existing == null ? t : existing);
            }
            return result;
        }

        /** A new owned account; a spendable one is funded with the sign-up grant in the same commit. */
        private void create(LedgerAccount account) {
            created.add(account);
            balances.put(account.key(), Totals.ZERO);
            if (account.kind() != LedgerAccount.Kind.SPENDABLE) {
                return;
            }
            if (grant == null) {
                grant = signupGrant.get();
            }
            if (grant.signum() <= 0) {
                return;
            }
            Transfer signup = new Transfer(TransferIds.signupGrant(account.owner().value()), 0, LedgerAccount.TREASURY, account,
                    grant, Kind.SINGLE, Code.SIGNUP_GRANT, null, null, null, "sign-up grant", clock.instant());
            if (stored.containsKey(signup.id())) {
                return; // funded before its account row existed (cannot happen through this writer; kept safe)
            }
            balances.put(account.key(), new Totals(BigInteger.ZERO, grant, BigInteger.ZERO, BigInteger.ZERO));
            changed.add(account.key());
            inserts.add(signup);
            stored.put(signup.id(), signup);
        }
    }

    private void decideAndCommit(List<Command> commands) {
        Map<Command, Object> results = new LinkedHashMap<>();
        Map<UUID, Long> seqs = new HashMap<>();
        try (TransferStore.Session session = store.open()) {
            Batch batch = new Batch(session, commands);
            for (Command c : commands) {
                try {
                    results.put(c, batch.decide(c));
                } catch (HubException | TransferEngine.Overdraft | IllegalArgumentException refused) {
                    results.put(c, refused);
                }
            }
            Map<LedgerAccount, Totals> created = new LinkedHashMap<>();
            batch.created.forEach(account -> created.put(account, batch.balances.get(account.key())));
            Map<String, Totals> totals = new java.util.TreeMap<>();
            batch.changed.forEach(key -> totals.put(key, batch.balances.get(key)));
            batch.created.forEach(account -> totals.remove(account.key()));
            long[] assigned = session.write(created, clock.instant(), batch.inserts, totals);
            for (int i = 0; i < assigned.length; i++) {
                seqs.put(batch.inserts.get(i).id(), assigned[i]);
            }
            session.commit();
        }
        for (Map.Entry<Command, Object> result : results.entrySet()) {
            if (result.getValue() instanceof Outcome outcome) {
                List<Transfer> stored = outcome.stored().stream().map(t -> t.seq() > 0 || !seqs.containsKey(t.id()) ? t : withSeq(t, seqs.get(t.id()))).toList();
                result.getKey().done().complete(new Outcome(stored, outcome.createdAccounts()));
            } else {
                result.getKey().done().completeExceptionally((Throwable) result.getValue());
            }
        }
    }

    private static Transfer withSeq(Transfer t, long seq) {
        return new Transfer(t.id(), seq, t.debit(), t.credit(), t.amount(), t.kind(), t.code(), t.pendingId(), t.reversalOf(),
                t.model(), t.memo(), t.createdAt());
    }
}
