package ai.perspective.rewards.persistence;

import ai.perspective.shared.persistence.Sql;
import static ai.perspective.rewards.persistence.Jdbc.TRANSFER_COLUMNS;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.Journal;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class JdbcJournal implements Journal {

    /** Posted amounts: single transfers and posts. */
    private static final String POSTED = "t.kind in ('SINGLE', 'POST')";
    /** Holds still open: not posted, not voided. */
    private static final String OPEN = "t.kind = 'PENDING' and not exists (select 1 from rewards_transfer r where r.pending_id = t.id)";

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    public JdbcJournal() {
    }

    /** For tests and tools outside the server. */
    public JdbcJournal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean ensureAccount(LedgerAccount account, Instant now) {
        return Sql.update(dataSource, "insert into rewards_account (id, kind, owner_id, created_at) values (?, ?, ?, ?)"
                        + " on conflict do nothing",
                account.key(), account.kind(), account.owner() == null ? null : account.owner().value(), now) == 1;
    }

    @Override
    public boolean append(Transfer t) {
        // no conflict target: a duplicate id, a second resolution of one hold, or a second reversal
        // of one transfer all insert nothing, and the caller finds out which by reading
        return Sql.update(dataSource, "insert into rewards_transfer (id, debit_account, credit_account, amount, kind, code,"
                        + " pending_id, reversal_of, model, memo, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict do nothing",
                t.id(), t.debit().key(), t.credit().key(), t.amount(), t.kind(), t.code(), t.pendingId(), t.reversalOf(),
                t.model(), t.memo(), t.createdAt()) == 1;
    }

    @Override
    public Optional<Transfer> byId(UUID id) {
        return one("select " + TRANSFER_COLUMNS + " from rewards_transfer t where t.id = ?", id);
    }

    @Override
    public Optional<Transfer> resolutionOf(UUID pendingId) {
        return one("select " + TRANSFER_COLUMNS + " from rewards_transfer t where t.pending_id = ?", pendingId);
    }

    @Override
    public Optional<Transfer> reversalOf(UUID transferId) {
        return one("select " + TRANSFER_COLUMNS + " from rewards_transfer t where t.reversal_of = ?", transferId);
    }

    private Optional<Transfer> one(String sql, Object... parameters) {
        return Sql.query(dataSource, sql, Jdbc::transfer, parameters).stream().findFirst();
    }

    @Override
    public boolean adjust(String accountKey, Totals d) {
        // the condition is on the row after the change: available (posted credits - posted debits
        // - pending debits) never below zero
        return Sql.update(dataSource, "update rewards_account set posted_debits = posted_debits + ?,"
                        + " posted_credits = posted_credits + ?, pending_debits = pending_debits + ?,"
                        + " pending_credits = pending_credits + ?"
                        + " where id = ? and (posted_credits + ?) - (posted_debits + ?) - (pending_debits + ?) >= 0",
                d.postedDebits(), d.postedCredits(), d.pendingDebits(), d.pendingCredits(), accountKey,
                d.postedCredits(), d.postedDebits(), d.pendingDebits()) == 1;
    }

    @Override
    public Totals totals(LedgerAccount account) {
        if (account.kind().owned()) {
            return Sql.query(dataSource, "select posted_debits, posted_credits, pending_debits, pending_credits"
                    + " from rewards_account where id = ?", JdbcJournal::totals, account.key()).stream().findFirst()
                    .orElse(Totals.ZERO);
        }
        String key = account.key();
        return Sql.query(dataSource, "select"
                + " coalesce(sum(case when t.debit_account = ? and " + POSTED + " then t.amount end), 0) posted_debits,"
                + " coalesce(sum(case when t.credit_account = ? and " + POSTED + " then t.amount end), 0) posted_credits,"
                + " coalesce(sum(case when t.debit_account = ? and " + OPEN + " then t.amount end), 0) pending_debits,"
                + " coalesce(sum(case when t.credit_account = ? and " + OPEN + " then t.amount end), 0) pending_credits"
                + " from rewards_transfer t where t.debit_account = ? or t.credit_account = ?",
                JdbcJournal::totals, key, key, key, key, key, key).get(0);
    }

    private static Totals totals(java.sql.ResultSet rows) throws java.sql.SQLException {
        return new Totals(Jdbc.big(rows, "posted_debits"), Jdbc.big(rows, "posted_credits"),
                Jdbc.big(rows, "pending_debits"), Jdbc.big(rows, "pending_credits"));
    }

    @Override
    public Ledger.Page<Transfer> transfers(AccountId owner, Ledger.Code code, Instant from, Instant to, int offset, int limit) {
        String spendable = LedgerAccount.spendable(owner).key();
        String earnings = LedgerAccount.earnings(owner).key();
        StringBuilder where = new StringBuilder(" from rewards_transfer t where (t.debit_account in (?, ?) or t.credit_account in (?, ?))");
        List<Object> parameters = new ArrayList<>(List.of(spendable, earnings, spendable, earnings));
        if (code != null) {
            where.append(" and t.code = ?");
            parameters.add(code);
        }
        if (from != null) {
            where.append(" and t.created_at >= ?");
            parameters.add(from);
        }
        if (to != null) {
            where.append(" and t.created_at < ?");
            parameters.add(to);
        }
        long total = Sql.count(dataSource, "select count(*)" + where, parameters.toArray());
        parameters.add(limit);
        parameters.add(offset);
        List<Transfer> items = Sql.query(dataSource, "select " + TRANSFER_COLUMNS + where + " order by t.seq desc limit ? offset ?",
                Jdbc::transfer, parameters.toArray());
        return new Ledger.Page<>(items, total);
    }

    @Override
    public Ledger.Page<Transfer> transfersOf(String accountKey, int offset, int limit) {
        String where = " from rewards_transfer t where t.debit_account = ? or t.credit_account = ?";
        long total = Sql.count(dataSource, "select count(*)" + where, accountKey, accountKey);
        return new Ledger.Page<>(Sql.query(dataSource, "select " + TRANSFER_COLUMNS + where + " order by t.seq desc limit ? offset ?",
                Jdbc::transfer, accountKey, accountKey, limit, offset), total);
    }

    @Override
    public List<Ledger.DailyEarnings> earningsByModel(String accountKey, Instant from, Instant to) {
        // grouped by UTC day here rather than in SQL: date arithmetic on time zones differs between H2 and PostgreSQL
        Map<String, BigInteger> sums = new TreeMap<>();
        Sql.query(dataSource, "select t.created_at, t.model, t.amount from rewards_transfer t where t.credit_account = ?"
                        + " and t.kind = 'SINGLE' and t.code in ('CREATOR_SHARE', 'NODE_SHARE', 'DATA_SHARE')"
                        + " and t.created_at >= ? and t.created_at < ?",
                rows -> {
                    LocalDate day = LocalDate.ofInstant(Jdbc.instant(rows, "created_at"), ZoneOffset.UTC);
                    String model = rows.getString("model") == null ? "" : rows.getString("model");
                    sums.merge(day + "\u0000" + model, Jdbc.big(rows, "amount"), BigInteger::add);
                    return null;
                }, accountKey, from, to);
        return sums.entrySet().stream().map(e -> {
            String[] parts = e.getKey().split("\u0000", -1);
            return new Ledger.DailyEarnings(LocalDate.parse(parts[0]), parts[1], e.getValue());
        }).toList();
    }

    @Override
    public List<Transfer> openHolds(Instant before, int limit) {
        return Sql.query(dataSource, "select " + TRANSFER_COLUMNS + " from rewards_transfer t where " + OPEN
                + " and t.created_at < ? order by t.created_at limit ?", Jdbc::transfer, before, limit);
    }

    @Override
    public List<Recount> recount() {
        String zero = "cast(0 as numeric(78, 0))";
        String folded = "select account, sum(pd) pd, sum(pc) pc, sum(pnd) pnd, sum(pnc) pnc from ("
                + " select t.debit_account account, case when " + POSTED + " then t.amount else " + zero + " end pd, "
                + zero + " pc, case when " + OPEN + " then t.amount else " + zero + " end pnd, " + zero + " pnc"
                + " from rewards_transfer t"
                + " union all"
                + " select t.credit_account, " + zero + ", case when " + POSTED + " then t.amount else " + zero + " end, "
                + zero + ", case when " + OPEN + " then t.amount else " + zero + " end"
                + " from rewards_transfer t) x group by account";
        return Sql.query(dataSource, "select a.id, a.kind, a.posted_debits, a.posted_credits, a.pending_debits,"
                + " a.pending_credits, f.pd, f.pc, f.pnd, f.pnc from rewards_account a left join (" + folded
                + ") f on f.account = a.id order by a.id", rows -> {
                    boolean owned = LedgerAccount.Kind.valueOf(rows.getString("kind")).owned();
                    Totals stored = owned ? totals(rows) : null;
                    Totals fold = new Totals(Jdbc.big(rows, "pd"), Jdbc.big(rows, "pc"), Jdbc.big(rows, "pnd"),
                            Jdbc.big(rows, "pnc"));
                    return new Recount(rows.getString("id"), owned, stored, fold);
                });
    }

    @Override
    public long countTransfers() {
        return Sql.count(dataSource, "select count(*) from rewards_transfer");
    }
}
