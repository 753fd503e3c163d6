package ai.perspective.rewards.persistence;

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
                return new JdbcSession(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a ledger transaction", e);
        }
    }

    private static final class JdbcSession implements Session {

        private final Connection connection;
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
                    Jdbc.bind(insert, account.key(), account.kind(), account.owner() == null ? null : account.owner().value(), now);
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
                    Jdbc.bind(insert, parameters.toArray());
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

        private interface Row {
            void accept(ResultSet rows) throws SQLException;
        }

        private void query(String sql, List<?> parameters, Row row) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Jdbc.bind(statement, parameters.toArray());
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
