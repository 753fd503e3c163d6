package ai.perspective.rewards.persistence;

import ai.perspective.shared.persistence.Sql;
import static ai.perspective.rewards.persistence.Jdbc.TRANSFER_COLUMNS;

import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.Journal.Totals;
import ai.perspective.rewards.domain.TransferStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The writer's storage on plain JDBC, in a transaction of its own (not the caller's JTA one): reads
 * use IN lists, transfers go in as multi-row INSERTs, totals as one JDBC batch. Portable SQL, so
 * the same code runs on PostgreSQL and the embedded H2.
 */
@ApplicationScoped
public class JdbcTransferStore implements TransferStore {

    /** Rows per multi-row INSERT (12 parameters each, well under PostgreSQL's 32767). */
    static final int INSERT_CHUNK = 500;
    /** Values per IN list. */
    static final int IN_CHUNK = 1000;

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;
    private volatile Boolean postgres;

    public JdbcTransferStore() {
    }

    /** For tests and tools outside the server. */
    public JdbcTransferStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Session open() {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                if (postgres == null) {
                    postgres = Sql.isPostgres(connection);
                }
                return postgres ? new PostgresSession(connection) : new JdbcSession(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a ledger transaction", e);
        }
    }

    private static class JdbcSession implements Session {

        final Connection connection;
        private boolean committed;

