package ai.perspective.rewards.persistence;

import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.LedgerAccount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Plain JDBC on the hub's JTA datasource: the connection joins the caller's transaction. The
 * ledger uses SQL directly because its hot path is conditional updates and insert-or-nothing,
 * which JPA would only wrap.
 */
final class Jdbc {

    static final String TRANSFER_COLUMNS = "t.id, t.seq, t.debit_account, t.credit_account, t.amount, t.kind, t.code,"
            + " t.pending_id, t.reversal_of, t.model, t.memo, t.created_at";

    interface Rows<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private Jdbc() {
    }

    static int update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> List<T> query(DataSource dataSource, String sql, Rows<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(DataSource dataSource, String sql, Object... parameters) {
        return query(dataSource, sql, rows -> rows.getLong(1), parameters).get(0);
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof BigInteger big) {
                statement.setBigDecimal(i + 1, new BigDecimal(big));
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof Enum<?> e) {
                statement.setString(i + 1, e.name());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    static BigInteger big(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Ledger.Transfer transfer(ResultSet rows) throws SQLException {
        return new Ledger.Transfer(
                rows.getObject("id", UUID.class),
                rows.getLong("seq"),
                LedgerAccount.parse(rows.getString("debit_account")),
                LedgerAccount.parse(rows.getString("credit_account")),
                big(rows, "amount"),
                Ledger.Kind.valueOf(rows.getString("kind")),
                Ledger.Code.valueOf(rows.getString("code")),
                rows.getObject("pending_id", UUID.class),
                rows.getObject("reversal_of", UUID.class),
                rows.getString("model"),
                rows.getString("memo"),
                instant(rows, "created_at"));
    }
}
