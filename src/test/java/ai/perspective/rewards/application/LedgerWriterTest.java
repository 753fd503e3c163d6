package ai.perspective.rewards.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.TransferStore;
import ai.perspective.rewards.persistence.JdbcTransferStore;
import ai.perspective.shared.HubException;
import ai.perspective.support.Migrations;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The single writer against the ledger's real schema on H2: concurrency, idempotency, conflicts, refusals inside one batch. */
class LedgerWriterTest {

    static final BigInteger GRANT = BigInteger.valueOf(1000);

    JdbcDataSource dataSource;
    GatedStore store;
    LedgerWriter writer;
    Connection keepAlive;

    @BeforeEach
    void schema() throws Exception {
        dataSource = Migrations.inMemoryH2("writer");
        keepAlive = dataSource.getConnection();
        Migrations.apply(keepAlive, "db/migration/rewards/V500__rewards_create_ledger.sql");
        store = new GatedStore(new JdbcTransferStore(dataSource));
        writer = new LedgerWriter(store, () -> GRANT, Thread.ofPlatform().daemon()::unstarted);
    }

    @AfterEach
    void close() throws SQLException {
        writer.stop();
        keepAlive.close();
    }

    @Test
    void hundredConcurrentHoldsAgainstABalanceThatCoversTenSucceedTenTimes() throws Exception {
        LedgerAccount payer = LedgerAccount.spendable(AccountId.random());
        writer.apply(List.of(single(LedgerAccount.TREASURY, payer, BigInteger.ONE))); // creates it: 1000 + 1
        writer.apply(List.of(single(payer, LedgerAccount.TREASURY, BigInteger.ONE))); // back to 1000
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        writer.apply(List.of(hold(payer, BigInteger.valueOf(100))));
                        return true;
                    } catch (TransferEngine.Overdraft refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> call : calls) {
                succeeded += call.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(succeeded).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored(payer)).containsExactly(BigInteger.ONE, GRANT.add(BigInteger.ONE), GRANT, BigInteger.ZERO);
        assertThat(count("select count(*) from rewards_transfer where kind = 'PENDING'")).isEqualTo(10);
        assertSumZero();
    }

    @Test
    void aRetryReturnsTheStoredTransferAndOtherFieldsUnderTheSameIdAreAConflict() {
        LedgerAccount payee = LedgerAccount.spendable(AccountId.random());
        Transfer grant = single(LedgerAccount.TREASURY, payee, BigInteger.TEN);
        Transfer first = writer.apply(List.of(grant)).stored().get(0);
        Transfer again = writer.apply(List.of(grant)).stored().get(0);

        assertThat(first.seq()).isPositive();
        assertThat(again.seq()).isEqualTo(first.seq());
        Transfer other = new Transfer(grant.id(), 0, grant.debit(), grant.credit(), BigInteger.TWO, Kind.SINGLE, Code.GRANT,
                null, null, null, "bench", Instant.now());
        assertThatThrownBy(() -> writer.apply(List.of(other)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("transfer-id-conflict"));
        assertThat(count("select count(*) from rewards_transfer where code = 'GRANT'")).isEqualTo(1);
        assertThat(stored(payee).get(1)).isEqualTo(GRANT.add(BigInteger.TEN));
    }

    @Test
    void commandsInOneBatchAreDecidedInOrderAndARefusedOneWritesNothing() throws Exception {
        LedgerAccount payer = LedgerAccount.spendable(AccountId.random());
        Transfer opener = hold(payer, BigInteger.ONE);
        store.close();
        CompletableFuture<LedgerWriter.Outcome> opened = writer.submit(List.of(opener));
        store.awaitBlocked();
        // everything below is queued while the writer waits, so it is decided in one batch
        Transfer h1 = hold(payer, BigInteger.valueOf(400));
        Transfer h2 = hold(payer, BigInteger.valueOf(400));
        Transfer h3 = hold(payer, BigInteger.valueOf(400));
        Transfer clash = new Transfer(h1.id(), 0, payer, LedgerAccount.CLEARING, BigInteger.valueOf(5), Kind.PENDING,
                Code.CHARGE, null, null, null, "other", Instant.now());
        Transfer post = new Transfer(UUID.randomUUID(), 0, payer, LedgerAccount.CLEARING, BigInteger.valueOf(300), Kind.POST,
                Code.CHARGE, h1.id(), null, null, "k", Instant.now());
        Transfer share = single(LedgerAccount.CLEARING, LedgerAccount.earnings(AccountId.random()), BigInteger.valueOf(300));
        Transfer voidOfSettled = new Transfer(UUID.randomUUID(), 0, payer, LedgerAccount.CLEARING, BigInteger.valueOf(400),
                Kind.VOID, Code.CHARGE, h1.id(), null, null, "k", Instant.now());
        Transfer orphanPost = new Transfer(UUID.randomUUID(), 0, payer, LedgerAccount.CLEARING, BigInteger.ONE, Kind.POST,
                Code.CHARGE, UUID.randomUUID(), null, null, "k", Instant.now());
        List<CompletableFuture<LedgerWriter.Outcome>> results = List.of(writer.submit(List.of(h1)), writer.submit(List.of(h2)),
                writer.submit(List.of(h3)), writer.submit(List.of(clash)), writer.submit(List.of(h1)),
                writer.submit(List.of(post, share)), writer.submit(List.of(h3)), writer.submit(List.of(voidOfSettled)),
                writer.submit(List.of(orphanPost)));
        store.open.countDown();

        assertThat(opened.get(10, TimeUnit.SECONDS).stored()).hasSize(1);
        assertThat(outcome(results.get(0)).stored().get(0).seq()).isPositive();
        assertThat(outcome(results.get(1)).stored().get(0).seq()).isPositive();
        // 1000 - 1 - 400 - 400 leaves 199: the third hold is refused
        assertThatThrownBy(() -> outcome(results.get(2))).isInstanceOf(TransferEngine.Overdraft.class);
        assertThatThrownBy(() -> outcome(results.get(3)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("transfer-id-conflict"));
        assertThat(outcome(results.get(4)).stored().get(0).seq()).isEqualTo(outcome(results.get(0)).stored().get(0).seq());
        assertThat(outcome(results.get(5)).stored()).extracting(Transfer::kind).containsExactly(Kind.POST, Kind.SINGLE);
        // settling h1 freed 100 of its 400: still not enough for the third 400 later in the same batch
        assertThatThrownBy(() -> outcome(results.get(6))).isInstanceOf(TransferEngine.Overdraft.class);
        assertThatThrownBy(() -> outcome(results.get(7)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("hold-already-settled"));
        assertThatThrownBy(() -> outcome(results.get(8)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("hold-not-found"));
        assertThat(store.batches).isEqualTo(2);

        // posted: grant 1000 - 300; pending: 1 + 400 (h2)
        assertThat(stored(payer)).containsExactly(BigInteger.valueOf(300), GRANT, BigInteger.valueOf(401), BigInteger.ZERO);
        assertThat(count("select count(*) from rewards_transfer")).isEqualTo(6); // grant, opener, h1, h2, post, share
        assertSumZero();
    }

    @Test
    void aCommandTheDatabaseRejectsFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
        LedgerAccount payee = LedgerAccount.spendable(AccountId.random());
        store.close();
        CompletableFuture<LedgerWriter.Outcome> opened = writer.submit(List.of(single(LedgerAccount.TREASURY, payee, BigInteger.ONE)));
        store.awaitBlocked();
        // a correction of a transfer that does not exist: only the foreign key finds out
        Transfer dangling = new Transfer(UUID.randomUUID(), 0, LedgerAccount.TREASURY, payee, BigInteger.ONE, Kind.SINGLE,
                Code.CORRECTION, null, UUID.randomUUID(), null, null, Instant.now());
        CompletableFuture<LedgerWriter.Outcome> bad = writer.submit(List.of(dangling));
        CompletableFuture<LedgerWriter.Outcome> good = writer.submit(List.of(single(LedgerAccount.TREASURY, payee, BigInteger.TWO)));
        store.open.countDown();

        opened.get(10, TimeUnit.SECONDS);
        assertThat(good.get(10, TimeUnit.SECONDS).stored().get(0).seq()).isPositive();
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(stored(payee).get(1)).isEqualTo(GRANT.add(BigInteger.valueOf(3)));
        assertSumZero();
    }

    @Test
    void aNewSpendableAccountIsCreatedOnceWithItsSignupGrant() {
        LedgerAccount account = LedgerAccount.spendable(AccountId.random());
        assertThat(LedgerWriter.await(writer.ensureAccounts(List.of(account))).createdAccounts()).containsExactly(account);
        assertThat(LedgerWriter.await(writer.ensureAccounts(List.of(account))).createdAccounts()).isEmpty();
        assertThat(count("select count(*) from rewards_transfer where code = 'SIGNUP_GRANT'")).isEqualTo(1);
        assertThat(stored(account).get(1)).isEqualTo(GRANT);
    }

    private static LedgerWriter.Outcome outcome(CompletableFuture<LedgerWriter.Outcome> future) {
        try {
            return LedgerWriter.await(future);
        } catch (CompletionException e) {
            throw e;
        }
    }

    private static Transfer single(LedgerAccount debit, LedgerAccount credit, BigInteger amount) {
        return new Transfer(UUID.randomUUID(), 0, debit, credit, amount, Kind.SINGLE, Code.GRANT, null, null, null, "test",
                Instant.now());
    }

    private static Transfer hold(LedgerAccount payer, BigInteger amount) {
        return new Transfer(UUID.randomUUID(), 0, payer, LedgerAccount.CLEARING, amount, Kind.PENDING, Code.CHARGE, null, null,
                null, "k", Instant.now());
    }

    /** posted debits, posted credits, pending debits, pending credits as stored. */
    private List<BigInteger> stored(LedgerAccount account) {
        try (Statement s = keepAlive.createStatement(); ResultSet rows = s.executeQuery(
                "select posted_debits, posted_credits, pending_debits, pending_credits from rewards_account where id = '"
                        + account.key() + "'")) {
            rows.next();
            List<BigInteger> totals = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                totals.add(rows.getBigDecimal(i).toBigIntegerExact());
            }
            return totals;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Statement s = keepAlive.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every owned account's stored totals equal the fold of the transfers (posted and open holds),
     * and the posted balances of all accounts, system ones folded, sum to zero.
     */
    private void assertSumZero() {
        String posted = "kind in ('SINGLE', 'POST')";
        String open = "kind = 'PENDING' and not exists (select 1 from rewards_transfer r where r.pending_id = t.id)";
        assertThat(count("select count(*) from rewards_account a where a.kind in ('SPENDABLE', 'EARNINGS') and ("
                + " a.posted_debits <> (select coalesce(sum(amount), 0) from rewards_transfer t where t.debit_account = a.id and " + posted + ")"
                + " or a.posted_credits <> (select coalesce(sum(amount), 0) from rewards_transfer t where t.credit_account = a.id and " + posted + ")"
                + " or a.pending_debits <> (select coalesce(sum(amount), 0) from rewards_transfer t where t.debit_account = a.id and " + open + ")"
                + " or a.pending_credits <> (select coalesce(sum(amount), 0) from rewards_transfer t where t.credit_account = a.id and " + open + "))"))
                .isZero();
        assertThat(count("select coalesce(sum(b), 0) from (select sum(amount) b from rewards_transfer t where " + posted
                + " group by credit_account union all select -sum(amount) from rewards_transfer t where " + posted
                + " group by debit_account) x")).isZero();
    }

    /** Lets a test hold the writer inside its first transaction while more commands queue up. */
    static final class GatedStore implements TransferStore {

        final TransferStore delegate;
        volatile CountDownLatch open = new CountDownLatch(0);
        final CountDownLatch blocked = new CountDownLatch(1);
        volatile int batches;

        GatedStore(TransferStore delegate) {
            this.delegate = delegate;
        }

        void close() {
            open = new CountDownLatch(1);
        }

        void awaitBlocked() throws InterruptedException {
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public Session open() {
            batches++;
            blocked.countDown();
            try {
                open.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.open();
        }
    }
}