        JdbcSession(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Map<UUID, Transfer> byIds(Collection<UUID> ids) {
            return transfersWhere("t.id", ids, Transfer::id);
        }

        @Override
        public Map<UUID, Transfer> resolutions(Collection<UUID> pendingIds) {
            return transfersWhere("t.pending_id", pendingIds, Transfer::pendingId);
        }

        @Override
        public Map<UUID, Transfer> reversals(Collection<UUID> transferIds) {
            return transfersWhere("t.reversal_of", transferIds, Transfer::reversalOf);
        }

        private Map<UUID, Transfer> transfersWhere(String column, Collection<UUID> values,
                java.util.function.Function<Transfer, UUID> key) {
            Map<UUID, Transfer> found = new HashMap<>();
            for (List<?> chunk : chunks(List.copyOf(values), IN_CHUNK)) {
                query("select " + TRANSFER_COLUMNS + " from rewards_transfer t where " + column + " in (" + marks(chunk.size()) + ")",
                        chunk, rows -> {
                            Transfer t = Jdbc.transfer(rows);
                            found.put(key.apply(t), t);
                        });
            }
            return found;
        }

        @Override
        public Map<String, Totals> lockAccounts(Collection<String> keys) {
            Map<String, Totals> found = new HashMap<>();
            for (List<?> chunk : chunks(keys.stream().sorted().toList(), IN_CHUNK)) {
                query("select id, posted_debits, posted_credits, pending_debits, pending_credits from rewards_account"
                        + " where id in (" + marks(chunk.size()) + ") order by id for update", chunk,
                        rows -> found.put(rows.getString("id"), new Totals(Jdbc.big(rows, "posted_debits"),
                                Jdbc.big(rows, "posted_credits"), Jdbc.big(rows, "pending_debits"), Jdbc.big(rows, "pending_credits"))));
            }
            return found;
        }

        @Override
        public void createAccounts(List<LedgerAccount> accounts, Instant now) {
            if (accounts.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into rewards_account (id, kind, owner_id, created_at) values (?, ?, ?, ?)")) {
                for (LedgerAccount account : accounts) {
                    Sql.bind(insert, account.key(), account.kind(), account.owner() == null ? null : account.owner().value(), now);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long[] insert(List<Transfer> transfers) {
            Map<UUID, Long> seqs = new HashMap<>();
            for (List<?> chunk : chunks(transfers, INSERT_CHUNK)) {
                StringBuilder sql = new StringBuilder("insert into rewards_transfer (id, debit_account, credit_account, amount,"
                        + " kind, code, pending_id, reversal_of, model, memo, created_at) values ");
                List<Object> parameters = new ArrayList<>(chunk.size() * 11);
                for (int i = 0; i < chunk.size(); i++) {
                    Transfer t = (Transfer) chunk.get(i);
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    parameters.addAll(java.util.Arrays.asList(t.id(), t.debit().key(), t.credit().key(), t.amount(), t.kind(),
                            t.code(), t.pendingId(), t.reversalOf(), t.model(), t.memo(), t.createdAt()));
                }
                try (PreparedStatement insert = connection.prepareStatement(sql.toString(), new String[] {"id", "seq"})) {
                    Sql.bind(insert, parameters.toArray());
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            seqs.put(keys.getObject(1, UUID.class), keys.getLong(2));
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            long[] result = new long[transfers.size()];
            for (int i = 0; i < result.length; i++) {
                Long seq = seqs.get(transfers.get(i).id());
                if (seq == null) {
                    throw new IllegalStateException("The database gave no seq for transfer " + transfers.get(i).id());
                }
                result[i] = seq;
            }
            return result;
        }

        @Override
        public void setTotals(Map<String, Totals> totals) {
            if (totals.isEmpty()) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement("update rewards_account set posted_debits = ?,"
                    + " posted_credits = ?, pending_debits = ?, pending_credits = ? where id = ?")) {
                for (Map.Entry<String, Totals> e : totals.entrySet()) {
                    Totals t = e.getValue();
                    update.setBigDecimal(1, new BigDecimal(t.postedDebits()));
                    update.setBigDecimal(2, new BigDecimal(t.postedCredits()));
                    update.setBigDecimal(3, new BigDecimal(t.pendingDebits()));
                    update.setBigDecimal(4, new BigDecimal(t.pendingCredits()));
                    update.setString(5, e.getKey());
                    update.addBatch();
                }
                for (int count : update.executeBatch()) {
                    if (count == 0) {
                        throw new IllegalStateException("A locked account disappeared");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void commit() {
            try {
                connection.commit();
                committed = true;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try (connection) {
                if (!committed) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                // the connection is gone; nothing was committed
            }
        }

        interface Row {
            void accept(ResultSet rows) throws SQLException;
        }

        void query(String sql, List<?> parameters, Row row) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Sql.bind(statement, parameters.toArray());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row.accept(rows);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * PostgreSQL: one statement reads what a batch needs (transfers by id, resolution or reversal,
     * and the accounts, locked), one writes it (new accounts, transfers, totals), with the values
     * passed as arrays: with the commit, three round trips per batch whatever its size.
     */
    private static final class PostgresSession extends JdbcSession {

        /** One simple condition per branch (not ORed), so each is an index scan. */
        private static final String TRANSFERS_WHERE = " union all select 'T', null, null, null, null, null, t.id, t.seq,"
                + " t.debit_account, t.credit_account, t.amount, t.kind, t.code, t.pending_id, t.reversal_of, t.model, t.memo,"
                + " t.created_at from rewards_transfer t where ";

        private static final String READ = "with locked as (select id, posted_debits, posted_credits, pending_debits,"
                + " pending_credits from rewards_account where id = any(cast(? as varchar[])) order by id for update)"
                + " select 'A' r, id account_id, posted_debits, posted_credits, pending_debits, pending_credits,"
                + " null id, null seq, null debit_account, null credit_account, null amount, null kind, null code,"
                + " null pending_id, null reversal_of, null model, null memo, null created_at from locked"
                + TRANSFERS_WHERE + "t.id = any(cast(? as uuid[]))"
                + TRANSFERS_WHERE + "t.pending_id = any(cast(? as uuid[]))"
                + TRANSFERS_WHERE + "t.reversal_of = any(cast(? as uuid[]))";

        private static final String WRITE = "with new_accounts as (insert into rewards_account (id, kind, owner_id, posted_debits,"
                + " posted_credits, pending_debits, pending_credits, created_at) select a.id, a.kind, a.owner_id, a.pd, a.pc, a.pnd,"
                + " a.pnc, cast(? as timestamptz) from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as uuid[]),"
                + " cast(? as numeric[]), cast(? as numeric[]), cast(? as numeric[]), cast(? as numeric[]))"
                + " as a(id, kind, owner_id, pd, pc, pnd, pnc) returning 1),"
                + " totals as (update rewards_account a set posted_debits = d.pd, posted_credits = d.pc, pending_debits = d.pnd,"
                + " pending_credits = d.pnc from unnest(cast(? as varchar[]), cast(? as numeric[]), cast(? as numeric[]),"
                + " cast(? as numeric[]), cast(? as numeric[])) as d(id, pd, pc, pnd, pnc) where a.id = d.id returning 1),"
                + " transfers as (insert into rewards_transfer (id, debit_account, credit_account, amount, kind, code, pending_id,"
                + " reversal_of, model, memo, created_at) select * from unnest(cast(? as uuid[]), cast(? as varchar[]),"
                + " cast(? as varchar[]), cast(? as numeric[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as uuid[]),"
                + " cast(? as uuid[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as timestamptz[])) returning id, seq)"
                + " select 'T' r, id, seq from transfers union all select 'U', null, count(*) from totals"
                + " union all select 'N', null, count(*) from new_accounts";

        PostgresSession(Connection connection) {
            super(connection);
            try {
                Sql.planForTheseParameters(connection);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Snapshot read(Collection<UUID> ids, Collection<UUID> pendingIds, Collection<UUID> reversed,
                Collection<String> accounts) {
            Map<UUID, Transfer> byId = new HashMap<>();
            Map<UUID, Transfer> resolutions = new HashMap<>();
            Map<UUID, Transfer> reversals = new HashMap<>();
            Map<String, Totals> locked = new HashMap<>();
            java.util.Set<UUID> wanted = new java.util.HashSet<>(ids);
            wanted.addAll(pendingIds);
            try (PreparedStatement read = connection.prepareStatement(READ)) {
                read.setArray(1, connection.createArrayOf("varchar", accounts.toArray()));
                read.setArray(2, connection.createArrayOf("uuid", wanted.toArray()));
                read.setArray(3, connection.createArrayOf("uuid", pendingIds.toArray()));
                read.setArray(4, connection.createArrayOf("uuid", reversed.toArray()));
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        if ("A".equals(rows.getString("r"))) {
                            locked.put(rows.getString("account_id"), new Totals(Jdbc.big(rows, "posted_debits"),
                                    Jdbc.big(rows, "posted_credits"), Jdbc.big(rows, "pending_debits"), Jdbc.big(rows, "pending_credits")));
                            continue;
                        }
                        Transfer t = Jdbc.transfer(rows);
                        if (wanted.contains(t.id())) {
                            byId.put(t.id(), t);
                        }
                        if (t.pendingId() != null && pendingIds.contains(t.pendingId())) {
                            resolutions.put(t.pendingId(), t);
                        }
                        if (t.reversalOf() != null && reversed.contains(t.reversalOf())) {
                            reversals.put(t.reversalOf(), t);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return new Snapshot(byId, resolutions, reversals, locked);
        }

        @Override
        public long[] write(Map<LedgerAccount, Totals> newAccounts, Instant now, List<Transfer> transfers, Map<String, Totals> totals) {
            if (newAccounts.isEmpty() && transfers.isEmpty() && totals.isEmpty()) {
                return new long[0];
            }
            int a = newAccounts.size();
            Object[] aId = new Object[a];
            Object[] aKind = new Object[a];
            Object[] aOwner = new Object[a];
            Object[][] aTotals = new Object[4][a];
            int i = 0;
            for (Map.Entry<LedgerAccount, Totals> e : newAccounts.entrySet()) {
                aId[i] = e.getKey().key();
                aKind[i] = e.getKey().kind().name();
                aOwner[i] = e.getKey().owner() == null ? null : e.getKey().owner().value();
                fill(aTotals, i++, e.getValue());
            }
            int u = totals.size();
            Object[] uId = new Object[u];
            Object[][] uTotals = new Object[4][u];
            i = 0;
            for (Map.Entry<String, Totals> e : totals.entrySet()) {
                uId[i] = e.getKey();
                fill(uTotals, i++, e.getValue());
            }
            int n = transfers.size();
            Object[][] t = new Object[11][n];
            for (i = 0; i < n; i++) {
                Transfer x = transfers.get(i);
                t[0][i] = x.id();
                t[1][i] = x.debit().key();
                t[2][i] = x.credit().key();
                t[3][i] = new BigDecimal(x.amount());
                t[4][i] = x.kind().name();
                t[5][i] = x.code().name();
                t[6][i] = x.pendingId();
                t[7][i] = x.reversalOf();
                t[8][i] = x.model();
                t[9][i] = x.memo();
                t[10][i] = Timestamp.from(x.createdAt());
            }
            String[] transferTypes = {"uuid", "varchar", "varchar", "numeric", "varchar", "varchar", "uuid", "uuid", "varchar",
                    "varchar", "timestamptz"};
            Map<UUID, Long> seqs = new HashMap<>();
            try (PreparedStatement write = connection.prepareStatement(WRITE)) {
                int p = 1;
                write.setTimestamp(p++, Timestamp.from(now));
                write.setArray(p++, connection.createArrayOf("varchar", aId));
                write.setArray(p++, connection.createArrayOf("varchar", aKind));
                write.setArray(p++, connection.createArrayOf("uuid", aOwner));
                for (Object[] column : aTotals) {
                    write.setArray(p++, connection.createArrayOf("numeric", column));
                }
                write.setArray(p++, connection.createArrayOf("varchar", uId));
                for (Object[] column : uTotals) {
                    write.setArray(p++, connection.createArrayOf("numeric", column));
                }
                for (int c = 0; c < t.length; c++) {
                    write.setArray(p++, connection.createArrayOf(transferTypes[c], t[c]));
                }
                try (ResultSet rows = write.executeQuery()) {
                    while (rows.next()) {
                        switch (rows.getString("r")) {
                            case "T" -> seqs.put(rows.getObject("id", UUID.class), rows.getLong("seq"));
                            case "U" -> {
                                if (rows.getLong("seq") != u) {
                                    throw new IllegalStateException("A locked account disappeared");
                                }
                            }
                            default -> {
                                // new accounts: a duplicate would have failed the statement
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            long[] result = new long[n];
            for (i = 0; i < n; i++) {
                Long seq = seqs.get(transfers.get(i).id());
                if (seq == null) {
                    throw new IllegalStateException("The database gave no seq for transfer " + transfers.get(i).id());
                }
                result[i] = seq;
            }
            return result;
        }

        private static void fill(Object[][] columns, int i, Totals t) {
            columns[0][i] = new BigDecimal(t.postedDebits());
            columns[1][i] = new BigDecimal(t.postedCredits());
            columns[2][i] = new BigDecimal(t.pendingDebits());
            columns[3][i] = new BigDecimal(t.pendingCredits());
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static List<List<?>> chunks(List<?> values, int size) {
        List<List<?>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += size) {
            chunks.add(values.subList(i, Math.min(values.size(), i + size)));
        }
        return chunks;
    }
}
