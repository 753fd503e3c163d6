package ai.perspective.shared.persistence;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The few lines of plain JDBC that modules keeping their rows in SQL share: a statement on a
 * connection from the hub's JTA datasource (so it joins the caller's transaction), parameters
 * bound by position with the hub's types (POV amounts as NUMERIC, instants as timestamps, enums by
 * name), and SQL errors as unchecked exceptions.
 */
public final class Sql {

    /** Maps the current row of a result. */
    public interface Rows<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private Sql() {
    }

    /** Whether the connection is to PostgreSQL (some statements have a faster PostgreSQL form; H2 gets the portable one). */
    public static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    /**
     * PostgreSQL: plans each statement of the current transaction for its parameters and the
     * table's present size. The driver prepares statements on the server, and PostgreSQL would
     * otherwise reuse a generic plan made while a table was small (a sequential scan) long after it
     * has grown: until the next ANALYZE, which never comes where autovacuum is off. For statements
     * that find rows by key in tables that grow (or, like the outbox, fill with dead rows).
     */
    public static void planForTheseParameters(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("set local plan_cache_mode = force_custom_plan");
        }
    }

    public static int update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> List<T> query(DataSource dataSource, String sql, Rows<T> mapper, Object... parameters) {
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

    public static long count(DataSource dataSource, String sql, Object... parameters) {
        return query(dataSource, sql, rows -> rows.getLong(1), parameters).get(0);
    }

    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
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
}
