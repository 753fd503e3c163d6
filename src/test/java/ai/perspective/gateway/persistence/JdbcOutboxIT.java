package ai.perspective.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.Migrations;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.ArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on the ITs' PostgreSQL, in a schema of its own: what the relay's delete costs once
 * the outbox has grown, on one pooled connection that has run it many times while it was small.
 */
class JdbcOutboxIT {

    private static final String SCHEMA = "outbox_plan_it";

    Connection shared;
    JdbcOutbox outbox;

    @BeforeEach
    void schema() throws Exception {
        shared = DriverManager.getConnection(System.getProperty("it.db.url") + "?currentSchema=" + SCHEMA,
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
        try (Statement sql = shared.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            sql.execute("create schema " + SCHEMA);
        }
        Migrations.apply(shared, "db/migration/gateway/V200__gateway_create_usage.sql",
                "db/migration/gateway/V201__gateway_outbox_reads_events_from_usage.sql");
        outbox = new JdbcOutbox();
        outbox.dataSource = onePooledConnection(shared);
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement sql = shared.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        shared.close();
    }

    @Test
    void deliveredMarksAreDeletedByKeyAfterTheOutboxHasGrown() throws Exception {
        // while the outbox is small, the delete runs often enough on this connection for PostgreSQL to
        // settle on one plan for it (the driver prepares it on the server after five runs); batches of
        // 50, as the relay delivers them under load
        for (int i = 0; i < 20; i++) {
            outbox.delivered(marks(50));
        }
        // then the outbox grows: 50,000 marks, of which all but a hundred are delivered (dead rows until a vacuum)
        try (Statement sql = shared.createStatement()) {
            sql.execute("insert into gateway_outbox (id, event_type, created_at)"
                    + " select gen_random_uuid(), 'ModelUsed', now() from generate_series(1, 50000)");
            sql.execute("delete from gateway_outbox where id in (select id from gateway_outbox offset 100)");
        }
        long scansBefore = sequentialScans();

        List<UUID> delivered = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<UUID> batch = marks(50);
            outbox.delivered(batch);
            delivered.addAll(batch);
        }

        assertThat(sequentialScans() - scansBefore)
                .as("deletes that read the whole outbox, dead rows and all, instead of finding the marks by key")
                .isZero();
        assertThat(count("select count(*) from gateway_outbox where id in ('" + String.join("', '",
                delivered.stream().map(UUID::toString).toList()) + "')")).isZero();
        assertThat(count("select count(*) from gateway_outbox")).isEqualTo(100);
    }

    private List<UUID> marks(int n) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Statement sql = shared.createStatement()) {
            for (int i = 0; i < n; i++) {
                ids.add(UUID.randomUUID());
                sql.addBatch("insert into gateway_outbox (id, event_type, created_at) values ('" + ids.getLast()
                        + "', 'ModelUsed', now())");
            }
            sql.executeBatch();
        }
        return ids;
    }

    /** Sequential scans of the outbox so far, this session's included (flushed to the statistics first). */
    private long sequentialScans() throws SQLException {
        try (Statement sql = shared.createStatement()) {
            sql.execute("select pg_stat_force_next_flush()");
        }
        // the flush happens when that statement's transaction ends; a new transaction reads fresh statistics
        return count("select seq_scan from pg_stat_user_tables where schemaname = '" + SCHEMA + "' and relname = 'gateway_outbox'");
    }

    private long count(String query) throws SQLException {
        try (Statement sql = shared.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A pool of one: every getConnection is the same connection, so its prepared statements and plans carry over. */
    private static DataSource onePooledConnection(Connection connection) {
        Connection borrowed = (Connection) Proxy.newProxyInstance(JdbcOutboxIT.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        connection.setAutoCommit(true); // as a pool resets a returned connection
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return borrowed;
            }

            @Override
            public Connection getConnection(String user, String password) {
                return borrowed;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }
}
