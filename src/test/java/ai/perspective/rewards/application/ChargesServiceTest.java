package ai.perspective.rewards.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Charges.Beneficiaries;
import ai.perspective.rewards.Charges.Hold;
import ai.perspective.rewards.Charges.Settled;
import ai.perspective.rewards.Charges.Settlement;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.TransferIds;
import ai.perspective.rewards.domain.TransferStore;
import ai.perspective.rewards.persistence.JdbcJournal;
import ai.perspective.rewards.persistence.JdbcParameterStore;
import ai.perspective.rewards.persistence.JdbcTransferStore;
import ai.perspective.support.Migrations;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Charges against the ledger's real schema on H2, for the case the gateway cannot avoid: a call
 * whose hold expired (it outlived holds.timeout-seconds) before its usage was settled.
 */
class ChargesServiceTest {

    static final BigInteger GRANT = BigInteger.valueOf(1000);

    Connection keepAlive;
    LedgerWriter writer;
    JdbcJournal journal;
    ChargesService charges;
    final AccountId payer = AccountId.random();
    final AccountId creator = AccountId.random();
    /** Transactions the charges opened on the ledger's tables (the writer's own are not counted). */
    final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void ledger() throws Exception {
        JdbcDataSource dataSource = Migrations.inMemoryH2("charges");
        keepAlive = dataSource.getConnection();
        Migrations.apply(keepAlive, "db/migration/rewards/V500__rewards_create_ledger.sql");
        JdbcTransferStore jdbc = new JdbcTransferStore(dataSource);
        TransferStore store = () -> {
            reads.incrementAndGet();
            return jdbc.open();
        };
        writer = new LedgerWriter(jdbc, () -> GRANT, Thread.ofPlatform().daemon()::unstarted);
        journal = new JdbcJournal(dataSource);
        ParametersService parameters = new ParametersService();
        parameters.store = new JdbcParameterStore(dataSource);
        charges = new ChargesService();
        charges.writer = writer;
        charges.store = store;
        charges.journal = journal;
        charges.parameters = parameters;
    }

    @AfterEach
    void close() throws SQLException {
        writer.stop();
        keepAlive.close();
    }

    @Test
    void aCallWhoseHoldExpiredIsChargedLateAndSplitOnceHoweverOftenItIsDelivered() {
        Hold hold = charges.hold("late-call", payer, BigInteger.valueOf(100));
        assertThat(charges.expire(pending("late-call"))).isTrue();
        assertThat(available(payer)).isEqualTo(GRANT);

        Settled first = settle("late-call", 60);
        Settled again = settle("late-call", 60);

        assertThat(first.succeeded()).as("settled, not left for a retry: %s", first.failure()).isTrue();
        assertThat(first.hold()).isEqualTo(hold);
        assertThat(first.charged()).isEqualTo(BigInteger.valueOf(60));
        assertThat(again.succeeded()).isTrue();
        assertThat(again.charged()).isEqualTo(BigInteger.valueOf(60));
        assertThat(available(payer)).isEqualTo(GRANT.subtract(BigInteger.valueOf(60)));
        // the default fee schedule: 95 % to the creator (its 80 % and the node and data shares, as nobody else is named)
        assertThat(posted(LedgerAccount.earnings(creator))).isEqualTo(BigInteger.valueOf(57));
        assertThat(count("select count(*) from rewards_transfer where memo = 'late-call' and code = 'CHARGE' and kind = 'SINGLE'"))
                .isEqualTo(1);
        assertThat(count("select coalesce(sum(amount), 0) from rewards_transfer where debit_account = '" + LedgerAccount.CLEARING.key() + "'"))
                .as("clearing passes the whole charge on").isEqualTo(60);
    }

    @Test
    void aLateChargeTakesNoMoreThanTheBalanceLeft() {
        charges.hold("spent-meanwhile", payer, BigInteger.valueOf(100));
        charges.expire(pending("spent-meanwhile"));
        writer.apply(List.of(new Transfer(UUID.randomUUID(), 0, LedgerAccount.spendable(payer), LedgerAccount.TREASURY,
                BigInteger.valueOf(970), Kind.SINGLE, Code.TRANSFER, null, null, null, "spent", Instant.now())));

        Settled settled = settle("spent-meanwhile", 60);
        Settled again = settle("spent-meanwhile", 60);

        assertThat(settled.succeeded()).isTrue();
        assertThat(settled.charged()).isEqualTo(BigInteger.valueOf(30));
        assertThat(again.charged()).isEqualTo(BigInteger.valueOf(30));
        assertThat(available(payer)).isZero();
    }

    @Test
    void anEmptyBalanceIsChargedNothingAndTheCallIsNotRetried() {
        charges.hold("nothing-left", payer, BigInteger.valueOf(100));
        charges.expire(pending("nothing-left"));
        writer.apply(List.of(new Transfer(UUID.randomUUID(), 0, LedgerAccount.spendable(payer), LedgerAccount.TREASURY,
                GRANT, Kind.SINGLE, Code.TRANSFER, null, null, null, "spent", Instant.now())));

        Settled settled = settle("nothing-left", 60);

        assertThat(settled.succeeded()).isTrue();
        assertThat(settled.charged()).isZero();
        assertThat(count("select count(*) from rewards_transfer where memo = 'nothing-left' and kind = 'SINGLE'")).isZero();
    }

    @Test
    void aFailedCallWhoseHoldExpiredIsSimplyDone() {
        charges.hold("failed-call", payer, BigInteger.valueOf(100));
        charges.expire(pending("failed-call"));

        Settled settled = settle("failed-call", 0);

        assertThat(settled.succeeded()).isTrue();
        assertThat(settled.charged()).isZero();
        assertThat(available(payer)).isEqualTo(GRANT);
    }

    @Test
    void aCallWithoutHoldStartedWhileHoldsWereRememberedIsSettledWithoutReadingTheLedger() {
        charges.hold("priced-call", payer, BigInteger.valueOf(100)); // remembered, so no read for it either
        Beneficiaries paid = Beneficiaries.creatorOnly(creator, "bob/model");
        Instant now = Instant.now();
        int before = reads.get();

        Map<String, Settled> settled = charges.settleAll(List.of(new Settlement("free-call", BigInteger.ZERO, paid, now),
                new Settlement("priced-call", BigInteger.TEN, paid, now)));

        assertThat(settled.get("free-call").succeeded()).isTrue();
        assertThat(settled.get("free-call").hold()).isNull();
        assertThat(settled.get("priced-call").charged()).isEqualTo(BigInteger.TEN);
        assertThat(reads.get()).as("no database read for a call this server knows has no hold").isEqualTo(before);

        charges.settleAll(List.of(new Settlement("earlier-call", BigInteger.ZERO, paid, now.minusSeconds(3600))));
        charges.settleAll(List.of(new Settlement("unknown-start", BigInteger.ZERO, paid)));
        assertThat(reads.get()).as("a call started before this server, or at an unknown time, is looked up").isEqualTo(before + 2);
    }

    @Test
    void aCallWhoseHoldExpiredHereIsLookedUpAndChargedThoughItStartedAfterStartUp() {
        charges.hold("expired-here", payer, BigInteger.valueOf(100));
        charges.expire(pending("expired-here"));

        Settled settled = charges.settleAll(List.of(new Settlement("expired-here", BigInteger.valueOf(60),
                Beneficiaries.creatorOnly(creator, "bob/slow-model"), Instant.now()))).get("expired-here");

        assertThat(settled.charged()).isEqualTo(BigInteger.valueOf(60));
        assertThat(available(payer)).isEqualTo(GRANT.subtract(BigInteger.valueOf(60)));
    }

    private Settled settle(String key, long cost) {
        return charges.settleAll(List.of(new Settlement(key, BigInteger.valueOf(cost),
                Beneficiaries.creatorOnly(creator, "bob/slow-model")))).get(key);
    }

    private Transfer pending(String key) {
        return journal.byId(TransferIds.hold(key)).orElseThrow();
    }

    private BigInteger available(AccountId owner) {
        return select("select posted_credits - posted_debits - pending_debits from rewards_account where id = '"
                + LedgerAccount.spendable(owner).key() + "'");
    }

    private BigInteger posted(LedgerAccount account) {
        return select("select posted_credits - posted_debits from rewards_account where id = '" + account.key() + "'");
    }

    private long count(String sql) {
        return select(sql).longValueExact();
    }

    private BigInteger select(String sql) {
        try (Statement s = keepAlive.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getBigDecimal(1).toBigIntegerExact();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
